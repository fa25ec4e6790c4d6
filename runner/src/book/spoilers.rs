//! No spoilers: a page must not include an exercise's solution, neither the
//! file itself nor a listing that the solution repeats line for line.
//!
//! Lines are compared trimmed, without blank and comment lines. A listing
//! spoils an exercise when its lines (three at least) appear, in a row, in
//! the solution, and one of them is an answer: a line the starter lacks.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::exercise::LearnerFiles;
use crate::files::lexically_normal;
use crate::workbook::Workbook;

/// Listings shorter than this are too generic to give an answer away.
const MIN_LINES: usize = 3;

/// One learner file of one exercise, as the book check compares it.
struct SolutionFile {
    exercise: String,
    path: PathBuf,
    lines: Vec<String>,
    starter: Vec<String>,
}

/// The solutions of `workbook`'s exercises, read once for every page.
pub struct Solutions(Vec<SolutionFile>);

impl Solutions {
    /// Reads every exercise's solution and starter.
    ///
    /// # Errors
    ///
    /// Fails when an `exercise.toml` is invalid.
    pub fn read(workbook: &Workbook) -> Result<Self> {
        let mut files = Vec::new();
        for exercise in workbook.exercises()? {
            for file in exercise.files() {
                let path = exercise.source_file(LearnerFiles::Solution, file);
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let starter =
                    std::fs::read_to_string(exercise.source_file(LearnerFiles::Starter, file))
                        .unwrap_or_default();
                files.push(SolutionFile {
                    exercise: exercise.name.to_string(),
                    path: lexically_normal(&path),
                    lines: code_lines(&text),
                    starter: code_lines(&starter),
                });
            }
        }
        Ok(Self(files))
    }

    /// The spoiler problems of the include `target[:selector]` on a page in
    /// `page_dir`, reported `at` a page line.
    pub fn check_include(
        &self,
        page_dir: &Path,
        target: &str,
        selector: &str,
        at: &str,
    ) -> Vec<String> {
        let path = lexically_normal(&page_dir.join(target));
        let mut problems = Vec::new();
        if let Some(file) = self.0.iter().find(|file| file.path == path) {
            problems.push(format!(
                "{at}: `{target}` is the solution of exercise `{}`; a page must not show an exercise's answer",
                file.exercise
            ));
            return problems;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            return problems;
        };
        let listing = code_lines(&selected(&text, selector));
        for file in &self.0 {
            if repeats_an_answer(&listing, file) {
                problems.push(format!(
                    "{at}: the solution of exercise `{}` repeats `{target}{}{selector}` line for line; show it in a collapsed \"after the exercise\" section, or ask the exercise for something the page does not show",
                    file.exercise,
                    if selector.is_empty() { "" } else { ":" },
                ));
            }
        }
        problems
    }
}

/// For each line of a page (1-based, index 0 unused), whether it sits in a
/// collapsed `<details>` section whose summary starts with "After the
/// exercise": there a page may show what an exercise asks for.
pub fn after_the_exercise(page: &str) -> Vec<bool> {
    let mut inside = vec![false];
    let mut depth = 0usize;
    let mut after_exercise_at: Option<usize> = None;
    for line in page.lines() {
        let lower = line.to_ascii_lowercase();
        if lower.contains("<details") {
            depth += 1;
        }
        if after_exercise_at.is_none() && lower.contains("<summary>after the exercise") {
            after_exercise_at = Some(depth);
        }
        inside.push(after_exercise_at.is_some());
        if lower.contains("</details>") {
            if after_exercise_at == Some(depth) {
                after_exercise_at = None;
            }
            depth = depth.saturating_sub(1);
        }
    }
    inside
}

/// True when `listing` appears in a row in the solution and gives an answer.
fn repeats_an_answer(listing: &[String], file: &SolutionFile) -> bool {
    if listing.len() < MIN_LINES || listing.len() > file.lines.len() {
        return false;
    }
    let gives_an_answer = listing.iter().any(|line| !file.starter.contains(line));
    gives_an_answer
        && file
            .lines
            .windows(listing.len())
            .any(|window| window == listing)
}

/// The part of `text` an include selects: an anchor, a line range, or all
/// of it; anchor marker lines are left out, as mdBook does.
fn selected(text: &str, selector: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let chosen: Vec<&str> = if selector.is_empty() {
        lines
    } else if selector.starts_with(|c: char| c.is_ascii_digit() || c == ':') {
        let (start, end) = selector.split_once(':').unwrap_or((selector, selector));
        let start = start.parse::<usize>().map_or(0, |n| n.saturating_sub(1));
        let end = end.parse::<usize>().unwrap_or(lines.len()).min(lines.len());
        lines
            .get(start..end)
            .map(<[&str]>::to_vec)
            .unwrap_or_default()
    } else {
        let marker = |kind: &str, line: &str| {
            line.split_once(kind)
                .is_some_and(|(_, rest)| rest.split_whitespace().next() == Some(selector))
        };
        lines
            .iter()
            .skip_while(|line| !marker("ANCHOR:", line))
            .skip(1)
            .take_while(|line| !marker("ANCHOR_END:", line))
            .copied()
            .collect()
    };
    chosen
        .into_iter()
        .filter(|line| !line.contains("ANCHOR:") && !line.contains("ANCHOR_END:"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The lines that carry code: trimmed, without blank and comment lines.
fn code_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with(";;") && !line.starts_with("//"))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn solution(text: &str, starter: &str) -> SolutionFile {
        SolutionFile {
            exercise: "demo".into(),
            path: PathBuf::from("x"),
            lines: code_lines(text),
            starter: code_lines(starter),
        }
    }

    #[test]
    fn a_listing_the_solution_repeats_with_an_answer_line_is_a_spoiler() {
        let file = solution(
            "(func $f\n  ;; the answer\n  local.get 0\n  local.get 1\n  i32.add)\n",
            "(func $f\n  ;; TODO\n  i32.const 0)\n",
        );
        let listing = code_lines("  local.get 0\n\n  local.get 1\n  i32.add)");
        assert!(repeats_an_answer(&listing, &file));
        // Two lines are too few; lines the starter already has give nothing away.
        assert!(!repeats_an_answer(
            &code_lines("local.get 1\ni32.add)"),
            &file
        ));
        let starter_only = solution("a\nb\nc\nd\n", "a\nb\nc\n");
        assert!(!repeats_an_answer(&code_lines("a\nb\nc"), &starter_only));
    }

    #[test]
    fn an_after_the_exercise_section_is_exempt() {
        let page = "a\n<details>\n<summary>After the exercise `x`</summary>\n\nb\n</details>\nc\n";
        assert_eq!(
            after_the_exercise(page),
            [false, false, false, true, true, true, true, false]
        );
    }

    #[test]
    fn an_include_selects_an_anchor_or_a_range() {
        let text = "one\n;; ANCHOR: loop\ntwo\nthree\n;; ANCHOR_END: loop\nfour\n";
        assert_eq!(selected(text, "loop"), "two\nthree");
        assert_eq!(selected(text, "6:"), "four");
        assert_eq!(selected(text, "1:1"), "one");
    }
}
