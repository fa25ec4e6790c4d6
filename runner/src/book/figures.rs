//! Concept figures (`book/figures.toml`): a picture or a pseudo-code listing
//! that the book shows is tied, mark by mark, to the tested files it
//! explains, so renaming or removing what a mark names fails `book check`.
//! An SVG must also fit the content column and paint in the theme's colours.

use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

use super::read;
use crate::files::files_with_extension;
use crate::workbook::Workbook;

/// Where the figures are listed, relative to the workbook.
pub const FIGURES_FILE: &str = "book/figures.toml";

/// Where the book's hand-drawn concept figures live, relative to the workbook.
const FIGURES_DIR: &str = "book/src/figures";

/// The widest figure the book's content column shows without scaling it down.
const COLUMN_PX: f64 = 750.0;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Figures {
    #[serde(rename = "figure")]
    figures: Vec<Figure>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Figure {
    /// Relative to the workbook.
    file: String,
    #[serde(rename = "mark")]
    marks: Vec<Mark>,
}

/// Something the figure `shows`, found as `lines` in the file `in`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Mark {
    shows: String,
    #[serde(rename = "in")]
    source: String,
    lines: Vec<String>,
}

/// Every way a figure of `book/figures.toml` has drifted from its sources,
/// or does not fit or suit the book, one message each naming the file.
///
/// # Errors
///
/// Fails when `book/figures.toml` cannot be read or parsed. A figure or a
/// source that is missing is a problem, not an error.
pub fn figure_problems(workbook: &Workbook) -> Result<Vec<String>> {
    let root = workbook.root();
    let path = root.join(FIGURES_FILE);
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let figures: Figures =
        toml::from_str(&read(&path)?).with_context(|| format!("`{FIGURES_FILE}` is not valid"))?;
    let mut problems = Vec::new();
    for figure in &figures.figures {
        problems.extend(check_figure(root, figure));
    }
    let drawn = root.join(FIGURES_DIR);
    if drawn.is_dir() {
        for svg in files_with_extension(&drawn, "svg")? {
            let relative = svg
                .strip_prefix(root)
                .unwrap_or(&svg)
                .to_string_lossy()
                .replace('\\', "/");
            if !figures.figures.iter().any(|figure| figure.file == relative) {
                problems.push(format!(
                    "{relative}: a concept figure that nothing checks; list it and its marks in {FIGURES_FILE}"
                ));
            }
        }
    }
    Ok(problems)
}

fn check_figure(root: &Path, figure: &Figure) -> Vec<String> {
    let Some(text) = read_inside(root, &figure.file) else {
        return vec![format!(
            "{FIGURES_FILE}: figure `{}` does not exist in the workbook",
            figure.file
        )];
    };
    let mut problems = Vec::new();
    for mark in &figure.marks {
        if !text.contains(&mark.shows) {
            problems.push(format!(
                "{}: does not show `{}` any more; change the figure or its mark in {FIGURES_FILE}",
                figure.file, mark.shows
            ));
        }
        let found = read_inside(root, &mark.source)
            .is_some_and(|source| has_consecutive(&source, &mark.lines));
        if !found {
            problems.push(format!(
                "{}: `{}` is checked against `{}`, which no longer holds these lines in a row: {:?}; \
                 update the figure and its mark in {FIGURES_FILE} to what the source says now",
                figure.file, mark.shows, mark.source, mark.lines
            ));
        }
    }
    if Path::new(&figure.file)
        .extension()
        .is_some_and(|ext| ext == "svg")
    {
        problems.extend(svg_problems(&figure.file, &text, &figure.marks));
    }
    problems
}

/// The file at `relative` under `root`, if it stays inside and can be read.
fn read_inside(root: &Path, relative: &str) -> Option<String> {
    crate::files::ensure_inside(root, root, Path::new(relative)).ok()?;
    std::fs::read_to_string(root.join(relative)).ok()
}

/// True when some line of `text` holds `lines[0]`, the next one `lines[1]`, and so on.
fn has_consecutive(text: &str, lines: &[String]) -> bool {
    let all: Vec<&str> = text.lines().map(str::trim).collect();
    !lines.is_empty()
        && all.windows(lines.len()).any(|window| {
            window
                .iter()
                .zip(lines)
                .all(|(line, wanted)| line.contains(wanted.trim()))
        })
}

fn svg_problems(file: &str, svg: &str, marks: &[Mark]) -> Vec<String> {
    let mut problems = Vec::new();
    for code in code_labels(svg) {
        if !marks.iter().any(|mark| mark.shows == code) {
            problems.push(format!(
                "{file}: the code `{code}` is not checked; add a mark for it in {FIGURES_FILE}"
            ));
        }
    }
    match view_box_width(svg) {
        Some(width) if width <= COLUMN_PX => {}
        Some(width) => problems.push(format!(
            "{file}: its viewBox is {width} px wide; draw it within {COLUMN_PX} px, the content column"
        )),
        None => problems.push(format!(
            "{file}: has no viewBox; give the <svg> one, at most {COLUMN_PX} px wide"
        )),
    }
    for colour in fixed_colours(svg) {
        problems.push(format!(
            "{file}: paints in `{colour}`; use currentColor (or a var(--...) of the theme) so every theme can read it"
        ));
    }
    problems
}

/// The text of every element marked `class="code"`, entities decoded.
fn code_labels(svg: &str) -> Vec<String> {
    svg.match_indices("class=\"code\"")
        .filter_map(|(start, _)| {
            let rest = &svg[start..];
            let text = &rest[rest.find('>')? + 1..];
            Some(decode(&text[..text.find('<')?]))
        })
        .collect()
}

fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn view_box_width(svg: &str) -> Option<f64> {
    let rest = &svg[svg.find("viewBox=\"")? + "viewBox=\"".len()..];
    rest[..rest.find('"')?]
        .split_whitespace()
        .nth(2)?
        .parse()
        .ok()
}

/// `fill` and `stroke` values other than none, currentColor and a CSS variable.
fn fixed_colours(svg: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in [" fill=\"", " stroke=\""] {
        for (start, _) in svg.match_indices(attribute) {
            let rest = &svg[start + attribute.len()..];
            let value = rest.split('"').next().unwrap_or_default();
            let themed = value == "none" || value == "currentColor" || value.starts_with("var(--");
            if !themed && !found.iter().any(|known| known == value) {
                found.push(value.to_string());
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(shows: &str) -> Mark {
        Mark {
            shows: shows.into(),
            source: String::new(),
            lines: Vec::new(),
        }
    }

    #[test]
    fn finds_lines_in_a_row_only() {
        let text = "  a x\n b\nc\n";
        let lines = |words: &[&str]| words.iter().map(|w| (*w).to_string()).collect::<Vec<_>>();
        assert!(has_consecutive(text, &lines(&["x", "b"])));
        assert!(!has_consecutive(text, &lines(&["x", "c"])));
        assert!(!has_consecutive(text, &[]));
    }

    #[test]
    fn an_svg_names_only_checked_code_fits_and_takes_the_theme_colour() {
        let svg = r##"<svg viewBox="0 0 800 10"><text class="code">a &amp; b</text><text class="code">c</text><rect fill="#fff" stroke="currentColor"/></svg>"##;
        let problems = svg_problems("f.svg", svg, &[mark("a & b")]);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].contains("the code `c` is not checked"));
        assert!(problems[1].contains("800 px wide"));
        assert!(problems[2].contains("paints in `#fff`"));
        let fine = r#"<svg viewBox="0 0 750 10"><text class="code">c</text></svg>"#;
        assert!(svg_problems("f.svg", fine, &[mark("c")]).is_empty());
    }
}
