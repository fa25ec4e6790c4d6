//! The grades of a class as terminal text.

use std::fmt::Write as _;

use super::{ClassReport, Status};

impl ClassReport {
    /// The grades as terminal text, ending with `N passed, N failed`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for student in &self.students {
            let total = student.passed + student.failed;
            let name = printable(&student.name);
            let _ = writeln!(out, "{name}: {}/{total} passed", student.passed);
            for exercise in &student.exercises {
                let label = match exercise.status {
                    Status::Pass => "ok   ",
                    Status::Fail => "FAIL ",
                    Status::Error => "ERROR",
                    Status::NotSubmitted => "MISS ",
                };
                match &exercise.reason {
                    Some(reason) => {
                        let reason = printable(reason);
                        let _ = writeln!(out, "  {label} {}  ({reason})", exercise.name);
                    }
                    None => {
                        let _ = writeln!(out, "  {label} {}", exercise.name);
                    }
                }
            }
        }
        let _ = writeln!(out, "per exercise:");
        for tally in &self.exercises {
            let total = tally.passed + tally.failed;
            let _ = writeln!(out, "  {}: {}/{total} students", tally.name, tally.passed);
        }
        let _ = writeln!(out, "{} passed, {} failed", self.passed, self.failed);
        out
    }
}

/// `text` with every control character (newline, CR, ESC, ...) and every
/// bidirectional override written as an escape, so that what a student
/// prints or names can neither break a report's lines nor redraw the terminal.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let reorders = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || reorders {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_reordering_marks_are_escaped() {
        assert_eq!(
            printable("a\nb\r  ok\u{1b}[2K\u{202e}z"),
            "a\\nb\\r  ok\\u{1b}[2K\\u{202e}z"
        );
    }
}
