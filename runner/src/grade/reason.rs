//! A failure in one line a teacher can act on: the stage, the real cause
//! (an error's name and message, a log's first difference) and where it is
//! (file, line and column), with no scratch-copy paths.

use std::path::Path;

use crate::verdict::{Stage, StageFailure};

/// `stage: cause (at file:line:col)` for `failure`, with every path inside
/// the scratch copy at `scratch_root` shown relative to it.
pub fn reason_of(failure: &StageFailure, scratch_root: &Path) -> String {
    let message = without_scratch_paths(&failure.message, scratch_root);
    let summary = match failure.stage {
        Stage::Log => first_difference(&message),
        Stage::Harness => harness_cause(&message),
        _ => first_lines(&message),
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

/// The first `-` and `+` lines of a log diff, in one line for a teacher.
fn first_difference(message: &str) -> String {
    let first = |sign: char, header: &str| {
        message
            .lines()
            .find(|line| line.starts_with(sign) && !line.starts_with(header))
            .map_or("", |line| &line[1..])
    };
    let mut reason = format!(
        "the log differs: expected `{}`, came `{}`",
        first('-', "---"),
        first('+', "+++")
    );
    if let Some((_, stderr)) = message.split_once("the harness wrote to stderr:\n") {
        let said = stderr.lines().find(|line| !line.trim().is_empty());
        reason = format!("{reason}; stderr: {}", said.unwrap_or_default().trim());
    }
    reason
}

/// For a harness that threw: the error line (`SyntaxError: ...`) and the
/// first place named in the output (`chapters/...mjs:5:3`). Otherwise the first lines.
fn harness_cause(message: &str) -> String {
    let error = message.lines().map(str::trim).find_map(error_line);
    let Some(error) = error else {
        return first_lines(message);
    };
    match message.lines().find_map(location) {
        Some(place) if !error.contains(&place) => format!("{error} (at {place})"),
        _ => error.to_string(),
    }
}

/// `Error: ...`, `SyntaxError: ...`, `Error [ERR_MODULE_NOT_FOUND]: ...`, after an optional `harness error: `.
fn error_line(line: &str) -> Option<&str> {
    let line = line.strip_prefix("harness error: ").unwrap_or(line);
    let name_end = line.find([':', ' '])?;
    let name = &line[..name_end];
    let looks_like_error = name.ends_with("Error") || name == "RuntimeError";
    (looks_like_error && line.contains(": ")).then_some(line)
}

/// The first `path:line[:col]` in `line` that is the learner's or the
/// exercise's file (not Node's internals).
fn location(line: &str) -> Option<String> {
    line.split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == '`')
        .map(|word| word.trim_end_matches([',', ';']))
        .find(|word| {
            word.starts_with("chapters/")
                && (word.contains(".mjs:") || word.contains(".wat:") || word.contains(".js:"))
        })
        .map(str::to_string)
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

    const ROOT: &str = "/w/target/workbook/scratch/sAbC";

    fn harness_failure(message: &str) -> StageFailure {
        StageFailure::new(Stage::Harness, message.to_string(), "")
    }

    #[test]
    fn an_import_error_keeps_its_cause_and_place_without_the_scratch_path() {
        let message = "`chapters/a/exercises/x/check.mjs` failed (exit code 1):\nharness error: file:///w/target/workbook/scratch/sAbC/chapters/a/exercises/x/check.mjs:5\nimport { nope } from './answer.mjs';\n         ^^^^\nSyntaxError: The requested module './answer.mjs' does not provide an export named 'nope'\n    at ModuleJob._instantiate (node:internal/modules/esm/module_job:180:21)";
        assert_eq!(
            reason_of(&harness_failure(message), Path::new(ROOT)),
            "harness: SyntaxError: The requested module './answer.mjs' does not provide an export named 'nope' (at chapters/a/exercises/x/check.mjs:5)"
        );
    }

    #[test]
    fn a_thrown_error_names_the_learner_file_line_and_column() {
        let message = "`chapters/a/exercises/x/check.mjs` failed (exit code 1):\nharness error: Error: no greeting yet\n    at greet (file:///w/target/workbook/scratch/sAbC/chapters/a/exercises/x/greeting.mjs:2:9)\n    at run (file:///w/target/workbook/scratch/sAbC/chapters/a/exercises/x/check.mjs:4:3)";
        assert_eq!(
            reason_of(&harness_failure(message), Path::new(ROOT)),
            "harness: Error: no greeting yet (at chapters/a/exercises/x/greeting.mjs:2:9)"
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
