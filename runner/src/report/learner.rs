//! Reports for learners: only what to act on. A passed variant is one line;
//! a failed one names the stage, shows the diff labelled "expected" and
//! "your code logged" (green for what should be, red for what came), and what
//! to try. Stage steps, raw output and module sizes wait for `verbose`.

use std::fmt::Write as _;

use super::SuiteReport;
use super::render::{RenderOptions, paint};
use crate::verdict::{FailureCause, Verdict};

const EXPECTED_COLOR: &str = "32";
const LOGGED_COLOR: &str = "31";

impl SuiteReport {
    /// The report as a learner needs it; `options.verbose` adds the details.
    pub fn render_for_learner(&self, options: RenderOptions) -> String {
        let mut out = String::new();
        for variant in &self.variants {
            let (mark, color) = match &variant.verdict {
                Verdict::Passed => ("✓ passed", "32;1"),
                Verdict::Failed(_) => ("✗ failed", "31;1"),
                Verdict::Skipped { .. } => ("- skipped", "33;1"),
            };
            let _ = writeln!(
                out,
                "{} variant {}: {}",
                paint(options, color, mark),
                variant.name,
                variant.summary
            );
            if options.verbose {
                for step in &variant.steps {
                    let _ = writeln!(out, "    ok {:<9} {}", step.stage.to_string(), step.detail);
                }
                if !variant.raw_output.trim().is_empty() {
                    let _ = writeln!(out, "    raw harness output:");
                    for line in variant.raw_output.lines() {
                        let _ = writeln!(out, "      | {line}");
                    }
                }
            }
            match &variant.verdict {
                Verdict::Skipped { reason } => {
                    let _ = writeln!(out, "  {reason}");
                }
                Verdict::Passed => {}
                Verdict::Failed(failure) => {
                    let _ = writeln!(out, "  at stage {}:", failure.stage);
                    let text = failure.text();
                    let mut lines = text.lines();
                    // The first line names the snapshot's path, which is for authors; `verbose` shows it.
                    if !options.verbose && matches!(*failure.cause, FailureCause::LogDiffers { .. })
                    {
                        lines.next();
                        let _ = writeln!(out, "    your log differs from the expected one:");
                    }
                    for line in lines {
                        let _ = writeln!(out, "    {}", learner_diff_line(options, line));
                    }
                    let _ = writeln!(out, "  try: {}", failure.hint);
                }
            }
        }
        if options.verbose {
            self.render_sizes(&mut out);
        }
        out
    }
}

/// One line of a failure message; in a diff, the labels say which side is which.
fn learner_diff_line(options: RenderOptions, line: &str) -> String {
    if line.starts_with("--- expected") {
        return paint(options, EXPECTED_COLOR, "--- expected (- lines)");
    }
    if line.starts_with("+++ actual") {
        return paint(options, LOGGED_COLOR, "+++ your code logged (+ lines)");
    }
    match line.as_bytes().first() {
        Some(b'-') => paint(options, EXPECTED_COLOR, line),
        Some(b'+') => paint(options, LOGGED_COLOR, line),
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diff_is_labelled_for_a_learner() {
        let plain = RenderOptions::default();
        assert_eq!(
            learner_diff_line(plain, "--- expected"),
            "--- expected (- lines)"
        );
        assert_eq!(
            learner_diff_line(plain, "+++ actual"),
            "+++ your code logged (+ lines)"
        );
        let color = RenderOptions {
            color: true,
            ..plain
        };
        assert_eq!(
            learner_diff_line(color, "-sum = 5"),
            "\x1b[32m-sum = 5\x1b[0m"
        );
        assert_eq!(
            learner_diff_line(color, "+sum = 0"),
            "\x1b[31m+sum = 0\x1b[0m"
        );
    }
}
