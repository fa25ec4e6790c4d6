//! Sequence drawings for the book (`book/src/generated/drawings/<name>.txt`),
//! copied from the drawing snapshots that chapter runs check
//! (`snapshots/<chapter>/<variant>.drawing.snap`, made by [`crate::trace`]
//! from the events the host recorded). A change to the order of events fails
//! the snapshot in `cargo test`, and leaves the book's copy stale until
//! `book generate` copies it again (`book check` says so).

use anyhow::{Context, Result};
use serde::Deserialize;

use super::read;
use crate::names::Name;
use crate::snapshot::normalize;
use crate::workbook::Workbook;

/// Where the drawings go, relative to `book/src/`.
pub const DRAWINGS_DIR: &str = "generated/drawings";

/// `book/drawings.toml`: which drawing snapshots the book shows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DrawingSpecs {
    #[serde(rename = "drawing")]
    drawings: Vec<DrawingSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DrawingSpec {
    /// The file name, without `.txt`.
    name: Name,
    /// The drawing snapshot, relative to the workbook root.
    snapshot: String,
}

/// Every drawing as `(path relative to book/src, text)`.
///
/// # Errors
///
/// Fails when `book/drawings.toml` is invalid or a snapshot it names cannot be read.
pub fn drawings(workbook: &Workbook) -> Result<Vec<(String, String)>> {
    let path = workbook.root().join("book").join("drawings.toml");
    let specs: DrawingSpecs = toml::from_str(&read(&path)?)
        .with_context(|| format!("`{}` is not valid", path.display()))?;
    let mut files = Vec::new();
    for spec in &specs.drawings {
        let snapshot = read(&workbook.root().join(&spec.snapshot))
            .with_context(|| format!("drawing `{}` in `{}`", spec.name, path.display()))?;
        files.push((
            format!("{DRAWINGS_DIR}/{}.txt", spec.name),
            normalize(snapshot_body(&snapshot)) + "\n",
        ));
    }
    Ok(files)
}

/// The names of the drawings in `book/drawings.toml` made from a run of `chapter`
/// (their snapshot lies under `snapshots/<chapter>/`).
///
/// # Errors
///
/// Fails when `book/drawings.toml` cannot be read or is invalid.
pub fn chapter_drawings(workbook: &Workbook, chapter: &Name) -> Result<Vec<Name>> {
    let path = workbook.root().join("book").join("drawings.toml");
    let specs: DrawingSpecs = toml::from_str(&read(&path)?)
        .with_context(|| format!("`{}` is not valid", path.display()))?;
    let folder = format!("snapshots/{chapter}/");
    Ok(specs
        .drawings
        .into_iter()
        .filter(|spec| spec.snapshot.starts_with(&folder))
        .map(|spec| spec.name)
        .collect())
}

/// A snapshot's text without insta's header (everything up to the second `---`).
fn snapshot_body(snapshot: &str) -> &str {
    snapshot
        .strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---\n").map(|end| &rest[end + 5..]))
        .unwrap_or(snapshot)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_the_snapshot_header() {
        let snapshot = "---\nsource: x\nexpression: drawing\n---\nmain   wasm\n │      │\n";
        assert_eq!(snapshot_body(snapshot), "main   wasm\n │      │\n");
        assert_eq!(snapshot_body("no header"), "no header");
    }
}
