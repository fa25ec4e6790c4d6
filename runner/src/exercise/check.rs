//! One check of an exercise as the learner left it, shared by `exercise`
//! and `watch`: copies made, the workbook's own fixed files put back, the
//! run, the progress recorded and, on a pass, the solution revealed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::Exercise;
use crate::files::copy_creating_parents;
use crate::progress::Progress;
use crate::report::SuiteReport;
use crate::run::{RunOptions, run_suite};
use crate::toolchain::Toolchain;
use crate::workbook::Workbook;
use crate::workspace::AUTHOR_ONLY;

/// One check of an exercise: the report, and what the runner did around it.
pub struct CheckedExercise {
    /// The exercise's name.
    pub name: String,
    /// What the run found.
    pub report: SuiteReport,
    /// Copies made from starters, files put back, solutions revealed: one line each.
    pub notes: String,
    /// What the failure most likely means, for mistakes learners often make.
    pub advice: Vec<String>,
}

impl CheckedExercise {
    /// True when every variant passed.
    pub fn passed(&self) -> bool {
        self.report.passed()
    }

    /// The advice and the verdict: "done", or "not done yet" followed by
    /// `hint_pointer`.
    pub fn verdict_line(&self, hint_pointer: &str) -> String {
        let mut advice = String::new();
        for line in &self.advice {
            let _ = writeln!(advice, "Advice: {line}");
        }
        if self.passed() {
            format!("{advice}Exercise {} is done.\n", self.name)
        } else {
            format!(
                "{advice}Exercise {} is not done yet. {hint_pointer}\n",
                self.name
            )
        }
    }
}

/// Checks `exercise` as the learner left it and records the verdict; in a
/// workspace, a pass writes the solution beside the learner's file.
///
/// # Errors
///
/// Fails on tool errors (Node missing, I/O), not on a failing exercise.
pub fn check_and_record(
    workbook: &Workbook,
    toolchain: &Toolchain,
    exercise: &Exercise,
) -> Result<CheckedExercise> {
    let mut notes = make_learner_copies(workbook, exercise)?;
    notes.push_str(&restore_fixed_files(workbook, exercise)?);
    let report = run_suite(
        workbook,
        &exercise.suite(),
        toolchain,
        &RunOptions::default(),
    )?;
    let passed = report.passed();
    let advice = super::advice::advice_for(exercise, &report);
    Progress::load(workbook)?.record(exercise.name.as_str(), passed)?;
    if passed {
        for solution in exercise.reveal_solution()? {
            let _ = writeln!(
                notes,
                "Compare with the author's solution, now beside your file: `{}`",
                workbook.shown(&solution)
            );
        }
    }
    Ok(CheckedExercise {
        name: exercise.name.to_string(),
        report,
        notes,
        advice,
    })
}

/// Makes the learner's missing copies from the starters, and says so.
///
/// # Errors
///
/// Fails when a starter cannot be copied.
pub fn make_learner_copies(workbook: &Workbook, exercise: &Exercise) -> Result<String> {
    let mut text = String::new();
    for created in exercise.create_missing_learner_files()? {
        let _ = writeln!(
            text,
            "Made your copy `{}` from its starter: edit it where it says TODO.",
            workbook.shown(&created)
        );
    }
    Ok(text)
}

/// In a workspace, the files an exercise is judged with (its harness and
/// check, the chapter's shared modules) are the workbook's: a workspace copy
/// that differs is backed up and replaced before the run, so editing the
/// check can never pass an exercise.
fn restore_fixed_files(workbook: &Workbook, exercise: &Exercise) -> Result<String> {
    let mut text = String::new();
    let Some(workspace) = workbook.workspace() else {
        return Ok(text);
    };
    for (original, copy) in exercise.fixed_files(workbook, workspace)? {
        let same = std::fs::read(&original).ok() == std::fs::read(&copy).ok();
        if same {
            continue;
        }
        let backup = backup_of(workbook, &copy, workspace);
        if copy.exists() {
            copy_creating_parents(&copy, &backup)?;
        }
        copy_creating_parents(&original, &copy)?;
        let _ = writeln!(
            text,
            "Put back `{}`: it belongs to the exercise, not to your answer{}.",
            workbook.shown(&copy),
            if copy.exists() && backup.exists() {
                format!(" (your version is kept as `{}`)", workbook.shown(&backup))
            } else {
                String::new()
            }
        );
    }
    Ok(text)
}

fn backup_of(workbook: &Workbook, copy: &Path, workspace: &Path) -> PathBuf {
    let relative = copy.strip_prefix(workspace).unwrap_or(copy);
    workbook
        .learner_root()
        .join(super::BACKUP_DIR)
        .join("edited-fixed-files")
        .join(relative)
}

impl Exercise {
    /// The files this exercise runs with but the learner does not write,
    /// as (workbook original, workspace copy) pairs: its own folder's fixed
    /// files and its chapter's files, as `init` copied them.
    ///
    /// # Errors
    ///
    /// Fails when a folder of the workbook cannot be read.
    pub fn fixed_files(
        &self,
        workbook: &Workbook,
        workspace: &Path,
    ) -> Result<Vec<(PathBuf, PathBuf)>> {
        let chapter_dir = workbook.chapters_dir().join(self.chapter.as_str());
        let chapter_copy = workspace.join(self.chapter.as_str());
        let mut pairs: Vec<_> = files_under(&chapter_dir, &["exercises"])?
            .into_iter()
            .map(|file| (chapter_dir.join(&file), chapter_copy.join(file)))
            .collect();
        let mut skip: Vec<String> = AUTHOR_ONLY.iter().map(|name| (*name).to_string()).collect();
        skip.extend(
            (self.files().iter())
                .filter_map(|file| file.components().next())
                .map(|part| part.as_os_str().to_string_lossy().into_owned()),
        );
        let skip: Vec<&str> = skip.iter().map(String::as_str).collect();
        for file in files_under(&self.source_dir, &skip)? {
            pairs.push((self.source_dir.join(&file), self.dir.join(file)));
        }
        Ok(pairs)
    }
}

/// The plain files under `dir`, relative to it, leaving out the top-level
/// entries named in `skip` (the same rule `init` copies by).
fn files_under(dir: &Path, skip: &[&str]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut folders = vec![PathBuf::new()];
    while let Some(folder) = folders.pop() {
        let path = dir.join(&folder);
        let entries =
            std::fs::read_dir(&path).with_context(|| format!("reading `{}`", path.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("reading `{}`", path.display()))?;
            let name = entry.file_name();
            if folder.as_os_str().is_empty() && skip.iter().any(|s| name == *s) {
                continue;
            }
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => folders.push(folder.join(name)),
                Ok(kind) if kind.is_file() => files.push(folder.join(name)),
                _ => {}
            }
        }
    }
    files.sort();
    Ok(files)
}
