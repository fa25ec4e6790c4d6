//! No spoilers: a page must not include an exercise's solution, neither the
//! file itself nor a listing that repeats part of it line for line.
//!
//! Lines are compared trimmed, without blank and comment lines. A line is
//! substantive unless it is short (under [`MIN_CHARS`]), only closes
//! brackets (`});`, `end)))`), or is a bare `return`; an answer line is a
//! substantive line the starter lacks. A listing spoils an exercise when it
//! shares a run of lines, in a row, with the solution, and that run
//! - holds at least [`MIN_LINES`] substantive lines, one an answer; or
//! - holds the whole of a short answer: a stretch of two answer lines or
//!   more with no starter line between them, such as a call whose options
//!   sit on the next line.
//!
//! Trivial lines may sit inside a run but never count, so the shapes that
//! any two programs share do not make a spoiler.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::exercise::LearnerFiles;
use crate::files::lexically_normal;
use crate::workbook::Workbook;

/// Fewer substantive lines in a row than this are too generic to give an
/// answer away.
const MIN_LINES: usize = 3;

/// Lines shorter than this (trimmed) are too generic to count.
const MIN_CHARS: usize = 12;

/// One learner file of one exercise, as the book check compares it.
struct SolutionFile {
    exercise: String,
    path: PathBuf,
    lines: Vec<String>,
    starter: Vec<String>,
}

impl SolutionFile {
    /// Whether `line` is an answer: substantive, and not in the starter.
    fn is_answer(&self, line: &str) -> bool {
        is_substantive(line) && !self.starter.iter().any(|s| s == line)
    }
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
            if let Some(repeated) = repeats_an_answer(&listing, file) {
                problems.push(format!(
                    "{at}: the solution of exercise `{}` repeats {} of `{target}{}{selector}` line for line; show it in a collapsed \"after the exercise\" section, or ask the exercise for something the page does not show",
                    file.exercise,
                    if repeated == listing.len() { "all" } else { "part" },
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

/// The length of the longest run of lines that `listing` and the solution
/// share in a row and that gives an answer away: it holds at least
/// [`MIN_LINES`] substantive lines and one of them is an answer (a
/// substantive line the starter lacks), or it holds the whole of a short
/// answer (see [`answer_blocks`]).
fn repeats_an_answer(listing: &[String], file: &SolutionFile) -> Option<usize> {
    let mut longest = answer_blocks(file)
        .into_iter()
        .filter(|block| listing.windows(block.len()).any(|window| window == *block))
        .map(<[String]>::len)
        .max();
    for start in 0..listing.len() {
        for from in 0..file.lines.len() {
            if start > 0 && from > 0 && listing[start - 1] == file.lines[from - 1] {
                continue; // not the start of a maximal run
            }
            let run: Vec<&String> = listing[start..]
                .iter()
                .zip(&file.lines[from..])
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect();
            let substantive = run.iter().filter(|line| is_substantive(line)).count();
            let gives_an_answer = run.iter().any(|line| file.is_answer(line));
            if substantive >= MIN_LINES && gives_an_answer && longest < Some(run.len()) {
                longest = Some(run.len());
            }
        }
    }
    longest
}

/// The solution's answers, whole: each a stretch of the solution where every
/// substantive line is one the starter lacks, from the first such line to
/// the last, holding two of them at least. A listing that shows one whole
/// shows that answer even when it is shorter than [`MIN_LINES`] (such as a
/// call whose options sit on the next line).
fn answer_blocks(file: &SolutionFile) -> Vec<&[String]> {
    let mut blocks = Vec::new();
    let mut rest = &file.lines[..];
    while let Some(first) = rest.iter().position(|line| file.is_answer(line)) {
        let stretch = &rest[first..];
        let end = stretch
            .iter()
            .position(|line| is_substantive(line) && !file.is_answer(line))
            .unwrap_or(stretch.len());
        let last = stretch[..end]
            .iter()
            .rposition(|line| file.is_answer(line))
            .unwrap_or(0);
        let block = &stretch[..=last];
        if block.iter().filter(|line| file.is_answer(line)).count() >= 2 {
            blocks.push(block);
        }
        rest = &stretch[end..];
    }
    blocks
}

/// Whether a code line says something a learner could copy: not a closer
/// (only brackets, parentheses, `end`, `;`), not a bare `return`, and not
/// shorter than [`MIN_CHARS`].
fn is_substantive(line: &str) -> bool {
    let mut words = line
        .split(|c: char| "()[]{};,".contains(c) || c.is_whitespace())
        .filter(|word| !word.is_empty());
    let trivial = words.all(|word| word == "end" || word == "return");
    !trivial && line.chars().count() >= MIN_CHARS
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
mod tests;
