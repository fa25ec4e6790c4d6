//! Keeps the mdBook honest: every chapter has a page, every include points at
//! a file and anchor that exist, listings are included rather than pasted, no
//! page shows an exercise's solution, and the tables and chapter lists are
//! generated: the cost table from a recorded bench run whose sizes still
//! match the modules, the README's chapter table and the SUMMARY's chapter
//! entries from each chapter's `chapter.toml`.

mod chapter_lists;
mod comparison;
mod costs;
mod facts;
mod figures;
pub mod links;
mod listing_comments;
pub(crate) mod listings;
mod mutations_table;
mod page_rules;
pub mod playground_links;
mod sizes;
mod spoilers;
mod subpages;
mod table_links;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

pub use comparison::{COMPARISON_TABLE, compared_chapters, comparison_table};
pub use costs::{
    COSTS_TABLE, RECORD_BROWSER_COMMAND, RECORD_COMMAND, RECORDED_BENCH, RECORDED_BROWSER_BENCH,
    cost_problems, costs_table, recorded_bench, recorded_browser_bench,
};
pub use mutations_table::{MUTATIONS_TABLE, mutations_table};
pub use sizes::{SIZES_DIR, size_tables};

use crate::files::{files_with_extension, write_atomically};
use crate::names::Name;
use crate::toolchain::Toolchain;
use crate::workbook::Workbook;
use chapter_lists::{ListedChapter, chapter_lines, chapter_lists};
use page_rules::{check_page, includes};
use playground_links::{PlaygroundNames, linked_pages};
use spoilers::Solutions;

/// Every problem with the book, each naming the page and what is wrong,
/// including a generated table or chapter list that no longer matches the data.
///
/// # Errors
///
/// Fails when the book's files cannot be read, or a table cannot be made.
pub fn check_book(workbook: &Workbook, toolchain: &Toolchain) -> Result<Vec<String>> {
    let mut problems = check_pages(workbook)?;
    problems.extend(cost_problems(
        workbook,
        toolchain,
        &compared_chapters(workbook)?,
    )?);
    problems.extend(facts::fact_problems(workbook, toolchain)?);
    problems.extend(figures::figure_problems(workbook)?);
    problems.extend(playground_links::link_problems(
        workbook,
        &PlaygroundNames::read(workbook)?,
    )?);
    for generated in generated_files(workbook, toolchain)? {
        let path = workbook.root().join(&generated.path);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(generated.text.as_str()) {
            problems.push(format!(
                "{}: {}; run `{GENERATE_COMMAND}`",
                generated.path, generated.stale
            ));
        }
    }
    Ok(problems)
}

/// The command that writes every generated file and list.
pub const GENERATE_COMMAND: &str = "cargo run -p runner -- book generate";

/// Writes every generated file of the book, and the chapter lists in the
/// README and the SUMMARY, and returns the paths written.
///
/// # Errors
///
/// As for [`check_book`]'s generated files, and when a file cannot be written.
pub fn generate_book_files(workbook: &Workbook, toolchain: &Toolchain) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for generated in generated_files(workbook, toolchain)? {
        let path = workbook.root().join(&generated.path);
        write_atomically(&path, generated.text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// A file `book generate` writes (or a list it writes into a file), as it should be now.
struct GeneratedFile {
    /// Relative to the workbook root.
    path: String,
    /// What `book check` says when the file differs.
    stale: String,
    text: String,
}

fn generated_files(workbook: &Workbook, toolchain: &Toolchain) -> Result<Vec<GeneratedFile>> {
    let mut tables = vec![
        (COMPARISON_TABLE.to_string(), comparison_table(workbook)?),
        (COSTS_TABLE.to_string(), costs_table(workbook)?),
    ];
    tables.extend(size_tables(workbook, toolchain)?);
    tables.push((MUTATIONS_TABLE.to_string(), mutations_table(workbook)?));
    let mut files: Vec<GeneratedFile> = tables
        .into_iter()
        .map(|(relative, text)| GeneratedFile {
            path: format!("book/src/{relative}"),
            stale: "stale or missing".into(),
            text,
        })
        .collect();
    files.extend(
        chapter_lists(workbook)?
            .into_iter()
            .map(|listed| GeneratedFile {
                path: listed.file.to_string(),
                stale: format!(
                    "the {} (between the generated markers) is stale",
                    listed.what
                ),
                text: listed.text,
            }),
    );
    for (page, text) in linked_pages(workbook, &PlaygroundNames::read(workbook)?)? {
        files.push(GeneratedFile {
            path: format!("book/src/{}", page.to_string_lossy().replace('\\', "/")),
            stale: "its playground links (the `<p class=\"playground-link\">` lines) are stale or missing".into(),
            text,
        });
    }
    Ok(files)
}

fn check_pages(workbook: &Workbook) -> Result<Vec<String>> {
    let src = workbook.root().join("book").join("src");
    let mut problems = Vec::new();
    for chapter in &workbook.manifest.chapters {
        problems.extend(page_problems(workbook, chapter));
        problems.extend(subpages::unlinked_subpages(&src, chapter.as_str())?);
    }
    let summary = read(&src.join("SUMMARY.md"))?;
    for link in summary_links(&summary) {
        if !src.join(&link).is_file() {
            problems.push(format!("book/src/SUMMARY.md: `{link}` does not exist"));
        }
    }
    let solutions = Solutions::read(workbook)?;
    let listings = listings::ListingIndex::read(workbook)?;
    for page in files_with_extension(&src, "md")? {
        check_page(workbook, &page, &solutions, &mut problems)?;
        let key = table_links::page_key(&src, &page);
        if !key.starts_with("generated/") {
            problems.extend(table_links::unlinked_sources(
                &listings,
                &key,
                &workbook.shown(&page),
                &read(&page)?,
            ));
        }
    }
    Ok(problems)
}

/// What one chapter needs outside its folder: its generated lines in the
/// README's chapter table and in `book/src/SUMMARY.md`, and a page whose
/// includes resolve, which names each of its exercises and shows a drawing
/// of its own run.
///
/// # Errors
///
/// Fails when the chapter, the README or `SUMMARY.md` cannot be read.
pub fn check_chapter_pages(workbook: &Workbook, chapter: &Name) -> Result<Vec<String>> {
    let listed = ListedChapter::read(workbook, workbook.chapter(chapter.as_str())?)?;
    let mut problems = Vec::new();
    for (file, line) in chapter_lines(&listed) {
        if !read(&workbook.root().join(file))?
            .lines()
            .any(|known| known == line)
        {
            problems.push(format!(
                "{file}: no line `{line}` for chapter `{chapter}`; run `{GENERATE_COMMAND}`"
            ));
        }
    }
    problems.extend(page_problems(workbook, chapter));
    let src = workbook.root().join("book/src");
    problems.extend(subpages::unlinked_subpages(&src, chapter.as_str())?);
    let mut pages = vec![src.join("chapters").join(format!("{chapter}.md"))];
    pages.extend(
        listed
            .subpages
            .iter()
            .map(|subpage| src.join(&subpage.link)),
    );
    let solutions = Solutions::read(workbook)?;
    for page in pages.iter().filter(|page| page.is_file()) {
        check_page(workbook, page, &solutions, &mut problems)?;
    }
    Ok(problems)
}

fn page_problems(workbook: &Workbook, chapter: &Name) -> Vec<String> {
    let link = format!("chapters/{chapter}.md");
    let Ok(text) = std::fs::read_to_string(workbook.root().join("book/src").join(&link)) else {
        return vec![format!(
            "book/src/{link}: missing; every chapter in chapters/workbook.toml needs its page (copy the shape of another chapter's page)"
        )];
    };
    let mut problems = Vec::new();
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
    let own_run = format!("snapshots/{chapter}/");
    let shows_one = includes(&text)
        .any(|(_, directive)| directive.contains(&own_run) && directive.contains(".drawing.snap:"));
    if !shows_one {
        problems.push(format!(
            "book/src/{link}: shows no drawing of its own run; include `../../../snapshots/{chapter}/<variant>.drawing.snap:5:` in a `text` block"
        ));
    }
    problems
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
