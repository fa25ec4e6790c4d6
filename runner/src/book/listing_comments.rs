//! The rule that keeps teaching comments readable in the book: a code block
//! scrolls sideways when its code is wide, and then the end of a comment on
//! a long line is hidden. At 1280 px the content column shows 84 characters
//! of a listing, so every comment line a page includes stays within that.

use std::path::Path;

/// The longest line with a comment that a listing shows whole.
pub(super) const WIDEST_COMMENT_LINE: usize = 84;

/// Problems for each line with a comment, among the lines `selector` picks
/// from `included` (mdBook's `{{#include file:selector}}`), that is wider
/// than the column; `shown` names the file in messages.
pub(super) fn long_comment_lines(
    shown: &str,
    included: &str,
    selector: &str,
    at: &str,
) -> Vec<String> {
    let Some(marker) = comment_marker(Path::new(shown)) else {
        return Vec::new();
    };
    let lines: Vec<&str> = included.lines().collect();
    let (first, last) = selected_lines(&lines, selector);
    (first..last)
        .filter(|&index| {
            let line = lines[index];
            line.chars().count() > WIDEST_COMMENT_LINE && has_comment(line, marker)
        })
        .map(|index| {
            format!(
                "{shown}:{}: this comment line is {} characters wide, so the page cuts it \
                 (included at {at}); wrap the comment at {WIDEST_COMMENT_LINE} characters, \
                 or move a trailing comment onto its own line above the code",
                index + 1,
                lines[index].chars().count()
            )
        })
        .collect()
}

/// How a comment starts in a listing of this kind; `None` for files that are
/// not listings a reader reads as code (snapshots are recorded output).
fn comment_marker(path: &Path) -> Option<&'static str> {
    match path.extension()?.to_str()? {
        "mjs" | "js" | "rs" | "c" | "h" => Some("//"),
        "wat" | "wast" => Some(";;"),
        "toml" | "sh" | "py" => Some("#"),
        _ => None,
    }
}

/// A whole-line comment, or a trailing one after code (`code // words`).
fn has_comment(line: &str, marker: &str) -> bool {
    line.trim_start().starts_with(marker) || line.contains(&format!(" {marker} "))
}

/// The 0-based range of lines an include's selector shows: between an
/// anchor's markers, a `from:to` range of 1-based lines, or the whole file.
fn selected_lines(lines: &[&str], selector: &str) -> (usize, usize) {
    let whole = (0, lines.len());
    if selector.is_empty() {
        return whole;
    }
    if !selector.starts_with(|c: char| c.is_ascii_digit() || c == ':') {
        let marks = |kind: &str| {
            lines.iter().position(|line| {
                line.split_once(kind)
                    .is_some_and(|(_, rest)| rest.split_whitespace().next() == Some(selector))
            })
        };
        return match (marks("ANCHOR:"), marks("ANCHOR_END:")) {
            (Some(start), Some(end)) if start < end => (start + 1, end),
            _ => whole,
        };
    }
    let number = |text: &str| text.trim().parse::<usize>().ok();
    let (from, to) = selector.split_once(':').map_or_else(
        || {
            let line = number(selector).unwrap_or(1);
            (line, line)
        },
        |(from, to)| (number(from).unwrap_or(1), number(to).unwrap_or(lines.len())),
    );
    (from.max(1) - 1, to.min(lines.len()).max(from.max(1) - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "// ANCHOR: run\n\
        const short = 1; // fits\n\
        const wide = 1; // a trailing comment that runs on and on past the edge of the column ok\n\
        // ANCHOR_END: run\n\
        // a whole-line comment outside the anchor, and far too wide for the page's code column\n\
        const code = 'a long string without any comment in it at all, which may scroll sideways';\n";

    #[test]
    fn reports_wide_comment_lines_in_the_included_part_only() {
        let anchored = long_comment_lines("x.mjs", SOURCE, "run", "page.md:3");
        assert_eq!(anchored.len(), 1, "{anchored:?}");
        let wide = SOURCE.lines().nth(2).unwrap().chars().count();
        assert!(wide > WIDEST_COMMENT_LINE);
        let expected = format!("x.mjs:3: this comment line is {wide} characters wide");
        assert!(anchored[0].starts_with(&expected), "{anchored:?}");
        assert!(anchored[0].contains("included at page.md:3"));
        let whole = long_comment_lines("x.mjs", SOURCE, "", "page.md:3");
        assert_eq!(
            whole.len(),
            2,
            "wide code without a comment may scroll: {whole:?}"
        );
        assert_eq!(long_comment_lines("x.mjs", SOURCE, "5:", "p").len(), 1);
        assert_eq!(long_comment_lines("x.mjs", SOURCE, "1:2", "p").len(), 0);
        assert!(long_comment_lines("x.log.snap", SOURCE, "", "p").is_empty());
    }

    #[test]
    fn knows_each_listing_language_comment() {
        assert!(has_comment("  ;; a WAT comment", ";;"));
        assert!(has_comment("(i32.const 1) ;; trailing", ";;"));
        assert!(!has_comment("fetch('https://example.org')", "//"));
    }
}
