//! Sequence drawings (`book/src/generated/drawings/<name>.txt`) made from a
//! variant's recorded log: each line goes to the lane whose prefix it starts
//! with, in log order. The log is the checked record of a real run, so a change
//! to the order of events fails its log snapshot, and leaves the drawing stale
//! until `book generate` redraws it (`book check` says so).

use std::fmt::Write as _;

use anyhow::{Context, Result};
use serde::Deserialize;

use super::read;
use crate::names::Name;
use crate::workbook::Workbook;

/// Where the drawings go, relative to `book/src/`.
pub const DRAWINGS_DIR: &str = "generated/drawings";

const LANE_WIDTH: usize = 36;

/// `book/drawings.toml`: which log each drawing is made from, and its lanes.
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
    /// The recorded log, relative to the workbook root.
    log: String,
    lanes: Vec<Lane>,
}

/// One column: the lines that start with one of `prefixes` (after
/// indentation), shown without it. No prefixes takes every line no other lane took.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Lane {
    title: String,
    #[serde(default)]
    prefixes: Vec<String>,
}

/// Every drawing as `(path relative to book/src, text)`.
///
/// # Errors
///
/// Fails when `book/drawings.toml` is invalid or a log it names cannot be read.
pub fn drawings(workbook: &Workbook) -> Result<Vec<(String, String)>> {
    let path = workbook.root().join("book").join("drawings.toml");
    let specs: DrawingSpecs = toml::from_str(&read(&path)?)
        .with_context(|| format!("`{}` is not valid", path.display()))?;
    let mut files = Vec::new();
    for spec in &specs.drawings {
        let log = read(&workbook.root().join(&spec.log))
            .with_context(|| format!("drawing `{}` in `{}`", spec.name, path.display()))?;
        files.push((
            format!("{DRAWINGS_DIR}/{}.txt", spec.name),
            draw(&spec.lanes, log_lines(&log)),
        ));
    }
    Ok(files)
}

/// The log's lines without insta's header (everything up to the second `---`),
/// and without fact lines (`...: yes` or `...: no`), which are checks, not events.
fn log_lines(snapshot: &str) -> impl Iterator<Item = &str> {
    snapshot
        .split("\n---\n")
        .last()
        .unwrap_or_default()
        .lines()
        .filter(|line| !(line.ends_with(": yes") || line.ends_with(": no")))
}

fn lane_of<'a>(lanes: &[Lane], line: &'a str) -> Option<(usize, &'a str)> {
    let line = line.trim_start();
    lanes
        .iter()
        .enumerate()
        .find_map(|(index, lane)| {
            lane.prefixes
                .iter()
                .find_map(|prefix| line.strip_prefix(prefix.as_str()))
                .map(|rest| (index, rest))
        })
        .or_else(|| {
            let fallback = lanes.iter().position(|lane| lane.prefixes.is_empty())?;
            Some((fallback, line))
        })
}

fn draw<'a>(lanes: &[Lane], events: impl Iterator<Item = &'a str>) -> String {
    let mut text = String::new();
    let row = |cells: &[String]| {
        let mut out = String::new();
        for cell in cells {
            let _ = write!(out, "{cell:<LANE_WIDTH$}");
        }
        out.trim_end().to_string() + "\n"
    };
    let titles: Vec<String> = lanes.iter().map(|lane| lane.title.clone()).collect();
    text.push_str(&row(&titles));
    let rules = vec![format!("{:─<1$}", "", LANE_WIDTH - 2); lanes.len()];
    text.push_str(&row(&rules));
    let idle: Vec<String> = vec!["│".to_string(); lanes.len()];
    for line in events {
        let Some((lane, event)) = lane_of(lanes, line) else {
            continue;
        };
        for (index, chunk) in wrap(event, LANE_WIDTH - 4).into_iter().enumerate() {
            let mut cells = idle.clone();
            cells[lane] = format!("{} {chunk}", if index == 0 { "●" } else { "│" });
            text.push_str(&row(&cells));
        }
    }
    text
}

/// Splits `text` at spaces into pieces of at most `width` characters
/// (a longer word stays whole).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match pieces.last_mut() {
            Some(piece) if piece.chars().count() + 1 + word.chars().count() <= width => {
                piece.push(' ');
                piece.push_str(word);
            }
            _ => pieces.push(word.to_string()),
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lane(title: &str, prefix: &str) -> Lane {
        Lane {
            title: title.to_string(),
            prefixes: [prefix]
                .into_iter()
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect(),
        }
    }

    #[test]
    fn puts_each_line_in_its_lane_and_leaves_out_facts() {
        let lanes = [lane("JavaScript", "js: "), lane("wasm", "wasm: ")];
        let snapshot =
            "---\nsource: x\n---\njs: call f\n  wasm: before\nit worked: yes\nloose line\n";
        let drawing = draw(&lanes, log_lines(snapshot));
        let rows: Vec<&str> = drawing.lines().skip(2).collect();
        assert_eq!(rows.len(), 2, "{drawing}");
        assert!(rows[0].starts_with("● call f"), "{drawing}");
        assert_eq!(rows[1].trim_end(), format!("{:<36}● before", "│"));
    }

    #[test]
    fn an_empty_prefix_takes_the_rest() {
        let lanes = [lane("main", ""), lane("worker", "[worker] ")];
        assert_eq!(lane_of(&lanes, "[worker] hi"), Some((1, "hi")));
        assert_eq!(lane_of(&lanes, "hello"), Some((0, "hello")));
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
    }
}
