//! The rules every page of the book follows: includes resolve (file and
//! anchor), recorded snapshots are shown without insta's header, listings
//! are included rather than pasted, their comments fit the column (see
//! [`super::listing_comments`]), and no solution shows too early.

use std::path::Path;

use anyhow::Result;

use super::listing_comments::long_comment_lines;
use super::read;
use super::spoilers::{self, Solutions};
use crate::workbook::Workbook;

pub(super) fn check_page(
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
        problems.extend(long_comment_lines(
            &workbook.shown(&path),
            &included,
            selector,
            &at,
        ));
        let is_anchor = !selector.is_empty() && !selector.starts_with(|c: char| c.is_ascii_digit());
        if is_anchor && !has_anchor(&included, selector) {
            problems.push(format!(
                "{at}: anchor `{selector}` is missing from `{target}` (it needs `ANCHOR: {selector}` and `ANCHOR_END: {selector}` lines)"
            ));
        }
        let is_snapshot = Path::new(target)
            .extension()
            .is_some_and(|ext| ext == "snap");
        if is_snapshot {
            let body_starts = insta_header_lines(&included).map_or(1, |lines| lines + 1);
            if selector != format!("{body_starts}:") {
                problems.push(format!(
                    "{at}: include `{target}:{body_starts}:` so insta's header (its first {} lines) stays out of the book",
                    body_starts - 1
                ));
            }
        }
    }
    for (line_number, language) in pasted_listings(&text) {
        problems.push(format!(
            "{shown}:{line_number}: a `{language}` listing is pasted; include it from the tested file with {{{{#include ...:anchor}}}}"
        ));
    }
    Ok(())
}

/// How many lines insta's header takes: from the first `---` line to the next.
fn insta_header_lines(snapshot: &str) -> Option<usize> {
    let mut lines = snapshot.lines();
    (lines.next()? == "---").then_some(())?;
    lines.position(|line| line == "---").map(|index| index + 2)
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
pub(super) fn includes(text: &str) -> impl Iterator<Item = (usize, &str)> {
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
    fn measures_the_insta_header() {
        let snapshot = "---\nsource: x\nexpression: log\n---\nbody\n";
        assert_eq!(insta_header_lines(snapshot), Some(4));
        assert_eq!(insta_header_lines("body\n"), None);
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
