//! `book/facts.toml`: a page that stops stating a measured or ordered fact is
//! reported by `book check`, naming the page and the fact's line. The facts
//! are read from the data, so no chapter or number is named here.

use runner::book::check_book;
use runner::workbook::Workbook;

use super::support::{ScratchWorkbook, repo_root, toolchain};

fn facts() -> Vec<toml::Value> {
    let text = std::fs::read_to_string(repo_root().join("book/facts.toml")).unwrap();
    let facts: toml::Value = toml::from_str(&text).unwrap();
    facts["fact"].as_array().unwrap().clone()
}

fn problems_in(scratch: &ScratchWorkbook) -> Vec<String> {
    check_book(&Workbook::open(scratch.root()).unwrap(), toolchain()).unwrap()
}

#[test]
fn a_page_that_drifts_from_a_fact_is_reported_with_the_fact_line() {
    let fact = &facts()[0];
    let says = fact["says"].as_str().unwrap();
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    scratch.mutate(
        "book/facts.toml",
        &format!("says = {}", toml::Value::from(says)),
        &format!("says = {}", toml::Value::from(format!("{says} (drifted)"))),
    );
    let problems = problems_in(&scratch);
    let page = fact["page"].as_str().unwrap();
    assert!(
        problems.iter().any(|problem| {
            problem.starts_with(&format!("book/src/{page}: should say `"))
                && problem.contains("(drifted)`")
                && problem.contains("(book/facts.toml:")
        }),
        "{problems:#?}"
    );
}

#[test]
fn moving_the_last_chapter_breaks_the_facts_that_name_it() {
    let last_chapter_pages: Vec<String> = facts()
        .iter()
        .filter(|fact| fact["value"].get("chapter").and_then(toml::Value::as_str) == Some("last"))
        .map(|fact| fact["page"].as_str().unwrap().to_string())
        .collect();
    assert!(
        !last_chapter_pages.is_empty(),
        "no fact names the last chapter"
    );
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let manifest = std::fs::read_to_string(scratch.root().join("chapters/workbook.toml")).unwrap();
    let chapters = &manifest[manifest.find("chapters = [").unwrap()..];
    let chapters = &chapters[..chapters.find(']').unwrap()];
    let lines: Vec<&str> = chapters.lines().skip(1).collect();
    let (last, earlier) = (lines[lines.len() - 1], lines[lines.len() - 2]);
    scratch.mutate(
        "chapters/workbook.toml",
        &format!("{earlier}\n{last}\n"),
        &format!("{last}\n{earlier}\n"),
    );
    let problems = problems_in(&scratch);
    for page in &last_chapter_pages {
        assert!(
            problems
                .iter()
                .any(|problem| problem.starts_with(&format!("book/src/{page}: should say `"))),
            "{page}: {problems:#?}"
        );
    }
}
