//! Where the book shows each tested file: the page and section whose include
//! directive pulls it in. Tables use it to link a source file they name to
//! its listing, and `book check` uses it to find a table that names one
//! without linking it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Component, Path};

use anyhow::Result;

use super::page_rules::includes;
use super::read;
use crate::files::{files_with_extension, lexically_normal};
use crate::workbook::Workbook;

/// The extensions of the files a table may name as a source.
const SOURCE_EXTENSIONS: [&str; 6] = ["wat", "mjs", "js", "c", "rs", "html"];

/// The first listing of each file the book includes.
#[derive(Debug, Default)]
pub struct ListingIndex {
    /// Workbook-relative file (`chapters/jspi/sleep.wat`) to its listing,
    /// `<page relative to book/src>#<section id>`.
    listings: BTreeMap<String, String>,
}

impl ListingIndex {
    /// Reads every page under `book/src/` except the generated tables; a
    /// file's listing is its first include, pages in path order.
    ///
    /// # Errors
    ///
    /// Fails when a page cannot be read.
    pub fn read(workbook: &Workbook) -> Result<Self> {
        let src = workbook.root().join("book").join("src");
        let mut index = Self::default();
        for page in files_with_extension(&src, "md")? {
            let relative = page.strip_prefix(&src).unwrap_or(&page);
            if relative.starts_with("generated") {
                continue;
            }
            let page_link = slashed(relative);
            let dir = page.parent().unwrap_or(&src);
            let text = read(&page)?;
            for (line, directive) in includes(&text) {
                let target = directive.split(':').next().unwrap_or_default();
                let file = lexically_normal(&dir.join(target));
                let Ok(file) = file.strip_prefix(workbook.root()) else {
                    continue;
                };
                let section = section_before(&text, line).map(|id| format!("#{id}"));
                index
                    .listings
                    .entry(slashed(file))
                    .or_insert_with(|| format!("{page_link}{}", section.unwrap_or_default()));
            }
        }
        Ok(index)
    }

    /// The link from the page `from` (relative to `book/src/`) to the
    /// listing of `file` (relative to the workbook), if the book shows it.
    pub fn link(&self, file: &str, from: &str) -> Option<String> {
        let listing = self.listings.get(file)?;
        let depth = Path::new(from).components().count().saturating_sub(1);
        Some(format!("{}{listing}", "../".repeat(depth)))
    }

    /// The workbook-relative path of a source a table names as `name`: the
    /// path itself, or a file name that one listed file ends with, or, when
    /// several do, the one in the folder of a chapter the `row` names
    /// (`` `chapter/variant` ``).
    pub fn resolve(&self, name: &str, row: &str) -> Option<String> {
        if self.listings.contains_key(name) {
            return Some(name.to_string());
        }
        let candidates: Vec<&String> = self
            .listings
            .keys()
            .filter(|file| file.ends_with(&format!("/{name}")))
            .collect();
        match candidates[..] {
            [only] => Some(only.clone()),
            _ => candidates
                .into_iter()
                .find(|file| {
                    file.strip_prefix("chapters/")
                        .and_then(|rest| rest.strip_suffix(&format!("/{name}")))
                        .is_some_and(|chapter| row.contains(&format!("`{chapter}/")))
                })
                .cloned(),
        }
    }
}

/// True when `name` looks like a source file a table might name.
pub fn is_source_name(name: &str) -> bool {
    !name.contains(' ')
        && Path::new(name)
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| SOURCE_EXTENSIONS.contains(&ext))
}

fn slashed(path: &Path) -> String {
    path.components()
        .filter_map(|part| match part {
            Component::Normal(name) => name.to_str(),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The id mdBook gives the last heading above the 1-based `line`.
fn section_before(text: &str, line: usize) -> Option<String> {
    let mut in_fence = false;
    let mut last = None;
    for text_line in text.lines().take(line.saturating_sub(1)) {
        if text_line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence && text_line.starts_with('#') {
            let title = text_line.trim_start_matches('#');
            if title.starts_with(' ') {
                last = Some(heading_id(title));
            }
        }
    }
    last
}

/// mdBook's id for a heading: its text, lowercased, spaces as `-`, and
/// everything but letters, digits, `-` and `_` left out.
pub fn heading_id(title: &str) -> String {
    let mut id = String::new();
    for character in title.trim().chars() {
        if character.is_alphanumeric() || character == '_' || character == '-' {
            let _ = write!(id, "{}", character.to_lowercase());
        } else if character.is_whitespace() {
            id.push('-');
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ids_follow_mdbook() {
        assert_eq!(
            heading_id(" Forgetting `promising`"),
            "forgetting-promising"
        );
        assert_eq!(
            heading_id("f. binaryen's scenarios, at four levels"),
            "f-binaryens-scenarios-at-four-levels"
        );
    }

    #[test]
    fn a_listing_is_under_the_heading_above_its_include() {
        let page = "# T\n## One two\n```sh\n# not a heading\n```\n{{#include x}}\n";
        assert_eq!(section_before(page, 6).as_deref(), Some("one-two"));
        assert_eq!(section_before(page, 1), None);
    }

    #[test]
    fn resolves_names_by_path_file_name_and_chapter() {
        let mut index = ListingIndex::default();
        for (file, at) in [
            ("chapters/a/sleep.wat", "chapters/a.md#x"),
            ("chapters/b/sleep.wat", "chapters/b.md"),
            ("chapters/b/run.mjs", "chapters/b/deep.md#y"),
            (
                "chapters/b/exercises/e/starter/sleep.wat",
                "chapters/b.md#e",
            ),
        ] {
            index.listings.insert(file.into(), at.into());
        }
        assert_eq!(
            index.resolve("run.mjs", "").as_deref(),
            Some("chapters/b/run.mjs")
        );
        assert_eq!(
            index.resolve("sleep.wat", "| `b/split` |").as_deref(),
            Some("chapters/b/sleep.wat")
        );
        assert_eq!(index.resolve("sleep.wat", "no chapter"), None);
        assert_eq!(
            index.link("chapters/b/run.mjs", "teachers/m.md").as_deref(),
            Some("../chapters/b/deep.md#y")
        );
        assert!(is_source_name("x.wat") && !is_source_name("x.md"));
    }
}
