//! Keeps the mdBook honest: every chapter has a page, every include points at
//! a file and anchor that exist, listings are included rather than pasted, no
//! page shows an exercise's solution, and the comparison and cost tables are
//! generated: the cost table from a recorded bench run whose sizes still
//! match the modules.

mod comparison;
mod costs;
mod drawings;
pub mod links;
mod mutations_table;
mod sizes;
mod spoilers;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

pub use comparison::{COMPARISON_TABLE, compared_chapters, comparison_table};
pub use costs::{
    COSTS_TABLE, RECORD_BROWSER_COMMAND, RECORD_COMMAND, RECORDED_BENCH, RECORDED_BROWSER_BENCH,
    cost_problems, costs_table, recorded_bench, recorded_browser_bench,
};
pub use drawings::{DRAWINGS_DIR, chapter_drawings, drawings};
pub use mutations_table::{MUTATIONS_TABLE, mutations_table};
pub use sizes::{SIZES_DIR, size_tables};

use crate::files::{files_with_extension, write_atomically};
use crate::names::Name;
use crate::toolchain::Toolchain;
use crate::workbook::Workbook;
use spoilers::Solutions;

/// Every problem with the book, each naming the page and what is wrong,
/// including a generated comparison table that no longer matches the modules.
///
/// # Errors
///
/// Fails when the book's files cannot be read, or the table cannot be made.
pub fn check_book(workbook: &Workbook, toolchain: &Toolchain) -> Result<Vec<String>> {
    let mut problems = check_pages(workbook)?;
    problems.extend(cost_problems(
        workbook,
        toolchain,
        &compared_chapters(workbook)?,
    )?);
    for (relative, text) in generated_files(workbook, toolchain)? {
        let generated = workbook.root().join("book/src").join(&relative);
        if std::fs::read_to_string(&generated).ok().as_deref() != Some(text.as_str()) {
            problems.push(format!(
                "book/src/{relative}: stale or missing; run `cargo run -p runner -- book generate`"
            ));
        }
    }
    Ok(problems)
}

/// Writes every generated file of the book and returns their paths.
///
/// # Errors
///
/// As for [`check_book`]'s generated files, and when a file cannot be written.
pub fn generate_book_files(workbook: &Workbook, toolchain: &Toolchain) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (relative, text) in generated_files(workbook, toolchain)? {
        let path = workbook.root().join("book/src").join(relative);
        write_atomically(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// The book's generated files, relative to `book/src/`, with their contents now.
fn generated_files(workbook: &Workbook, toolchain: &Toolchain) -> Result<Vec<(String, String)>> {
    let mut files = vec![
        (COMPARISON_TABLE.to_string(), comparison_table(workbook)?),
        (COSTS_TABLE.to_string(), costs_table(workbook)?),
    ];
    files.extend(size_tables(workbook, toolchain)?);
    files.extend(drawings(workbook)?);
    files.push((MUTATIONS_TABLE.to_string(), mutations_table(workbook)?));
    Ok(files)
}

fn check_pages(workbook: &Workbook) -> Result<Vec<String>> {
    let src = workbook.root().join("book").join("src");
    let mut problems = Vec::new();
    for chapter in &workbook.manifest.chapters {
        problems.extend(chapter_problems(workbook, chapter)?);
    }
    let summary = read(&src.join("SUMMARY.md"))?;
    let chapter_links: Vec<String> = summary_links(&summary)
        .filter(|link| link.starts_with("chapters/"))
        .collect();
    let expected_links: Vec<String> = workbook
        .manifest
        .chapters
        .iter()
        .map(|name| format!("chapters/{name}.md"))
        .collect();
    if problems.is_empty() && chapter_links != expected_links {
        problems.push(format!(
            "book/src/SUMMARY.md: chapter pages are not in workbook.toml order ({})",
            expected_links.join(", ")
        ));
    }
    for link in summary_links(&summary) {
        if !src.join(&link).is_file() {
            problems.push(format!("book/src/SUMMARY.md: `{link}` does not exist"));
        }
    }
    let solutions = Solutions::read(workbook)?;
    for page in files_with_extension(&src, "md")? {
        check_page(workbook, &page, &solutions, &mut problems)?;
    }
    Ok(problems)
}

/// What one chapter needs outside its folder: a page listed in
/// `book/src/SUMMARY.md` whose includes resolve, which names each of its
/// exercises and shows a drawing of its own run, and a row in the README's
/// chapter table.
///
/// # Errors
///
/// Fails when `SUMMARY.md` or `book/drawings.toml` cannot be read.
pub fn check_chapter_pages(workbook: &Workbook, chapter: &Name) -> Result<Vec<String>> {
    let mut problems = chapter_problems(workbook, chapter)?;
    let page = workbook
        .root()
        .join("book/src/chapters")
        .join(format!("{chapter}.md"));
    if page.is_file() {
        let solutions = Solutions::read(workbook)?;
        check_page(workbook, &page, &solutions, &mut problems)?;
    }
    Ok(problems)
}

fn chapter_problems(workbook: &Workbook, chapter: &Name) -> Result<Vec<String>> {
    let src = workbook.root().join("book").join("src");
    let mut problems = Vec::new();
    let link = format!("chapters/{chapter}.md");
    if !summary_links(&read(&src.join("SUMMARY.md"))?).any(|known| known == link) {
        problems.push(format!(
            "book/src/SUMMARY.md: no line links `{link}`; add `- [<the page's title>]({link})` in workbook.toml order (every chapter in workbook.toml needs a page listed there)"
        ));
    }
    let text = std::fs::read_to_string(src.join(&link)).unwrap_or_default();
    for (exercise, _) in workbook
        .manifest
        .exercises
        .iter()
        .filter(|(_, owner)| owner == chapter)
    {
        if !text.contains(&format!("`{exercise}`")) {
            problems.push(format!(
                "book/src/{link}: exercise `{exercise}` is not named; list it under the page's Exercises"
            ));
        }
    }
    let own_drawings = chapter_drawings(workbook, chapter)?;
    let shows_one = own_drawings
        .iter()
        .any(|name| text.contains(&format!("{DRAWINGS_DIR}/{name}.txt")));
    if !shows_one {
        problems.push(format!(
            "book/src/{link}: shows no drawing of its own run; name one of `snapshots/{chapter}/<variant>.drawing.snap` in book/drawings.toml, run `cargo run -p runner -- book generate`, and include `../{DRAWINGS_DIR}/<name>.txt`"
        ));
    }
    let readme = std::fs::read_to_string(workbook.root().join("README.md")).unwrap_or_default();
    if !readme.contains(&format!("| `{chapter}`")) {
        problems.push(format!(
            "README.md: the chapter table (under \"## The chapters\") has no row for `{chapter}`; add the row  | `{chapter}` | what it shows |"
        ));
    }
    Ok(problems)
}

fn check_page(
    workbook: &Workbook,
    page: &Path,
    solutions: &Solutions,
    problems: &mut Vec<String>,
) -> Result<()> {
    let shown = &workbook.shown(page);
    let text = read(page)?;
    let dir = page.parent().unwrap_or(page);
    let after_the_exercise = spoilers::after_the_exercise(&text);
    for (line_number, directive) in includes(&text) {
        let (target, selector) = directive.split_once(':').unwrap_or((directive, ""));
        let path = dir.join(target);
        let at = format!("{shown}:{line_number}");
        // mdBook would copy an outside file into the built site.
        if let Err(error) = crate::files::ensure_inside(workbook.root(), dir, Path::new(target)) {
            problems.push(format!("{at}: include {error}"));
            continue;
        }
        let Ok(included) = std::fs::read_to_string(&path) else {
            problems.push(format!("{at}: included file `{target}` does not exist"));
            continue;
        };
        if !after_the_exercise
            .get(line_number)
            .copied()
            .unwrap_or(false)
        {
            problems.extend(solutions.check_include(dir, target, selector, &at));
        }
        let is_anchor = !selector.is_empty() && !selector.starts_with(|c: char| c.is_ascii_digit());
        if is_anchor && !has_anchor(&included, selector) {
            problems.push(format!(
                "{at}: anchor `{selector}` is missing from `{target}` (it needs `ANCHOR: {selector}` and `ANCHOR_END: {selector}` lines)"
            ));
        }
        let is_snapshot = Path::new(target)
            .extension()
            .is_some_and(|ext| ext == "snap");
        if is_snapshot && selector != "5:" {
            problems.push(format!(
                "{at}: include `{target}:5:` so insta's four header lines stay out of the book"
            ));
        }
    }
    for (line_number, language) in pasted_listings(&text) {
        problems.push(format!(
            "{shown}:{line_number}: a `{language}` listing is pasted; include it from the tested file with {{{{#include ...:anchor}}}}"
        ));
    }
    Ok(())
}

fn has_anchor(text: &str, anchor: &str) -> bool {
    let marks = |kind: &str| {
        text.lines().any(|line| {
            line.split_once(kind).is_some_and(|(_, rest)| {
                // mdBook reads the anchor name as the word after the marker.
                let name = rest.trim_start();
                let end = name
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                    .unwrap_or(name.len());
                &name[..end] == anchor
            })
        })
    };
    marks("ANCHOR:") && marks("ANCHOR_END:")
}

/// `{{#include path[:selector]}}` directives with their 1-based line numbers.
fn includes(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().flat_map(|(index, line)| {
        line.match_indices("{{#include ")
            .filter_map(move |(start, _)| {
                let rest = &line[start + "{{#include ".len()..];
                rest.find("}}").map(|end| (index + 1, rest[..end].trim()))
            })
    })
}

/// Code fences in WAT or JavaScript whose body is not a single include.
fn pasted_listings(text: &str) -> Vec<(usize, String)> {
    let mut pasted = Vec::new();
    let mut open: Option<(usize, String, bool)> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if let Some(language) = trimmed.strip_prefix("```") {
            match open.take() {
                Some((start, language, true)) => pasted.push((start, language)),
                Some(_) => {}
                None => open = Some((index + 1, language.trim().to_string(), false)),
            }
            continue;
        }
        if let Some((_, language, pasted_line)) = &mut open {
            let listing = matches!(
                language.as_str(),
                "wat" | "wasm" | "js" | "javascript" | "text"
            );
            if listing && !trimmed.is_empty() && !trimmed.starts_with("{{#include") {
                *pasted_line = true;
            }
        }
    }
    pasted
}

fn summary_links(summary: &str) -> impl Iterator<Item = String> + '_ {
    summary.match_indices("](").filter_map(|(start, _)| {
        let rest = &summary[start + 2..];
        rest.find(')')
            .map(|end| rest[..end].to_string())
            .filter(|link| !link.is_empty())
    })
}

pub(crate) fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading `{}`", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_includes_and_pasted_listings() {
        let page = "intro\n```wat\n{{#include ../x.wat:sleep}}\n```\n```js\nconst x = 1;\n```\n";
        assert_eq!(includes(page).collect::<Vec<_>>(), [(3, "../x.wat:sleep")]);
        assert_eq!(pasted_listings(page), [(5, "js".to_string())]);
    }

    #[test]
    fn anchors_need_both_markers() {
        assert!(has_anchor(
            ";; ANCHOR: sleep\n(x)\n;; ANCHOR_END: sleep\n",
            "sleep"
        ));
        assert!(!has_anchor(";; ANCHOR: sleep\n(x)\n", "sleep"));
        assert!(!has_anchor(
            ";; ANCHOR: sleepy\n;; ANCHOR_END: sleepy\n",
            "sleep"
        ));
    }
}
