//! Exercises: a learner's files, checked like a small chapter.
//!
//! An exercise lives in `chapters/<chapter>/exercises/<name>/`:
//! - `exercise.toml`: the chapter format plus `files` (what the learner
//!   writes) and `hint`;
//! - the fixed files it needs (a harness, a WAT source the learner does not edit);
//! - `starter/<file>` and `solution/<file>` for every file the learner writes;
//! - `<file>` itself: the learner's copy, made from the starter on first use
//!   and kept out of git by a `.gitignore` the runner writes beside it.
//!
//! In a learner's workspace (`runner init`), the learner's copy and the fixed
//! files sit in `<workspace>/<chapter>/exercises/<name>/` instead, and the
//! solution is written beside them only once the exercise passes.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

mod advice;
mod check;
mod learner_copies;
mod order;

pub use check::{CheckedExercise, check_and_record, make_learner_copies};
pub use order::next_unfinished;

use crate::manifest::{ChapterManifest, ManifestKind};
use crate::names::{Name, SuiteId};
use crate::workbook::{Suite, Workbook, unknown_name_message};

/// Where `reset` keeps the learner's files before it restores a starter.
pub const BACKUP_DIR: &str = ".workbook-backups";

/// One exercise of a workbook.
#[derive(Debug, Clone)]
pub struct Exercise {
    /// Its name.
    pub name: Name,
    /// The chapter whose `exercises/` folder holds it.
    pub chapter: Name,
    /// Where it runs: the learner's copies and the fixed files. The same as
    /// `source_dir` in the checkout; a folder of the workspace in a workspace.
    pub dir: PathBuf,
    /// Its folder in the workbook: `exercise.toml`, `starter/`, `solution/`.
    pub source_dir: PathBuf,
    /// Its `exercise.toml`.
    pub manifest: ChapterManifest,
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
    /// A folder holding the learner's files themselves (a cheat's).
    Folder(&'a Path),
}

impl Workbook {
    /// Every exercise, in `workbook.toml` order.
    ///
    /// # Errors
    ///
    /// Fails on the first invalid `exercise.toml`.
    pub fn exercises(&self) -> Result<Vec<Exercise>> {
        self.manifest
            .exercises
            .iter()
            .map(|(name, chapter)| {
                let relative = Path::new(chapter.as_str())
                    .join("exercises")
                    .join(name.as_str());
                let source_dir = self.chapters_dir().join(&relative);
                Ok(Exercise {
                    manifest: ChapterManifest::load(
                        &source_dir.join("exercise.toml"),
                        ManifestKind::Exercise,
                        self.root(),
                    )?,
                    name: name.clone(),
                    chapter: chapter.clone(),
                    dir: self
                        .workspace()
                        .map_or_else(|| source_dir.clone(), |w| w.join(&relative)),
                    source_dir,
                })
            })
            .collect()
    }

    /// The exercises `name` stands for: one exercise, or every exercise of a
    /// chapter; `None` selects them all.
    ///
    /// # Errors
    ///
    /// Fails when `name` is neither, suggesting the nearest name.
    pub fn select_exercises(&self, name: Option<&str>) -> Result<Vec<Exercise>> {
        let all = self.exercises()?;
        let Some(name) = name else { return Ok(all) };
        let selected: Vec<Exercise> = all
            .iter()
            .filter(|exercise| exercise.name == *name || exercise.chapter == *name)
            .cloned()
            .collect();
        if !selected.is_empty() {
            return Ok(selected);
        }
        if self.has_chapter(name) {
            bail!("chapter `{name}` has no exercises");
        }
        let names = all
            .iter()
            .map(|e| e.name.as_str())
            .chain(self.manifest.chapters.iter().map(Name::as_str));
        bail!(
            "{}",
            unknown_name_message("exercise or chapter", name, names)
        )
    }

    /// The one exercise called `name`.
    ///
    /// # Errors
    ///
    /// Fails when no exercise has that name (a chapter name is refused too).
    pub fn exercise(&self, name: &str) -> Result<Exercise> {
        let all = self.exercises()?;
        all.iter()
            .find(|exercise| exercise.name == *name)
            .cloned()
            .ok_or_else(|| {
                let names = all.iter().map(|exercise| exercise.name.as_str());
                anyhow::anyhow!("{}", unknown_name_message("exercise", name, names))
            })
    }
}

impl Exercise {
    /// The exercise as a suite to build and run.
    pub fn suite(&self) -> Suite {
        Suite {
            id: SuiteId::Exercise {
                chapter: self.chapter.clone(),
                exercise: self.name.clone(),
            },
            dir: self.dir.clone(),
            manifest: self.manifest.clone(),
        }
    }

    /// The files the learner writes, relative to the exercise folder.
    pub fn files(&self) -> &[PathBuf] {
        &self.manifest.files
    }

    /// What `runner hint` prints.
    pub fn hint(&self) -> &str {
        self.manifest.hint.as_deref().unwrap_or_default().trim_end()
    }

    /// The learner's copy of `file`.
    pub fn learner_file(&self, file: &Path) -> PathBuf {
        self.dir.join(file)
    }

    /// `file` as given by `source`.
    pub fn source_file(&self, source: LearnerFiles<'_>, file: &Path) -> PathBuf {
        match source {
            LearnerFiles::Starter => self.source_dir.join("starter").join(file),
            LearnerFiles::Solution => self.source_dir.join("solution").join(file),
            LearnerFiles::Submission(folder) => folder.join(self.submission_path(file)),
            LearnerFiles::Folder(folder) => folder.join(file),
        }
    }

    /// The folders of `cheats/`: each holds wrong answers (one version of
    /// every learner file) that `dev check` requires to fail.
    pub fn cheats(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(self.source_dir.join("cheats")) else {
            return Vec::new();
        };
        let mut folders: Vec<PathBuf> = entries
            .filter_map(|entry| Some(entry.ok()?.path()))
            .filter(|path| path.is_dir())
            .collect();
        folders.sort();
        folders
    }

    /// The path of `file` inside a submission, as a student hands it in.
    pub fn submission_path(&self, file: &Path) -> PathBuf {
        [self.chapter.as_str(), "exercises", self.name.as_str()]
            .iter()
            .collect::<PathBuf>()
            .join(file)
    }

    /// True when the learner works in a workspace, outside the workbook.
    pub fn in_workspace(&self) -> bool {
        self.dir != self.source_dir
    }
}
