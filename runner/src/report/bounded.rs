//! What a failure shows on the terminal, bounded: a harness may print
//! megabytes (up to the capture cap), and a forged trace event or log line
//! may be one line of megabytes. By default the first and last lines are
//! shown, each cut at a width, with a line saying what was left out;
//! `--verbose` shows everything.

use std::borrow::Cow;

/// Lines shown from the start of a long text.
pub const HEAD_LINES: usize = 30;
/// Lines shown from its end.
pub const TAIL_LINES: usize = 10;
/// Characters shown of one long line.
pub const LINE_CHARS: usize = 400;

/// The lines of `text` to print: all of them with `verbose`; otherwise the
/// first [`HEAD_LINES`] and the last [`TAIL_LINES`], each cut at
/// [`LINE_CHARS`], with a line that says how many were left out.
pub fn shown_lines(text: &str, verbose: bool) -> Vec<Cow<'_, str>> {
    if verbose {
        return text.lines().map(Cow::Borrowed).collect();
    }
    let total = text.lines().count();
    let mut shown: Vec<Cow<'_, str>> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if total > HEAD_LINES + TAIL_LINES && index == HEAD_LINES {
            let hidden = total - HEAD_LINES - TAIL_LINES;
            shown.push(Cow::Owned(format!(
                "… {hidden} more lines (--verbose shows them all)"
            )));
        }
        let kept = index < HEAD_LINES || index >= total.saturating_sub(TAIL_LINES);
        if kept {
            shown.push(cut(line));
        }
    }
    shown
}

fn cut(line: &str) -> Cow<'_, str> {
    match line.char_indices().nth(LINE_CHARS) {
        None => Cow::Borrowed(line),
        Some((at, _)) => {
            let rest = line[at..].chars().count();
            Cow::Owned(format!(
                "{}… ({rest} more characters; --verbose shows them)",
                &line[..at]
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_keeps_its_ends_and_says_what_it_left_out() {
        let text = (0..100)
            .map(|n| format!("line {n}"))
            .collect::<Vec<_>>()
            .join("\n");
        let shown = shown_lines(&text, false);
        assert_eq!(shown.len(), HEAD_LINES + 1 + TAIL_LINES);
        assert_eq!(
            shown[HEAD_LINES],
            "… 60 more lines (--verbose shows them all)"
        );
        assert_eq!(shown.last().unwrap(), "line 99");
        assert_eq!(shown_lines(&text, true).len(), 100);
    }

    #[test]
    fn a_long_line_is_cut_with_a_count() {
        let line = "é".repeat(LINE_CHARS + 5);
        let shown = shown_lines(&line, false);
        assert!(
            shown[0].ends_with("… (5 more characters; --verbose shows them)"),
            "{}",
            shown[0]
        );
    }
}
