//! The chapter pages' links into the playground are made from the playground's
//! own lists: `book check` fails when a page lacks one, when an exercise has
//! no heading to carry it, or when a page links a name the playground lacks;
//! `book generate` puts a missing link back. No chapter is named here.

use runner::book::{check_book, generate_book_files};
use runner::workbook::Workbook;

use super::support::{ScratchWorkbook, repo_root, repo_workbook, toolchain};

/// The first exercise, the chapter page (relative to the root) and the line that link to it.
fn first_exercise_link() -> (String, String, String) {
    let (name, _) = repo_workbook().manifest.exercises.first().cloned().unwrap();
    let link = format!("edit-and-run.html?exercise={name}\"");
    let pages = std::fs::read_dir(repo_root().join("book/src/chapters")).unwrap();
    for page in pages.map(|entry| entry.unwrap().path()) {
        let text = std::fs::read_to_string(&page).unwrap_or_default();
        if let Some(line) = text.lines().find(|line| line.contains(&link)) {
            let relative = page.strip_prefix(repo_root()).unwrap();
            return (
                name.to_string(),
                relative.to_string_lossy().into_owned(),
                line.to_string(),
            );
        }
    }
    panic!("no chapter page links exercise `{name}` to the playground");
}

#[test]
fn a_page_without_an_exercise_link_is_stale_until_generated() {
    let (_, page, line) = first_exercise_link();
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    scratch.mutate(&page, &format!("\n{line}\n"), "\n");
    let workbook = Workbook::open(scratch.root()).unwrap();
    assert_eq!(
        check_book(&workbook, toolchain()).unwrap(),
        [format!(
            "{page}: its playground links (the `<p class=\"playground-link\">` lines) are stale or missing; run `cargo run -p runner -- book generate`"
        )]
    );
    generate_book_files(&workbook, toolchain()).unwrap();
    assert_eq!(
        check_book(&workbook, toolchain()).unwrap(),
        Vec::<String>::new()
    );
    let text = std::fs::read_to_string(scratch.root().join(&page)).unwrap();
    assert!(text.contains(&line), "{text}");
}

#[test]
fn a_link_to_an_exercise_the_playground_lacks_names_the_page_and_line() {
    let (name, page, line) = first_exercise_link();
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let wrong = format!("[try it](../edit-and-run.html?exercise={name}-gone)");
    scratch.mutate(&page, &format!("{line}\n"), &format!("{line}\n\n{wrong}\n"));
    let problems = check_book(&Workbook::open(scratch.root()).unwrap(), toolchain()).unwrap();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with(&format!("{page}:"))
            && problems[0].contains(&format!("exercise `{name}-gone`, which it does not have")),
        "{problems:#?}"
    );
}

#[test]
fn an_exercise_without_a_heading_has_no_link_and_is_reported() {
    let (name, page, line) = first_exercise_link();
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let text = std::fs::read_to_string(scratch.root().join(&page)).unwrap();
    let heading = text
        .lines()
        .find(|candidate| candidate.starts_with(&format!("### `{name}`")))
        .unwrap();
    scratch.mutate(
        &page,
        &format!("{heading}\n\n{line}\n"),
        &format!("### The exercise {name}\n"),
    );
    let problems = check_book(&Workbook::open(scratch.root()).unwrap(), toolchain()).unwrap();
    assert_eq!(
        problems,
        [format!(
            "book/src/chapters: exercise `{name}` has no heading on a chapter page (a line `### `{name}`: its title`), so no playground link leads to it"
        )]
    );
}
