//! Exercises: a learner's files, checked like a small chapter.
//!
//! An exercise lives in `chapters/<chapter>/exercises/<name>/`:
//! - `exercise.toml`, in the `chapter.toml` format: what to build and run;
//! - the fixed files it needs (a harness, a WAT source the learner does not edit);
//! - `starter/<file>` and `solution/<file>` for every file the learner writes;
//! - `<file>` itself: the learner's copy, made from the starter on first use.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::manifest::{ChapterManifest, ExerciseEntry, exercise_dir};
use crate::pipeline::{RunOptions, Toolchain, run_chapter};
use crate::report::{ChapterReport, ReportKind};
use crate::stage::Stage;
use crate::workbook::{Chapter, Workbook, unknown_name_message};

/// One exercise of a workbook.
#[derive(Debug, Clone)]
pub struct Exercise {
    /// Its `[[exercise]]` entry in `workbook.toml`.
    pub entry: ExerciseEntry,
    /// Its folder.
    pub dir: PathBuf,
}

/// Where the files the learner writes come from.
#[derive(Debug, Clone, Copy)]
pub enum LearnerFiles<'a> {
    /// `starter/`: what the learner starts from.
    Starter,
    /// `solution/`: the teacher's answer.
    Solution,
    /// A student's submission folder, which mirrors `chapters/`.
    Submission(&'a Path),
}

impl Workbook {
    /// Every exercise, in `workbook.toml` order.
    pub fn exercises(&self) -> Vec<Exercise> {
        self.manifest
            .exercises
            .iter()
            .map(|entry| Exercise {
                dir: exercise_dir(self.chapters_dir(), entry),
                entry: entry.clone(),
            })
            .collect()
    }

    /// The exercise called `name`, suggesting the nearest name on a typo.
    ///
    /// # Errors
    ///
    /// Fails when no exercise has that name.
    pub fn exercise(&self, name: &str) -> Result<Exercise> {
        let exercises = self.exercises();
        exercises
            .iter()
            .find(|exercise| exercise.entry.name == name)
            .cloned()
            .ok_or_else(|| {
                let names = exercises.iter().map(Exercise::name);
                anyhow::anyhow!("{}", unknown_name_message("exercise", name, names))
            })
    }
}

impl Exercise {
    /// The exercise's name.
    pub fn name(&self) -> &str {
        &self.entry.name
    }

    /// The learner's copy of `file`.
    pub fn learner_file(&self, file: &Path) -> PathBuf {
        self.dir.join(file)
    }

    /// `file` as given by `source`.
    pub fn source_file(&self, source: LearnerFiles<'_>, file: &Path) -> PathBuf {
        match source {
            LearnerFiles::Starter => self.dir.join("starter").join(file),
            LearnerFiles::Solution => self.dir.join("solution").join(file),
            LearnerFiles::Submission(folder) => folder.join(self.submission_path(file)),
        }
    }

    /// The path of `file` inside a submission, as a student hands it in.
    pub fn submission_path(&self, file: &Path) -> PathBuf {
        Path::new(&self.entry.chapter)
            .join("exercises")
            .join(self.name())
            .join(file)
    }

    /// Copies the starter of every learner file that does not exist yet, and
    /// returns the files it made. Existing work is never touched.
    ///
    /// # Errors
    ///
    /// Fails when a starter cannot be copied.
    pub fn create_missing_learner_files(&self) -> Result<Vec<PathBuf>> {
        let mut created = Vec::new();
        for file in &self.entry.files {
            let learner = self.learner_file(file);
            if !learner.exists() {
                self.copy_in(LearnerFiles::Starter, file)?;
                created.push(learner);
            }
        }
        Ok(created)
    }

    /// Replaces the learner's copy of `file` with the one from `source`.
    ///
    /// # Errors
    ///
    /// Fails when the source file is missing or cannot be copied.
    pub fn copy_in(&self, source: LearnerFiles<'_>, file: &Path) -> Result<()> {
        let from = self.source_file(source, file);
        let to = self.learner_file(file);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating `{}`", parent.display()))?;
        }
        std::fs::copy(&from, &to)
            .with_context(|| format!("copying `{}` to `{}`", from.display(), to.display()))?;
        Ok(())
    }

    /// The exercise as a chapter named `exercises/<name>`, so its snapshots
    /// are `snapshots/exercises/<name>__<variant>__log.snap`.
    ///
    /// # Errors
    ///
    /// Fails when `exercise.toml` is invalid or names a file that is missing.
    pub fn as_chapter(&self) -> Result<Chapter> {
        Ok(Chapter {
            name: format!("exercises/{}", self.name()),
            manifest: ChapterManifest::load_file(&self.dir, "exercise.toml")?,
            dir: self.dir.clone(),
        })
    }

    /// Builds and runs the exercise with the learner files as they are.
    ///
    /// # Errors
    ///
    /// Fails on tool errors; a learner's mistake is a failed report instead.
    pub fn check(
        &self,
        workbook: &Workbook,
        toolchain: &Toolchain,
        options: &RunOptions,
    ) -> Result<ChapterReport> {
        let chapter = self.as_chapter()?;
        let mut report = run_chapter(workbook, &chapter, toolchain, options)?;
        let failures = report
            .variants
            .iter_mut()
            .filter_map(|v| v.failure.as_mut());
        for failure in failures.filter(|failure| failure.stage == Stage::Log) {
            failure.hint = format!(
                "the - lines are what the exercise expects, the + lines what your code logged; for a hint: cargo run -p runner -- hint {}",
                self.name()
            );
        }
        report.kind = ReportKind::Exercise;
        report.name = self.name().to_string();
        Ok(report)
    }
}
