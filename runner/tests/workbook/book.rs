//! The book is built from the tested files, and the checks that keep it so
//! can fail. The pages are read from the data, so no chapter is named here.

use std::process::Command;

use runner::book::{
    COMPARISON_TABLE, RECORDED_BENCH, RECORDED_BROWSER_BENCH, check_book, comparison_table,
    generate_book_files,
};
use runner::workbook::Workbook;

use super::support::{
    ScratchWorkbook, build_book, repo_root, repo_workbook, require_tool, toolchain,
};

/// The first `{{#include <file>:<anchor>}}` of the first chapter's page, as (page, file, anchor).
fn first_anchored_include() -> (String, String, String) {
    let first = repo_workbook().manifest.chapters[0].to_string();
    let page = format!("book/src/chapters/{first}.md");
    let text = std::fs::read_to_string(repo_root().join(&page)).unwrap();
    let directive = text
        .split("{{#include ")
        .skip(1)
        .map(|rest| &rest[..rest.find("}}").unwrap()])
        .find(|directive| directive.contains("/chapters/") && !directive.ends_with(':'))
        .expect("the first chapter's page includes an anchor of one of its files");
    let (file, anchor) = directive.rsplit_once(':').unwrap();
    (page, file.to_string(), anchor.to_string())
}

#[test]
fn book_check_finds_no_problems() {
    assert_eq!(
        check_book(&repo_workbook(), toolchain()).unwrap(),
        Vec::<String>::new()
    );
}

#[test]
fn generated_comparison_table_is_current() {
    let workbook = repo_workbook();
    let committed = std::fs::read_to_string(repo_root().join("book/src").join(COMPARISON_TABLE))
        .unwrap_or_default();
    assert_eq!(
        committed,
        comparison_table(&workbook).unwrap(),
        "run `cargo run -p runner -- book generate`"
    );
}

#[test]
fn a_technique_without_a_row_in_a_recorded_bench_is_reported() {
    for recording in [RECORDED_BENCH, RECORDED_BROWSER_BENCH] {
        let scratch = ScratchWorkbook::copy_of(&repo_root());
        let path = scratch.root().join(recording);
        let mut recorded: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let rows = recorded["techniques"].as_array_mut().unwrap();
        let removed = rows.pop().unwrap()["name"].as_str().unwrap().to_string();
        std::fs::write(&path, serde_json::to_string_pretty(&recorded).unwrap()).unwrap();
        let problems = check_book(&Workbook::open(scratch.root()).unwrap(), toolchain()).unwrap();
        assert!(
            problems.iter().any(|problem| problem.starts_with(recording)
                && problem.contains(&format!(
                    "technique `{removed}` (bench/bench.toml) has no row"
                ))),
            "{recording}: {problems:?}"
        );
    }
}

#[test]
fn a_recorded_size_that_differs_from_the_built_module_is_reported() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    // One more function in the Suspender row's module.
    scratch.mutate(
        "bench/round_trip_suspender.wat",
        "  (memory (export \"memory\") 1)",
        "  (memory (export \"memory\") 1)\n  (func (export \"extra\") (result i32) (i32.const 7))",
    );
    let problems = check_book(&Workbook::open(scratch.root()).unwrap(), toolchain()).unwrap();
    assert!(
        problems.iter().any(|problem| problem.contains("technique `jspi-suspender` was measured on a module of 146 bytes without names (282 with)")
            && problem.contains("`round-trip-suspender` builds to")),
        "{problems:?}"
    );
}

#[test]
fn a_compared_chapter_without_a_bench_technique_is_reported() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let manifest = std::fs::read_to_string(scratch.root().join("bench/bench.toml")).unwrap();
    let retitled = manifest.replace("chapter = \"callback\"", "chapter = \"blocking\"");
    std::fs::write(scratch.root().join("bench/bench.toml"), retitled).unwrap();
    let problems = check_book(&Workbook::open(scratch.root()).unwrap(), toolchain()).unwrap();
    assert!(
        problems.contains(&"bench/bench.toml: chapter `callback` is compared in book/comparison.toml but has no [[technique]], so the cost table has no row for it".to_string()),
        "{problems:?}"
    );
}

#[test]
fn deleting_an_anchor_the_book_uses_names_the_page_and_anchor() {
    let (page, file, anchor) = first_anchored_include();
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let source = file.trim_start_matches("../../../");
    let text = std::fs::read_to_string(scratch.root().join(source)).unwrap();
    let marker = text
        .lines()
        .find(|line| line.contains(&format!("ANCHOR: {anchor}")))
        .unwrap();
    scratch.mutate(source, &format!("{marker}\n"), "");
    let problems = check_book(&Workbook::open(scratch.root()).unwrap(), toolchain()).unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(&format!("{page}:"))
            && problems[0].contains(&format!("anchor `{anchor}` is missing from `{file}`")),
        "{problems:?}"
    );
}

#[test]
fn a_chapter_missing_from_the_summary_leaves_it_stale() {
    let second = repo_workbook().manifest.chapters[1].to_string();
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let summary = std::fs::read_to_string(scratch.root().join("book/src/SUMMARY.md")).unwrap();
    let link = format!("(chapters/{second}.md)");
    let entry = summary.lines().find(|line| line.contains(&link)).unwrap();
    scratch.mutate("book/src/SUMMARY.md", &format!("{entry}\n"), "");
    let problems = check_book(&Workbook::open(scratch.root()).unwrap(), toolchain()).unwrap();
    assert_eq!(
        problems,
        [
            "book/src/SUMMARY.md: the chapter list (between the generated markers) is stale; run `cargo run -p runner -- book generate`"
        ]
    );
}

#[test]
fn a_changed_chapter_summary_is_stale_in_the_readme_until_generated() {
    let second = repo_workbook().manifest.chapters[1].to_string();
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let manifest = format!("chapters/{second}/chapter.toml");
    let text = std::fs::read_to_string(scratch.root().join(&manifest)).unwrap();
    let summary = text
        .lines()
        .find(|line| line.starts_with("summary = "))
        .unwrap();
    scratch.mutate(&manifest, summary, "summary = \"A summary | with a bar\"");
    let workbook = Workbook::open(scratch.root()).unwrap();
    let problems = check_book(&workbook, toolchain()).unwrap();
    assert_eq!(
        problems,
        [
            "README.md: the chapter table (between the generated markers) is stale; run `cargo run -p runner -- book generate`"
        ]
    );
    generate_book_files(&workbook, toolchain()).unwrap();
    assert_eq!(
        check_book(&workbook, toolchain()).unwrap(),
        Vec::<String>::new()
    );
    let readme = std::fs::read_to_string(scratch.root().join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("| `{second}` | A summary \\| with a bar |")),
        "{readme}"
    );
}

#[test]
fn a_list_without_its_markers_names_the_file_and_the_line_to_add() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    scratch.mutate("README.md", "<!-- end of chapter table -->\n", "");
    let error = check_book(&Workbook::open(scratch.root()).unwrap(), toolchain()).unwrap_err();
    assert!(
        format!("{error:#}").starts_with(
            "README.md: the line `<!-- end of chapter table -->` must appear once (found 0 times)"
        ),
        "{error:#}"
    );
}

#[test]
fn a_snapshot_included_with_its_header_is_reported() {
    let first = repo_workbook().manifest.chapters[0].to_string();
    let page = format!("book/src/chapters/{first}.md");
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let text = std::fs::read_to_string(scratch.root().join(&page)).unwrap();
    let include = text
        .lines()
        .find(|line| line.contains(".log.snap:5:}}"))
        .expect("the first chapter's page shows a recorded log");
    scratch.mutate(&page, include, &include.replace(":5:}}", "}}"));
    let problems = check_book(&Workbook::open(scratch.root()).unwrap(), toolchain()).unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(&format!("{page}:"))
            && problems[0]
                .contains(":5:` so insta's header (its first 4 lines) stays out of the book"),
        "{problems:?}"
    );
}

#[test]
#[cfg_attr(
    missing_mdbook,
    ignore = "needs mdbook: cargo install mdbook --locked --version 0.5.4"
)]
#[cfg_attr(
    missing_chromium,
    ignore = "needs Chromium: apt-get install -y chromium"
)]
fn mdbook_builds_and_the_chapter_page_shows_its_listing() {
    let (out, _) = build_book();
    let (page, _, _) = first_anchored_include();
    let html = out
        .path()
        .join(page.trim_start_matches("book/src/").replace(".md", ".html"));
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(
        !text.contains("{{#include"),
        "an include was left unresolved"
    );
    assert!(
        text.contains("language-wat"),
        "no WAT listing in {}",
        html.display()
    );

    require_tool("chromium", "apt-get install -y chromium");
    let profile = tempfile::tempdir().unwrap();
    let rendered = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&rendered.stdout);
    assert!(
        dom.contains("language-wat"),
        "headless Chromium shows no WAT listing:\n{dom}"
    );
}

#[test]
fn a_page_that_includes_a_solution_fails_the_check() {
    let workbook = repo_workbook();
    let (exercise, chapter) = workbook.manifest.exercises[0].clone();
    let solution = workbook.exercise(exercise.as_str()).unwrap().manifest.files[0].clone();
    let page = format!("book/src/chapters/{chapter}.md");
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let text = std::fs::read_to_string(scratch.root().join(&page)).unwrap();
    let include = format!(
        "\n```text\n{{{{#include ../../../chapters/{chapter}/exercises/{exercise}/solution/{}}}}}\n```\n",
        solution.display()
    );
    std::fs::write(scratch.root().join(&page), text + &include).unwrap();
    let problems = check_book(&Workbook::open(scratch.root()).unwrap(), toolchain()).unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(&format!("{page}:"))
            && problems[0].contains(&format!("is the solution of exercise `{exercise}`")),
        "{problems:?}"
    );
}

#[test]
fn a_listing_a_solution_repeats_must_wait_until_after_the_exercise() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let src = scratch.root().join("book/src/chapters");
    let mut opened = 0;
    // Chapter pages and their subpages (a chapter's folder of pages).
    for path in runner::files::files_with_extension(&src, "md").unwrap() {
        let text = std::fs::read_to_string(&path).unwrap();
        if text.contains("<summary>After the exercise") {
            opened += 1;
            let text = text.replace("<summary>After the exercise", "<summary>The listing, for");
            std::fs::write(&path, text).unwrap();
        }
    }
    assert!(
        opened > 0,
        "a page holds a listing back until after its exercise"
    );
    let problems = check_book(&Workbook::open(scratch.root()).unwrap(), toolchain()).unwrap();
    assert!(!problems.is_empty());
    for problem in &problems {
        assert!(
            problem.contains("repeats") && problem.contains("line for line"),
            "{problems:?}"
        );
    }
}

#[test]
fn a_chapter_page_without_a_drawing_of_its_run_is_reported() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    // The same listing, included from a drawing of another chapter.
    scratch.mutate(
        "book/src/chapters/blocking.md",
        "snapshots/blocking/busy-wait.drawing.snap",
        "snapshots/callback/split.drawing.snap",
    );
    let problems = check_book(&Workbook::open(scratch.root()).unwrap(), toolchain()).unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("book/src/chapters/blocking.md: shows no drawing of its own run"),
        "{problems:?}"
    );
}

#[test]
fn a_book_part_belongs_to_a_chapter_not_an_exercise() {
    let workbook = repo_workbook();
    let (exercise, chapter) = workbook.manifest.exercises[0].clone();
    let manifest = format!("chapters/{chapter}/exercises/{exercise}/exercise.toml");
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    scratch.mutate(&manifest, "title = ", "part = \"Extra\"\ntitle = ");
    let error = Workbook::open(scratch.root())
        .and_then(|workbook| workbook.exercises())
        .unwrap_err();
    assert!(
        format!("{error:#}")
            .contains("`part` belongs in a chapter's `chapter.toml`, not in an exercise"),
        "{error:#}"
    );
}
