//! Sources in tables are links: a table row that names, in backticks, a
//! source file the book shows (`sleep.wat`, `chapters/jspi/standard.mjs`)
//! must link that name to the file's listing, so a reader can open it.

use std::path::Path;

use super::listings::{ListingIndex, is_source_name};

/// Every unlinked source name in the table rows of `text`, as a problem
/// naming `shown` (the page as messages show it), the line and the link to write.
pub fn unlinked_sources(index: &ListingIndex, page: &str, shown: &str, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut in_fence = false;
    for (number, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if in_fence || !line.trim_start().starts_with('|') {
            continue;
        }
        for (start, name) in code_spans(line) {
            let linked =
                line[..start].ends_with('[') && line[start..].contains(&format!("`{name}`]("));
            if linked || !is_source_name(name) {
                continue;
            }
            let found = index
                .resolve(name, line)
                .and_then(|file| index.link(&file, page));
            if let Some(link) = found {
                problems.push(format!(
                    "{shown}:{}: the table names `{name}` without a link to its listing; write [`{name}`]({link})",
                    number + 1
                ));
            }
        }
    }
    problems
}

/// Single-backtick code spans of `line`: (byte offset of the opening backtick, text).
fn code_spans(line: &str) -> Vec<(usize, &str)> {
    let mut spans = Vec::new();
    let mut rest = 0;
    while let Some(open) = line[rest..].find('`').map(|at| rest + at) {
        let run = line[open..].chars().take_while(|&c| c == '`').count();
        let Some(close) = line[open + run..]
            .find(&"`".repeat(run))
            .map(|at| open + run + at)
        else {
            break;
        };
        if run == 1 {
            spans.push((open, &line[open + 1..close]));
        }
        rest = close + run;
    }
    spans
}

/// The page's path relative to `book/src/`, with `/` separators.
pub fn page_key(src: &Path, page: &Path) -> String {
    page.strip_prefix(src)
        .unwrap_or(page)
        .components()
        .filter_map(|part| part.as_os_str().to_str())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_single_backtick_spans_only() {
        assert_eq!(
            code_spans("| `a.wat` | `` b `c` `` | [`d.mjs`](x) |"),
            [(2, "a.wat"), (27, "d.mjs")]
        );
    }
}
