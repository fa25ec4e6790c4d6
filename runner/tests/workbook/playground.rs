//! The live book's playground in headless Chromium, against the site that
//! `book build` makes, served by a plain static server with no COOP/COEP
//! headers under a project path (`/workbook/`, as GitHub Pages serves
//! `/<repo>/`), so every URL the pages use must be relative to the site's
//! root: the page isolates itself through its service worker, every
//! exercise a browser can run fails from its starter at the stage `dev check`
//! reports and passes from its solution with the recorded log, and every
//! chapter variant written in WAT and JavaScript passes when rebuilt there.

use std::collections::BTreeMap;
use std::process::Command;

use runner::dev_check::audit_exercises;
use runner::site::build_site;
use serde_json::Value;

use super::support::{MDBOOK_INSTALL, repo_root, repo_workbook, require_tool, toolchain};

const CHROMIUM: &str = "/usr/bin/chromium";

/// The site built into a temporary folder (the tests that call this are
/// compiled as ignored where Chromium or mdbook is missing).
fn built_site() -> tempfile::TempDir {
    require_tool(CHROMIUM, "apt-get install -y chromium");
    require_tool("mdbook", MDBOOK_INSTALL);
    let dir = tempfile::tempdir().unwrap();
    build_site(&repo_workbook(), toolchain(), dir.path()).expect("book build");
    dir
}

/// The project path the driver serves the site under unless told otherwise.
const PROJECT_PATH: &str = "/workbook/";

/// Runs `node-harness/playground-driver.mjs` with the site under [`PROJECT_PATH`].
pub fn drive(site: &std::path::Path, args: &[&str]) -> Value {
    drive_at(site, PROJECT_PATH, args)
}

/// Runs `node-harness/playground-driver.mjs` under the pinned Node, with the
/// site served under `prefix`, and parses its JSON; no page may have asked for
/// a URL outside `prefix`.
pub fn drive_at(site: &std::path::Path, prefix: &str, args: &[&str]) -> Value {
    let harness = repo_root().join("node-harness");
    let output = Command::new(harness.join("node_modules/node26/bin/node"))
        .env("WORKBOOK_SITE_PREFIX", prefix)
        .arg(harness.join("playground-driver.mjs"))
        .arg(CHROMIUM)
        .arg(site)
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "driver failed:\n{stdout}\n{stderr}"
    );
    let report: Value =
        serde_json::from_str(&stdout).unwrap_or_else(|error| panic!("{error}: {stdout}"));
    assert_eq!(report["sitePrefix"], prefix, "{report:#}");
    assert_eq!(
        report["outsidePrefix"],
        serde_json::json!([]),
        "a page asked for these URLs outside the site's root {prefix}: an absolute URL left somewhere"
    );
    report
}

/// The stage at which `dev check` (the runner, under Node) sees each starter fail.
fn runner_starter_stages() -> BTreeMap<String, String> {
    let workbook = repo_workbook();
    let exercises = workbook.exercises().unwrap();
    audit_exercises(&workbook, toolchain(), &exercises, false)
        .unwrap()
        .into_iter()
        .filter_map(|audit| Some((audit.name, audit.starter_failed_at?.to_string())))
        .collect()
}

#[test]
#[cfg_attr(
    missing_chromium,
    ignore = "needs Chromium: apt-get install -y chromium"
)]
#[cfg_attr(
    missing_mdbook,
    ignore = "needs mdbook: cargo install mdbook --locked --version 0.5.4"
)]
fn every_browser_exercise_fails_and_passes_as_under_the_runner_on_a_plain_static_host() {
    let site = built_site();
    let report = drive(site.path(), &["parity"]);
    assert_eq!(
        report["crossOriginIsolated"], true,
        "the service worker did not isolate the page"
    );
    assert_eq!(report["pageErrors"], serde_json::json!([]), "{report:#}");
    let stages = runner_starter_stages();
    let ran = report["exercises"].as_array().unwrap();
    let unavailable = report["unavailable"].as_array().unwrap();
    assert_eq!(ran.len() + unavailable.len(), stages.len(), "{report:#}");
    for exercise in ran {
        let name = exercise["name"].as_str().unwrap();
        let (starter, solution) = (&exercise["starter"], &exercise["solution"]);
        assert_eq!(starter["status"], "fail", "{name}'s starter: {starter:#}");
        assert_eq!(
            starter["stage"].as_str(),
            stages.get(name).map(String::as_str),
            "{name}'s starter fails at another stage in the page: {starter:#}"
        );
        assert_eq!(
            solution["status"], "pass",
            "{name}'s solution: {solution:#}"
        );
    }
    for exercise in unavailable {
        let reason = exercise["reason"].as_str().unwrap();
        assert!(reason.contains("emcc"), "{exercise:#}");
    }
    assert_chapter_variants_pass(site.path(), &report);
    assert_eq!(
        report["hostPage"]["state"], "done",
        "the host page did not run a variant under the project path: {report:#}"
    );
    assert_eq!(
        report["hostPage"]["crossOriginIsolated"], true,
        "the host page, opened first in a new context, never became cross-origin isolated \
         (it loads coi-serviceworker.js, which reloads it once): {report:#}"
    );
}

/// Every chapter variant whose sources are WAT or JavaScript, rebuilt in the
/// page, passes with its recorded (browser) log; the others say why not.
fn assert_chapter_variants_pass(site: &std::path::Path, report: &Value) {
    let listed: Value =
        serde_json::from_slice(&std::fs::read(site.join("variants.json")).unwrap()).unwrap();
    let listed = listed.as_array().unwrap();
    let ran = report["variants"].as_array().unwrap();
    let skipped: Vec<&Value> = listed
        .iter()
        .filter(|variant| !variant["unavailable"].is_null())
        .collect();
    assert_eq!(ran.len() + skipped.len(), listed.len(), "{report:#}");
    assert!(
        ran.len() > skipped.len(),
        "most variants must run in the page: {report:#}"
    );
    for variant in ran {
        assert_eq!(variant["status"], "pass", "{variant:#}");
    }
    for variant in skipped {
        let reason = variant["unavailable"].as_str().unwrap();
        assert!(
            reason.contains("a compiler a browser does not have")
                || reason.starts_with("not run in a browser"),
            "{variant:#}"
        );
    }
}

#[test]
#[cfg_attr(
    missing_chromium,
    ignore = "needs Chromium: apt-get install -y chromium"
)]
#[cfg_attr(
    missing_mdbook,
    ignore = "needs mdbook: cargo install mdbook --locked --version 0.5.4"
)]
fn a_learner_sees_the_starter_fail_with_the_labelled_diff_edits_the_fix_and_passes_by_ctrl_enter() {
    let site = built_site();
    let screenshots = tempfile::tempdir().unwrap();
    let walk = drive(site.path(), &["walk", screenshots.path().to_str().unwrap()]);
    let (starter, solved) = (&walk["starter"], &walk["solved"]);
    assert_eq!(starter["state"], "fail", "{walk:#}");
    let diff = starter["diff"].as_str().unwrap();
    assert!(
        diff.starts_with("- expected   + logged by your run"),
        "{walk:#}"
    );
    assert!(diff.lines().any(|line| line.starts_with("- ")), "{walk:#}");
    assert!(diff.lines().any(|line| line.starts_with("+ ")), "{walk:#}");
    assert_eq!(
        starter["solutionShown"], false,
        "the solution showed before a pass"
    );
    assert_eq!(solved["state"], "pass", "{walk:#}");
    assert_eq!(
        solved["typedLineKept"], true,
        "the line typed into the editor is not in its text: {walk:#}"
    );
    assert_eq!(solved["solutionShown"], true, "{walk:#}");
    assert_eq!(walk["resetRestoredStarter"], true, "{walk:#}");
    let (light, dark) = (&walk["themes"]["light"], &walk["themes"]["dark"]);
    assert_eq!(
        (light["theme"].as_str(), dark["theme"].as_str()),
        (Some("light"), Some("dark")),
        "{walk:#}"
    );
    assert_ne!(
        light["editorBackground"], dark["editorBackground"],
        "the editor kept its colours in the book's dark theme: {walk:#}"
    );
    for step in [
        "1-starter",
        "2-starter-fails",
        "3-solution-passes",
        "4-dark-theme",
    ] {
        let png = screenshots.path().join(format!("playground-{step}.png"));
        assert!(
            std::fs::metadata(&png).is_ok_and(|file| file.len() > 0),
            "no {}",
            png.display()
        );
    }
}

/// The first page of the built book (relative to the site) that links an exercise to the playground.
fn a_book_page_with_playground_links(site: &std::path::Path) -> String {
    let book = site.join("book");
    runner::files::files_with_extension(&book.join("chapters"), "html")
        .unwrap()
        .into_iter()
        .find(|page| {
            let html = std::fs::read_to_string(page).unwrap_or_default();
            html.contains("edit-and-run.html?exercise=")
                && html.contains("edit-and-run.html?variant=")
        })
        .map(|page| {
            let relative = page.strip_prefix(site).unwrap();
            relative.to_string_lossy().replace('\\', "/")
        })
        .expect("no chapter page links both an exercise and a variant to the playground")
}

#[test]
#[cfg_attr(
    missing_chromium,
    ignore = "needs Chromium: apt-get install -y chromium"
)]
#[cfg_attr(
    missing_mdbook,
    ignore = "needs mdbook: cargo install mdbook --locked --version 0.5.4"
)]
fn at_the_sites_root_a_chapter_pages_links_open_its_exercise_and_its_listing_in_the_playground() {
    let site = built_site();
    let page = a_book_page_with_playground_links(site.path());
    let followed = drive_at(site.path(), "/", &["follow", &page]);
    assert_eq!(
        followed["pageErrors"],
        serde_json::json!([]),
        "{followed:#}"
    );
    let exercises: Value =
        serde_json::from_slice(&std::fs::read(site.path().join("exercises.json")).unwrap())
            .unwrap();
    let (exercise, variant) = (&followed["exercise"], &followed["variant"]);
    let path = exercise["path"].as_str().unwrap();
    let name = path
        .strip_prefix("/playground/?exercise=")
        .unwrap_or_else(|| panic!("{followed:#}"));
    let listed = (exercises.as_array().unwrap().iter())
        .find(|listed| listed["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not in exercises.json"));
    assert_eq!(exercise["title"], listed["title"], "{followed:#}");
    assert!(exercise["editors"].as_u64().unwrap() > 0, "{followed:#}");
    let path = variant["path"].as_str().unwrap();
    let name = path
        .strip_prefix("/playground/?variant=")
        .unwrap_or_else(|| panic!("{followed:#}"));
    assert_eq!(variant["title"], name, "{followed:#}");
    assert!(variant["editors"].as_u64().unwrap() > 1, "{followed:#}");
    assert_every_copied_package_is_in_the_licences_page(site.path());
}

/// Each package folder under the site's `node_modules/` (`name` or `@scope/name`).
fn copied_packages(site: &std::path::Path) -> Vec<String> {
    let listed = |dir: &std::path::Path| -> Vec<(String, std::path::PathBuf)> {
        (std::fs::read_dir(dir).unwrap())
            .map(|entry| entry.unwrap())
            .map(|entry| {
                (
                    entry.file_name().to_string_lossy().into_owned(),
                    entry.path(),
                )
            })
            .collect()
    };
    let mut packages = Vec::new();
    for (name, path) in listed(&site.join("node_modules")) {
        if name.starts_with('@') {
            packages.extend(
                listed(&path)
                    .into_iter()
                    .map(|(inner, _)| format!("{name}/{inner}")),
            );
        } else {
            packages.push(name);
        }
    }
    packages
}

/// `LICENSES.html` has a row for each copied package, and each carries its licence file.
fn assert_every_copied_package_is_in_the_licences_page(site: &std::path::Path) {
    let page = std::fs::read_to_string(site.join("LICENSES.html")).unwrap();
    let packages = copied_packages(site);
    assert!(
        packages.iter().any(|package| package == "@codemirror/view"),
        "the editor's packages are not in the site: {packages:?}"
    );
    for package in packages {
        assert!(
            page.contains(&format!("<tr><td>{package}</td>")),
            "LICENSES.html has no row for `{package}`"
        );
        let folder = site.join("node_modules").join(&package);
        let has_licence = (std::fs::read_dir(&folder).unwrap()).any(|entry| {
            let name = entry.unwrap().file_name().to_string_lossy().to_uppercase();
            name.starts_with("LICENSE") || name.starts_with("LICENCE")
        });
        assert!(
            has_licence,
            "`{package}` is copied without its licence file"
        );
    }
}
