//! A chapter's subpages, its concept figures and the links in its tables are
//! data, and the checks that keep them so can fail. Chapters, figures and
//! files are read from the workbook, so none is named here.

use runner::book::{check_book, generate_book_files};
use runner::workbook::Workbook;

use super::support::{ScratchWorkbook, repo_root, repo_workbook, toolchain};

fn problems_of(scratch: &ScratchWorkbook) -> Vec<String> {
    check_book(&Workbook::open(scratch.root()).unwrap(), toolchain()).unwrap()
}

#[test]
fn a_new_subpage_must_be_linked_and_is_listed_under_its_chapter_once_generated() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let first = repo_workbook().manifest.chapters[0].to_string();
    let folder = scratch.root().join(format!("book/src/chapters/{first}"));
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("extra.md"), "# An extra page\n\nMore.\n").unwrap();

    let problems = problems_of(&scratch);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains(&format!("[An extra page]({first}/extra.md)")),
        "{problems:?}"
    );
    assert!(
        problems[1].starts_with("book/src/SUMMARY.md: the chapter list")
            && problems[1].contains("book generate"),
        "{problems:?}"
    );

    let page = scratch.root().join(format!("book/src/chapters/{first}.md"));
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        format!("{text}\n[An extra page]({first}/extra.md)\n"),
    )
    .unwrap();
    generate_book_files(&Workbook::open(scratch.root()).unwrap(), toolchain()).unwrap();
    assert_eq!(problems_of(&scratch), Vec::<String>::new());
    let summary = std::fs::read_to_string(scratch.root().join("book/src/SUMMARY.md")).unwrap();
    let entry = summary
        .lines()
        .position(|line| line.ends_with(&format!("(chapters/{first}.md)")))
        .expect("the chapter's entry");
    assert_eq!(
        summary.lines().nth(entry + 1),
        Some(format!("  - [An extra page](chapters/{first}/extra.md)").as_str()),
        "{summary}"
    );
}

#[test]
fn a_source_that_drifts_from_its_concept_figure_fails_the_check() {
    let text = std::fs::read_to_string(repo_root().join("book/figures.toml")).unwrap();
    let figures: toml::Value = toml::from_str(&text).unwrap();
    let figures = figures["figure"].as_array().unwrap();
    assert!(figures.len() >= 3, "the concept figures are listed");
    for figure in figures {
        let file = figure["file"].as_str().unwrap();
        let mark = &figure["mark"].as_array().unwrap()[0];
        let (shows, source) = (
            mark["shows"].as_str().unwrap(),
            mark["in"].as_str().unwrap(),
        );
        let first_line = mark["lines"][0].as_str().unwrap();

        let scratch = ScratchWorkbook::copy_of(&repo_root());
        let path = scratch.root().join(source);
        let original = std::fs::read_to_string(&path).unwrap();
        // A character in the middle: the line no longer holds what the mark looks for.
        let middle = first_line
            .char_indices()
            .nth(first_line.chars().count() / 2)
            .map_or(0, |(at, _)| at);
        let broken = format!("{}~{}", &first_line[..middle], &first_line[middle..]);
        let renamed = original.replace(first_line, &broken);
        std::fs::write(&path, renamed).unwrap();
        let problems = problems_of(&scratch);
        assert!(
            problems
                .iter()
                .any(|problem| problem.starts_with(&format!("{file}: `{shows}`"))
                    && problem.contains(source)),
            "{file}: {problems:?}"
        );
    }
}

#[test]
fn an_svg_label_without_a_mark_is_reported() {
    let text = std::fs::read_to_string(repo_root().join("book/figures.toml")).unwrap();
    let figures: toml::Value = toml::from_str(&text).unwrap();
    let svg = figures["figure"]
        .as_array()
        .unwrap()
        .iter()
        .map(|figure| figure["file"].as_str().unwrap())
        .find(|file| {
            std::path::Path::new(file)
                .extension()
                .is_some_and(|ext| ext == "svg")
        })
        .expect("an SVG figure");
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let path = scratch.root().join(svg);
    let drawing = std::fs::read_to_string(&path).unwrap();
    let extra = r##"<text class="code" fill="#000">made_up()</text></svg>"##;
    std::fs::write(&path, drawing.replace("</svg>", extra)).unwrap();
    let problems = problems_of(&scratch);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains("`made_up()` is not checked"),
        "{problems:?}"
    );
    assert!(problems[1].contains("paints in `#000`"), "{problems:?}");
}

#[test]
fn a_table_that_names_a_shown_source_without_a_link_is_reported() {
    let first = repo_workbook().manifest.chapters[0].to_string();
    let page = format!("book/src/chapters/{first}.md");
    let text = std::fs::read_to_string(repo_root().join(&page)).unwrap();
    let included = text
        .lines()
        .find_map(|line| {
            line.strip_prefix(&format!("{{{{#include ../../../chapters/{first}/"))?
                .split([':', '}'])
                .next()
        })
        .expect("the first chapter includes one of its files");
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let row = format!("\n| file | what |\n|---|---|\n| `{included}` | a source |\n");
    std::fs::write(scratch.root().join(&page), format!("{text}{row}")).unwrap();
    let problems = problems_of(&scratch);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(&format!("{page}:"))
            && problems[0].contains(&format!("write [`{included}`](../chapters/{first}")),
        "{problems:?}"
    );
}

#[test]
fn a_concept_figure_not_listed_for_checking_is_reported() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let figures = scratch.root().join("book/src/figures");
    std::fs::create_dir_all(&figures).unwrap();
    std::fs::write(
        figures.join("unchecked.svg"),
        r#"<svg viewBox="0 0 10 10"></svg>"#,
    )
    .unwrap();
    let problems = problems_of(&scratch);
    assert_eq!(
        problems,
        [
            "book/src/figures/unchecked.svg: a concept figure that nothing checks; list it and its marks in book/figures.toml"
        ]
    );
}
