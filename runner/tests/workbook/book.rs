//! The book is built from the tested files, and the checks that keep it so can fail.

use std::process::Command;

use runner::book::{COMPARISON_TABLE, check_book, comparison_table};
use runner::workbook::Workbook;

use super::support::{ScratchWorkbook, repo_root, repo_workbook, require_tool, toolchain};

#[test]
fn book_check_finds_no_problems() {
    assert_eq!(check_book(&repo_workbook()).unwrap(), Vec::<String>::new());
}

#[test]
fn generated_comparison_table_is_current() {
    let workbook = repo_workbook();
    let committed = std::fs::read_to_string(repo_root().join("book/src").join(COMPARISON_TABLE))
        .unwrap_or_default();
    assert_eq!(
        committed,
        comparison_table(&workbook, toolchain()).unwrap(),
        "run `cargo run -p runner -- book generate`"
    );
}

#[test]
fn deleting_an_anchor_the_book_uses_names_the_page_and_anchor() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    scratch.mutate("chapters/blocking/sleep.wat", "  ;; ANCHOR: sleep\n", "");
    let problems = check_book(&Workbook::open(scratch.root()).unwrap()).unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("book/src/chapters/blocking.md:")
            && problems[0]
                .contains("anchor `sleep` is missing from `../../../chapters/blocking/sleep.wat`"),
        "{problems:?}"
    );
}

#[test]
fn a_chapter_without_a_page_is_reported() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    scratch.mutate(
        "book/src/SUMMARY.md",
        "- [The callback split](chapters/callback.md)\n",
        "",
    );
    let problems = check_book(&Workbook::open(scratch.root()).unwrap()).unwrap();
    assert_eq!(
        problems,
        [
            "book/src/SUMMARY.md: chapter page `chapters/callback.md` is missing (every chapter in workbook.toml needs one)"
        ]
    );
}

#[test]
fn mdbook_builds_and_the_chapter_page_shows_the_wat_listing() {
    if !require_tool("mdbook", "cargo install mdbook --locked --version 0.5.4") {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let status = Command::new("mdbook")
        .arg("build")
        .arg(repo_root().join("book"))
        .arg("--dest-dir")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let page = std::fs::read_to_string(out.path().join("chapters/blocking.html")).unwrap();
    assert!(
        page.contains("i32.lt_s"),
        "the busy-wait listing was not included"
    );
    assert!(
        page.contains("timer callbacks that ran during sleep: 0"),
        "the expected log was not included"
    );
    assert!(
        !page.contains("{{#include"),
        "an include was left unresolved"
    );

    if !require_tool("chromium", "apt-get install -y chromium") {
        return;
    }
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
        .arg(format!(
            "file://{}",
            out.path().join("chapters/blocking.html").display()
        ))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&rendered.stdout);
    let listing = dom
        .split("<code")
        .skip(1)
        .find(|code| code.contains("br_if $poll"));
    assert!(
        listing.is_some(),
        "headless Chromium shows no WAT listing:\n{dom}"
    );
}
