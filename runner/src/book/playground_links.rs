//! The chapter pages' links into the live book's playground, made from the
//! playground's own listings (`exercises.json`, `variants.json`): after an
//! exercise's heading (`### `NAME`: ...`) a link that opens it, and after the
//! last listing of a run of listings from one chapter variant the page can
//! rebuild a link that opens that variant. `book generate` writes them into
//! every page under `book/src/chapters/` (so a page split into subpages keeps
//! them, each with the right depth); `book check` fails when one is missing or
//! stale, when an exercise has no heading to carry its link, or when any page
//! links a name the playground does not have.
//!
//! The links point at [`RELAY_PAGE`], a page of the book that forwards to the
//! site's `playground/`: the playground exists only in the site `book build`
//! makes, so a direct `../../playground/` link would be dead in the plain
//! `mdbook build book` output and from `file://`, which the link check
//! (`links.rs`) rightly refuses; the relay says so instead.

use std::path::{Component, Path, PathBuf};

use anyhow::Result;

use super::read;
use crate::files::files_with_extension;
use crate::site::{exercise_listings, listed_variants};
use crate::workbook::Workbook;

/// The book's page that forwards `?exercise=` and `?variant=` to the site's playground.
pub const RELAY_PAGE: &str = "edit-and-run.html";

/// How every generated link line starts; no other line may start so.
const LINK_LINE: &str = "<p class=\"playground-link\">";

/// The names the playground has, and the files each runnable variant shows.
pub struct PlaygroundNames {
    /// Each exercise, and whether a browser can run it.
    exercises: Vec<(String, bool)>,
    /// Each chapter variant the page can rebuild and run.
    variants: Vec<RunnableVariant>,
}

struct RunnableVariant {
    /// `<chapter>/<variant>`.
    name: String,
    chapter: String,
    harness: String,
    /// Its WAT sources and its harness, relative to the chapter's folder.
    files: Vec<String>,
}

impl PlaygroundNames {
    /// The names as the site lists them.
    ///
    /// # Errors
    ///
    /// Fails when a chapter or exercise manifest is invalid.
    pub fn read(workbook: &Workbook) -> Result<Self> {
        let exercises = exercise_listings(workbook)?
            .into_iter()
            .map(|listing| (listing.name, listing.run.unavailable.is_none()))
            .collect();
        let variants = listed_variants(workbook)?
            .into_iter()
            .filter(|listing| listing.run.unavailable.is_none())
            .map(|listing| RunnableVariant {
                name: listing.name,
                chapter: listing.chapter,
                harness: listing.run.harness,
                files: listing.run.files,
            })
            .collect();
        Ok(Self {
            exercises,
            variants,
        })
    }

    fn exercise(&self, name: &str) -> Option<bool> {
        (self.exercises.iter())
            .find(|(known, _)| known == name)
            .map(|(_, runnable)| *runnable)
    }

    /// The variant a listing of `file` (relative to `chapter`'s folder) belongs
    /// to: the one whose harness it is, else the first that builds it.
    fn variant_of(&self, chapter: &str, file: &str) -> Option<&str> {
        let of_chapter = || self.variants.iter().filter(|v| v.chapter == chapter);
        of_chapter()
            .find(|variant| variant.harness == file)
            .or_else(|| of_chapter().find(|variant| variant.files.iter().any(|f| f == file)))
            .map(|variant| variant.name.as_str())
    }
}

/// Each page under `book/src/chapters/` (relative to `book/src`), with its links regenerated.
///
/// # Errors
///
/// Fails when a page cannot be read.
pub fn linked_pages(
    workbook: &Workbook,
    names: &PlaygroundNames,
) -> Result<Vec<(PathBuf, String)>> {
    let src = workbook.root().join("book/src");
    let mut pages = Vec::new();
    for page in files_with_extension(&src.join("chapters"), "md")? {
        let relative = page.strip_prefix(&src).unwrap_or(&page).to_path_buf();
        let text = with_links(&relative, &read(&page)?, names);
        pages.push((relative, text));
    }
    Ok(pages)
}

/// `text` of the page at `page` (relative to `book/src`) with its links made anew.
pub fn with_links(page: &Path, text: &str, names: &PlaygroundNames) -> String {
    let lines = without_links(text);
    let linked_blocks = linked_blocks(page, &lines, names);
    let to_root = "../".repeat(page.components().count().saturating_sub(1));
    let mut out = String::new();
    let mut push = |line: &str| {
        out.push_str(line);
        out.push('\n');
    };
    for (index, line) in lines.iter().enumerate() {
        push(line);
        let link = match linked_blocks.iter().find(|(end, _)| *end == index) {
            Some((_, variant)) => Some(variant_link(&to_root, variant)),
            None => heading_exercise(line)
                .and_then(|name| Some((name, names.exercise(name)?)))
                .map(|(name, runnable)| exercise_link(&to_root, name, runnable)),
        };
        if let Some(link) = link {
            push("");
            push(&link);
        }
    }
    out
}

fn exercise_link(to_root: &str, name: &str, runnable: bool) -> String {
    let text = if runnable {
        "Edit and run it in your browser"
    } else {
        "Why it does not run in your browser, and how to run it locally"
    };
    format!("{LINK_LINE}<a href=\"{to_root}{RELAY_PAGE}?exercise={name}\">{text}</a></p>")
}

fn variant_link(to_root: &str, variant: &str) -> String {
    format!(
        "{LINK_LINE}<a href=\"{to_root}{RELAY_PAGE}?variant={variant}\">Edit and run <code>{variant}</code> in your browser</a></p>"
    )
}

/// The page's lines without its generated link lines (nor the blank line before each).
fn without_links(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.starts_with(LINK_LINE) {
            if lines.last().is_some_and(|last| last.trim().is_empty()) {
                lines.pop();
            }
        } else {
            lines.push(line);
        }
    }
    lines
}

/// The exercise a heading such as "### `callback-split`: ..." names.
fn heading_exercise(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('#')?.trim_start_matches('#').trim_start();
    let rest = rest.strip_prefix('`')?;
    rest.find('`').map(|end| &rest[..end])
}

/// (index of the closing fence, variant) of each code block that ends a run
/// of listings from one variant; a block of no variant (a log) does not end a run.
fn linked_blocks(page: &Path, lines: &[&str], names: &PlaygroundNames) -> Vec<(usize, String)> {
    let mut blocks: Vec<(usize, String)> = Vec::new();
    let mut open: Option<Option<String>> = None;
    for (index, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("```") {
            match open.take() {
                Some(Some(variant)) => blocks.push((index, variant)),
                Some(None) => {}
                None => open = Some(None),
            }
            continue;
        }
        if let Some(block) = &mut open
            && block.is_none()
        {
            *block = included_variant(page, line, names).map(str::to_owned);
        }
    }
    let mut ends: Vec<(usize, String)> = Vec::new();
    for (end, variant) in blocks {
        if ends.last().is_some_and(|(_, last)| *last == variant) {
            ends.pop();
        }
        ends.push((end, variant));
    }
    ends
}

/// The runnable variant whose file the include on `line` shows, if any.
fn included_variant<'a>(page: &Path, line: &str, names: &'a PlaygroundNames) -> Option<&'a str> {
    let start = line.find("{{#include ")? + "{{#include ".len();
    let directive = line[start..].split("}}").next()?.trim();
    let target = directive.split(':').next()?;
    let in_book_src = Path::new("book/src").join(page.parent()?).join(target);
    let from_root = lexically_normal(&in_book_src)?;
    let mut parts = from_root.iter().map(|part| part.to_str());
    if parts.next()? != Some("chapters") {
        return None;
    }
    let chapter = parts.next()??;
    let file: Vec<&str> = parts.collect::<Option<_>>()?;
    if file.first() == Some(&"exercises") {
        return None;
    }
    names.variant_of(chapter, &file.join("/"))
}

/// `path` with `.` and `..` applied, or `None` when it climbs above its start.
fn lexically_normal(path: &Path) -> Option<PathBuf> {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => normal.push(part),
            Component::CurDir => {}
            Component::ParentDir if normal.pop() => {}
            _ => return None,
        }
    }
    Some(normal)
}

/// Links in any page of `book/src` to names the playground does not have, and
/// exercises no chapter page gives a heading (so no link leads to them).
///
/// # Errors
///
/// Fails when a page cannot be read.
pub fn link_problems(workbook: &Workbook, names: &PlaygroundNames) -> Result<Vec<String>> {
    let src = workbook.root().join("book/src");
    let mut problems = Vec::new();
    let mut headed = Vec::new();
    for page in files_with_extension(&src, "md")? {
        let text = read(&page)?;
        let shown = workbook.shown(&page);
        for (index, line) in text.lines().enumerate() {
            if page.starts_with(src.join("chapters")) {
                headed.extend(heading_exercise(line).map(str::to_owned));
            }
            for problem in unknown_names(line, names) {
                problems.push(format!("{shown}:{}: {problem}", index + 1));
            }
        }
    }
    for (name, _) in &names.exercises {
        if !headed.contains(name) {
            problems.push(format!(
                "book/src/chapters: exercise `{name}` has no heading on a chapter page (a line `### `{name}`: its title`), so no playground link leads to it"
            ));
        }
    }
    Ok(problems)
}

/// What is wrong with each playground link on `line` that names nothing the playground has.
fn unknown_names(line: &str, names: &PlaygroundNames) -> Vec<String> {
    let mut problems = Vec::new();
    for page in [RELAY_PAGE, "playground/"] {
        for (kind, query) in [("exercise", "?exercise="), ("variant", "?variant=")] {
            let pattern = format!("{page}{query}");
            for (start, _) in line.match_indices(&pattern) {
                let rest = &line[start + pattern.len()..];
                let end = rest
                    .find(|c: char| c.is_whitespace() || "\"'`)&#<>,".contains(c))
                    .unwrap_or(rest.len());
                let name = &rest[..end];
                let known = match kind {
                    "exercise" => names.exercise(name).is_some(),
                    _ => names.variants.iter().any(|variant| variant.name == name),
                };
                if !known {
                    problems.push(format!(
                        "links the playground's {kind} `{name}`, which it does not have (the names are in `cargo run -p runner -- list` and chapters/*/chapter.toml); fix the name or remove the link"
                    ));
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests;
