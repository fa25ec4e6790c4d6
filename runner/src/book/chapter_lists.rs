//! The lists made from every chapter's `chapter.toml`: the README's chapter
//! table and the chapters' entries in `book/src/SUMMARY.md` (each with its
//! subpages, found in its folder of the book). `book generate`
//! writes each one in place, between two marker comments, and `book check`
//! fails when one no longer matches the chapters.

use std::fmt::Write as _;

use anyhow::{Result, anyhow};

use super::read;
use super::subpages::{Subpage, subpages};
use crate::workbook::{Suite, Workbook};

/// A chapter as the lists show it: its manifest and its book subpages.
pub struct ListedChapter {
    pub suite: Suite,
    pub subpages: Vec<Subpage>,
}

impl ListedChapter {
    /// `suite` with its subpages read from the book.
    ///
    /// # Errors
    ///
    /// As for [`subpages`].
    pub fn read(workbook: &Workbook, suite: Suite) -> Result<Self> {
        let subpages = subpages(
            &workbook.root().join("book").join("src"),
            suite.id.name().as_str(),
        )?;
        Ok(Self { suite, subpages })
    }
}

/// One list made from the chapters, written into a file that people also edit.
struct ChapterList {
    /// The file, relative to the workbook root.
    file: &'static str,
    /// What the list is, as its markers name it.
    what: &'static str,
    render: fn(&[ListedChapter]) -> String,
}

const CHAPTER_LISTS: [ChapterList; 2] = [
    ChapterList {
        file: "README.md",
        what: "chapter table",
        render: readme_table,
    },
    ChapterList {
        file: "book/src/SUMMARY.md",
        what: "chapter list",
        render: summary_entries,
    },
];

/// A file holding a generated list, as it would be after `book generate`.
#[derive(Debug)]
pub struct ListedFile {
    /// The file, relative to the workbook root.
    pub file: &'static str,
    /// What the generated list is.
    pub what: &'static str,
    /// The whole file, with the list regenerated.
    pub text: String,
}

/// Every file that holds a list of the chapters, with the list regenerated.
///
/// # Errors
///
/// Fails when a chapter cannot be loaded, a file cannot be read, or a file
/// lacks its two marker lines (the message names both).
pub fn chapter_lists(workbook: &Workbook) -> Result<Vec<ListedFile>> {
    let chapters = workbook
        .chapters()?
        .into_iter()
        .map(|suite| ListedChapter::read(workbook, suite))
        .collect::<Result<Vec<_>>>()?;
    CHAPTER_LISTS
        .iter()
        .map(|list| {
            let text = read(&workbook.root().join(list.file))?;
            let text = replace_between_markers(&text, list.what, &(list.render)(&chapters))
                .map_err(|problem| anyhow!("{}: {problem}", list.file))?;
            Ok(ListedFile {
                file: list.file,
                what: list.what,
                text,
            })
        })
        .collect()
}

fn begin_marker(what: &str) -> String {
    format!(
        "<!-- {what}: generated from chapters/*/chapter.toml by `cargo run -p runner -- book generate` -->"
    )
}

fn end_marker(what: &str) -> String {
    format!("<!-- end of {what} -->")
}

/// `text` with everything between the two marker lines of `what` replaced by `body`.
fn replace_between_markers(text: &str, what: &str, body: &str) -> Result<String, String> {
    let (begin, end) = (begin_marker(what), end_marker(what));
    let line_of = |marker: &str| -> Result<usize, String> {
        let found: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, line)| line.trim_end() == marker)
            .map(|(index, _)| index)
            .collect();
        match found[..] {
            [index] => Ok(index),
            _ => Err(format!(
                "the line `{marker}` must appear once (found {} times); the {what} is written \
                 between the lines `{begin}` and `{end}`",
                found.len()
            )),
        }
    };
    let (first, last) = (line_of(&begin)?, line_of(&end)?);
    if last < first {
        return Err(format!(
            "line {}: `{end}` comes before `{begin}` (line {}); swap them",
            last + 1,
            first + 1
        ));
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut replaced = String::new();
    for line in &lines[..=first] {
        let _ = writeln!(replaced, "{line}");
    }
    let _ = write!(replaced, "\n{body}\n");
    for line in &lines[last..] {
        let _ = writeln!(replaced, "{line}");
    }
    Ok(replaced)
}

/// The README's table: each chapter's folder and its one-line summary.
fn readme_table(chapters: &[ListedChapter]) -> String {
    let mut table = String::from("| chapter | what it shows |\n|---------|---------------|\n");
    for chapter in chapters {
        let _ = writeln!(table, "{}", readme_row(&chapter.suite));
    }
    table
}

fn readme_row(chapter: &Suite) -> String {
    format!(
        "| `{}` | {} |",
        chapter.id.name(),
        one_cell(&chapter.manifest.summary)
    )
}

fn summary_entry(chapter: &Suite) -> String {
    // Brackets in a title would end the link text early.
    let title = one_line(&chapter.manifest.title)
        .replace('[', "\\[")
        .replace(']', "\\]");
    format!("- [{title}](chapters/{}.md)", chapter.id.name())
}

fn subpage_entry(subpage: &Subpage) -> String {
    let title = one_line(&subpage.title)
        .replace('[', "\\[")
        .replace(']', "\\]");
    format!("  - [{title}]({})", subpage.link)
}

/// The lines each list holds for `chapter`, as (file, line).
pub fn chapter_lines(chapter: &ListedChapter) -> Vec<(&'static str, String)> {
    let mut lines = vec![
        (CHAPTER_LISTS[0].file, readme_row(&chapter.suite)),
        (CHAPTER_LISTS[1].file, summary_entry(&chapter.suite)),
    ];
    lines.extend(
        chapter
            .subpages
            .iter()
            .map(|subpage| (CHAPTER_LISTS[1].file, subpage_entry(subpage))),
    );
    lines
}

/// The book's contents: each chapter's page under its title, with a part
/// heading where a chapter starts one, and its subpages nested under it.
fn summary_entries(chapters: &[ListedChapter]) -> String {
    let mut entries = String::new();
    for ListedChapter { suite, subpages } in chapters {
        if let Some(part) = &suite.manifest.part {
            if !entries.is_empty() {
                entries.push('\n');
            }
            let _ = writeln!(entries, "# {}\n", one_line(part));
        }
        let _ = writeln!(entries, "{}", summary_entry(suite));
        for subpage in subpages {
            let _ = writeln!(entries, "{}", subpage_entry(subpage));
        }
    }
    entries
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn one_cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_between_the_markers() {
        let (begin, end) = (begin_marker("list"), end_marker("list"));
        let text = format!("intro\n{begin}\nold\n{end}\noutro\n");
        assert_eq!(
            replace_between_markers(&text, "list", "new\n").unwrap(),
            format!("intro\n{begin}\n\nnew\n\n{end}\noutro\n")
        );
    }

    #[test]
    fn missing_or_swapped_markers_say_which_line_to_add() {
        let (begin, end) = (begin_marker("list"), end_marker("list"));
        let missing = replace_between_markers("no markers\n", "list", "").unwrap_err();
        assert!(
            missing.contains(&format!(
                "the line `{begin}` must appear once (found 0 times)"
            )),
            "{missing}"
        );
        let swapped = format!("{end}\n{begin}\n");
        assert!(
            replace_between_markers(&swapped, "list", "")
                .unwrap_err()
                .starts_with("line 1: "),
        );
    }

    #[test]
    fn cells_stay_on_one_line() {
        assert_eq!(one_cell("a |\n  b"), "a \\| b");
    }
}
