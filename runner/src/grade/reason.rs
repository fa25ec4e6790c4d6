//! A failure in one line a teacher can act on: the stage, the real cause
//! (an error's name and message, a log's first difference) and where it is
//! (file, line and column), with no scratch-copy paths. Rendered from the
//! failure's typed cause, never from its prose.

use std::path::Path;

use crate::verdict::{FailureCause, StageFailure};

/// `stage: cause (at file:line:col)` for `failure`, with every path inside
/// the scratch copy at `scratch_root` shown relative to it.
pub fn reason_of(failure: &StageFailure, scratch_root: &Path) -> String {
    let unscratched = |text: &str| without_scratch_paths(text, scratch_root);
    let summary = match failure.cause.as_ref() {
        FailureCause::LogDiffers {
            expected,
            actual,
            stderr,
        } => {
            let mut reason = format!("the log differs: expected `{expected}`, came `{actual}`");
            if let Some(said) = stderr.lines().map(str::trim).find(|line| !line.is_empty()) {
                reason = format!("{reason}; stderr: {}", unscratched(said));
            }
            reason
        }
        FailureCause::HarnessThrew {
            error, location, ..
        } => {
            let error = unscratched(error);
            match location.as_deref().map(unscratched) {
                Some(place) if !error.contains(&place) => format!("{error} (at {place})"),
                _ => error,
            }
        }
        FailureCause::Refused {
            error, resource, ..
        } => match resource {
            Some(resource) => format!("refused `{}`: {error}", unscratched(resource)),
            None => format!("refused: {error}"),
        },
        _ => first_lines(&unscratched(&failure.message)),
    };
    format!("{}: {summary}", failure.stage)
}

/// `text` with `file://<root>/` and `<root>/` removed, so paths read `chapters/...`.
pub fn without_scratch_paths(text: &str, scratch_root: &Path) -> String {
    let root = scratch_root.display().to_string();
    text.replace(&format!("file://{root}/"), "")
        .replace(&format!("{root}/"), "")
        .replace(&root, "<scratch>")
}

/// The message's first line, and when it ends in `:`, the next line that says something.
fn first_lines(message: &str) -> String {
    let mut lines = message.lines();
    let first = lines.next().unwrap_or_default();
    match first.strip_suffix(':') {
        Some(head) => match lines.map(str::trim).find(|line| !line.is_empty()) {
            Some(detail) => format!("{head}: {detail}"),
            None => head.to_string(),
        },
        None => first.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::Stage;

    const ROOT: &str = "/w/target/workbook/scratch/sAbC";

    fn threw(error: &str, location: Option<&str>) -> StageFailure {
        let cause = FailureCause::HarnessThrew {
            error: error.into(),
            location: location.map(Into::into),
            stack: String::new(),
            stderr: String::new(),
        };
        StageFailure::caused(Stage::Harness, cause, "", "")
    }

    #[test]
    fn an_import_error_keeps_its_cause_and_place_without_the_scratch_path() {
        let failure = threw(
            "SyntaxError: The requested module './answer.mjs' does not provide an export named 'nope'",
            Some("file:///w/target/workbook/scratch/sAbC/chapters/a/exercises/x/check.mjs:5"),
        );
        assert_eq!(
            reason_of(&failure, Path::new(ROOT)),
            "harness: SyntaxError: The requested module './answer.mjs' does not provide an export named 'nope' (at chapters/a/exercises/x/check.mjs:5)"
        );
    }

    #[test]
    fn a_thrown_error_names_the_learner_file_line_and_column() {
        let failure = threw(
            "Error: no greeting yet",
            Some("file:///w/target/workbook/scratch/sAbC/chapters/a/exercises/x/greeting.mjs:2:9"),
        );
        assert_eq!(
            reason_of(&failure, Path::new(ROOT)),
            "harness: Error: no greeting yet (at chapters/a/exercises/x/greeting.mjs:2:9)"
        );
    }

    #[test]
    fn a_log_difference_names_both_first_lines_and_what_stderr_said() {
        let cause = FailureCause::LogDiffers {
            expected: "hello".into(),
            actual: "bye".into(),
            stderr: "\n  warning: at /w/target/workbook/scratch/sAbC/chapters/a/x.mjs:1\n".into(),
        };
        let failure = StageFailure::caused(Stage::Log, cause, "the log differs", "");
        assert_eq!(
            reason_of(&failure, Path::new(ROOT)),
            "log: the log differs: expected `hello`, came `bye`; stderr: warning: at chapters/a/x.mjs:1"
        );
    }

    #[test]
    fn a_parse_error_keeps_line_and_column() {
        let failure = StageFailure::new(
            Stage::Parse,
            "`/w/target/workbook/scratch/sAbC/chapters/a/exercises/x/add.wat:3:5`: expected `)`:\n  --> caret",
            "",
        );
        let reason = reason_of(&failure, Path::new(ROOT));
        assert!(
            reason.starts_with("parse: `chapters/a/exercises/x/add.wat:3:5`"),
            "{reason}"
        );
    }
}
