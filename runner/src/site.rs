//! `runner book build`: the live book as one static folder. The mdBook, the
//! playground, the host library, the built chapters and the pinned npm
//! packages the pages import, laid out under the same URLs as `runner serve`,
//! so the browser environment of the host reads them unchanged.

mod editor_packages;
mod exercises;
mod licences;
mod run_listing;
mod variants;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::files::{copy_creating_parents, copy_tree, write_atomically};
use crate::process::run_process;
use crate::run::module_sizes;
use crate::serve::{BROWSER_PACKAGES, ServedSite};
use crate::toolchain::Toolchain;
use crate::workbook::Workbook;

pub use editor_packages::{EDITOR_PACKAGES, EDITOR_PACKAGES_SCRIPT, editor_packages};
pub use exercises::{ExerciseListing, exercise_listings};
pub use run_listing::{ModuleListing, RunListing};

use editor_packages::{copy_editor_packages, editor_packages_script};
pub use variants::{VariantListing, listed_variants, variant_listings};

/// The folder `book build` writes, under the workbook's target folder.
pub const SITE_DIR: &str = "site";

/// The packages the site carries besides the host page's: binaryen for the
/// in-page build, coi-serviceworker for cross-origin isolation (and the
/// editor's, [`EDITOR_PACKAGES`] with what they import).
pub const PLAYGROUND_PACKAGES: &[&str] = &["binaryen", "coi-serviceworker"];

/// mdbook builds the book in about a second; this is far above that.
const BOOK_BUILD_LIMIT: Duration = Duration::from_mins(2);

/// Where `book build` writes the site: `target/workbook/site`.
pub fn default_site_dir(workbook: &Workbook) -> PathBuf {
    workbook.target_dir().join(SITE_DIR)
}

/// Builds the site into `site` (emptied first, so it must be a folder of its own).
///
/// # Errors
///
/// Fails when a chapter module does not build, mdbook is missing or fails,
/// or a file cannot be copied or written; each message names the file or command.
pub fn build_site(workbook: &Workbook, toolchain: &Toolchain, site: &Path) -> Result<()> {
    let site = site.to_path_buf();
    if site.exists() {
        std::fs::remove_dir_all(&site).with_context(|| format!("emptying `{}`", site.display()))?;
    }
    std::fs::create_dir_all(&site).with_context(|| format!("creating `{}`", site.display()))?;
    let chapters = workbook.chapters()?;
    for chapter in &chapters {
        for (module, bytes) in module_sizes(workbook, chapter, toolchain)? {
            if bytes.is_none() {
                let name = chapter.id.name();
                bail!(
                    "module `{module}` of chapter `{name}` did not build; run `cargo run -p runner -- chapter {name}` to see why"
                );
            }
        }
        let name = chapter.id.name().as_str();
        copy_tree(&chapter.dir, &site.join("chapters").join(name), &[])?;
        let artifacts = workbook.artifact_dir(&chapter.id);
        if artifacts.is_dir() {
            copy_tree(&artifacts, &site.join("artifacts").join(name), &[])?;
        }
    }
    build_book(workbook, &site.join("book"))?;
    let harness = workbook.node_harness_dir();
    copy_tree(&harness.join("browser"), &site.join("host"), &[])?;
    isolate_host_page(
        &harness.join("browser").join("host.html"),
        &site.join("host").join("host.html"),
    )?;
    copy_tree(&harness.join("lib"), &site.join("lib"), &["node"])?;
    copy_tree(&harness.join("playground"), &site.join("playground"), &[])?;
    copy_packages(harness, &site)?;
    let editor = editor_packages(harness)?;
    copy_editor_packages(harness, &site, &editor)?;
    write(
        &site.join(EDITOR_PACKAGES_SCRIPT),
        editor_packages_script(&editor)?.as_bytes(),
    )?;
    let served = ServedSite::new(workbook, &chapters)?;
    write(&site.join("chapters.json"), served.chapters_json())?;
    let listings = exercise_listings(workbook)?;
    exercises::write_expected_logs(workbook, &listings, &site)?;
    write(
        &site.join("exercises.json"),
        &serde_json::to_vec_pretty(&listings)?,
    )?;
    let variants = variant_listings(workbook, &site)?;
    write(
        &site.join("variants.json"),
        &serde_json::to_vec_pretty(&variants)?,
    )?;
    write(
        &site.join("LICENSES.html"),
        licences::licences_page(harness)?.as_bytes(),
    )?;
    write(&site.join("index.html"), REDIRECT_TO_BOOK.as_bytes())
}

const REDIRECT_TO_BOOK: &str = "<!doctype html>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"refresh\" content=\"0; url=book/\">\n\
<title>The Async WebAssembly Workbook</title>\n<a href=\"book/\">The book</a> · \
<a href=\"playground/\">the playground</a>\n";

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically(path, bytes)
}

/// Every package the pages import, under `node_modules/`; the service worker
/// at the root, so its scope is the whole site.
fn copy_packages(harness: &Path, site: &Path) -> Result<()> {
    let modules = harness.join("node_modules");
    for package in BROWSER_PACKAGES {
        copy_tree(
            &modules.join(package),
            &site.join("node_modules").join(package),
            &["node_modules"],
        )?;
    }
    for file in ["index.js", "package.json", "LICENSE"] {
        copy_creating_parents(
            &modules.join("binaryen").join(file),
            &site.join("node_modules/binaryen").join(file),
        )?;
    }
    copy_creating_parents(
        &modules.join("coi-serviceworker/coi-serviceworker.js"),
        &site.join("coi-serviceworker.js"),
    )
}

/// The stylesheet line of `host.html` that the service worker's script follows.
const HOST_PAGE_STYLESHEET: &str = "<link rel=\"stylesheet\" href=\"host.css\">\n";

/// Makes the site's copy of the host page load the service worker, as the
/// playground does: a static host sends no COOP/COEP headers, and the atomics
/// chapter needs a cross-origin isolated page. `runner serve` and `--browser`
/// send the headers themselves and keep the page without it, so a run there
/// still fails, naming them, when they are missing.
fn isolate_host_page(source: &Path, page: &Path) -> Result<()> {
    let text =
        std::fs::read_to_string(page).with_context(|| format!("reading `{}`", page.display()))?;
    let Some(at) = text.find(HOST_PAGE_STYLESHEET) else {
        bail!(
            "`{}` has no line `{}`, after which the site adds the service worker's script; put the line back",
            source.display(),
            HOST_PAGE_STYLESHEET.trim_end()
        );
    };
    let at = at + HOST_PAGE_STYLESHEET.len();
    let script = "<script src=\"../coi-serviceworker.js\"></script>\n";
    write(page, [&text[..at], script, &text[at..]].concat().as_bytes())
}

fn build_book(workbook: &Workbook, into: &Path) -> Result<()> {
    let book = workbook.root().join("book");
    let output = run_process(
        Command::new("mdbook")
            .arg("build")
            .arg(&book)
            .arg("--dest-dir")
            .arg(into),
        Some(BOOK_BUILD_LIMIT),
    )
    .context(
        "mdbook is not installed: install it with `cargo install mdbook --locked --version 0.5.4`",
    )?;
    if !output.succeeded() {
        bail!(
            "`mdbook build {}` failed:\n{}",
            book.display(),
            output.stderr.trim()
        );
    }
    Ok(())
}
