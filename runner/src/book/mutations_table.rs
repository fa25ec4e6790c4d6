//! The teachers' table of mutations (`book/src/generated/mutations.md`):
//! every edit in a chapter's `mutations.toml` that the runner must reject,
//! the file it edits, the stage that must fail and what the failure must say.
//! Learner pages describe what breaks; the file paths live here, each linked
//! to its listing where the book shows the file.

use std::fmt::Write as _;

use std::path::Path;

use anyhow::Result;

use super::listings::ListingIndex;
use crate::files::lexically_normal;
use crate::mutation::load_mutations;
use crate::workbook::Workbook;

/// Where the table goes, relative to `book/src/`.
pub const MUTATIONS_TABLE: &str = "generated/mutations.md";

/// The page that includes the table: its links are relative to this page.
const MUTATIONS_PAGE: &str = "teachers/mutations.md";

/// The table, one row per mutation, chapters in teaching order.
///
/// # Errors
///
/// Fails when a chapter or its `mutations.toml` cannot be loaded.
pub fn mutations_table(workbook: &Workbook) -> Result<String> {
    let chapters = workbook.chapters()?;
    let listings = ListingIndex::read(workbook)?;
    let mut table = String::from(
        "| Chapter | Mutation | File edited | Must fail at | The failure must say |\n\
         |---|---|---|---|---|\n",
    );
    for (chapter, manifest) in load_mutations(workbook, &chapters)? {
        for mutation in &manifest.mutations {
            let file = lexically_normal(
                &Path::new("chapters")
                    .join(chapter.id.name().as_str())
                    .join(&mutation.file),
            )
            .to_string_lossy()
            .replace('\\', "/");
            let file_cell = match listings.link(&file, MUTATIONS_PAGE) {
                Some(link) => format!("[`{file}`]({link})"),
                None => format!("`{file}`"),
            };
            let _ = writeln!(
                table,
                "| `{}` | `{}` | {file_cell} | {} | {} |",
                chapter.id.name(),
                mutation.name,
                mutation.stage,
                cell(&mutation.message),
            );
        }
    }
    Ok(table)
}

/// Text fit for one table cell: no line breaks, no bare `|`, code in backticks.
fn cell(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let fence = if flat.contains('`') { "`` " } else { "`" };
    let close = if flat.contains('`') { " ``" } else { "`" };
    format!("{fence}{}{close}", flat.replace('|', "\\|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_one_line_and_escape_bars() {
        assert_eq!(cell("a |\n b"), "`a \\| b`");
        assert_eq!(cell("x `y`"), "`` x `y` ``");
    }
}
