//! Scratch copies of a workbook's `chapters/` and `node-harness/`, where
//! `dev check`, mutations and `grade` put the files they check, so the real
//! tree and the submissions are never written.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::exercise::{Exercise, LearnerFiles};
use crate::files::copy_tree;
use crate::workbook::Workbook;

/// A submitted file larger than this is refused rather than copied.
const MAX_SUBMITTED_BYTES: u64 = 1 << 20;

/// Why a submission's file cannot be graded; each names the file as the
/// student should have placed it, relative to their folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmissionProblem {
    /// The file is not there.
    Missing(PathBuf),
    /// It is a folder, a link or a device.
    NotAFile(PathBuf),
    /// It is larger than 1 MiB.
    TooLarge(PathBuf),
}

impl std::fmt::Display for SubmissionProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Missing(path) => write!(f, "not submitted: `{}`", path.display()),
            Self::NotAFile(path) => write!(f, "`{}` is not a plain file", path.display()),
            Self::TooLarge(path) => write!(f, "`{}` is larger than 1 MiB", path.display()),
        }
    }
}

/// A copy in `target/workbook/scratch/`, removed when dropped. The installed
/// packages (`node_modules`) are linked, not copied.
#[derive(Debug)]
pub struct ScratchWorkbook {
    workbook: Workbook,
    dir: tempfile::TempDir,
    root: PathBuf,
}

impl Drop for ScratchWorkbook {
    fn drop(&mut self) {
        crate::process::forget_removal(self.dir.path());
    }
}

impl ScratchWorkbook {
    /// Copies `workbook`'s chapters and host files into a new scratch folder.
    ///
    /// # Errors
    ///
    /// Fails when the copy cannot be made.
    pub fn new(workbook: &Workbook) -> Result<Self> {
        let parent = workbook.target_dir().join("scratch");
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("creating `{}`", parent.display()))?;
        let dir = crate::process::remove_if_stopped(
            || tempfile::Builder::new().prefix("s").tempdir_in(&parent),
            |dir| dir.path().to_path_buf(),
        )
        .with_context(|| format!("creating a scratch folder in `{}`", parent.display()))?;
        // Absolute and without links, so that every path a job prints (Node
        // prints absolute URLs) starts with `root` however the workbook was named.
        let root = std::fs::canonicalize(dir.path())
            .with_context(|| format!("resolving `{}`", dir.path().display()))?;
        let chapters = root.join("chapters");
        let harness = root.join("node-harness");
        copy_tree(workbook.chapters_dir(), &chapters, &[])?;
        copy_tree(workbook.node_harness_dir(), &harness, &["node_modules"])?;
        let packages = workbook.node_harness_dir().join("node_modules");
        if packages.is_dir() {
            std::os::unix::fs::symlink(&packages, harness.join("node_modules"))
                .with_context(|| format!("linking `{}`", packages.display()))?;
        }
        let workbook = workbook.scratch_view(&chapters, &harness, &root.join("target"))?;
        Ok(Self {
            workbook,
            dir,
            root,
        })
    }

    /// Removes every exercise's `solution/` from the copy, so that nothing
    /// run in it can import an answer.
    ///
    /// # Errors
    ///
    /// Fails when a manifest cannot be read or a folder cannot be removed.
    pub fn remove_solutions(&self) -> Result<()> {
        for exercise in self.workbook.exercises()? {
            let solution = exercise.dir.join("solution");
            if solution.exists() {
                std::fs::remove_dir_all(&solution).with_context(|| {
                    format!("removing `{}` from the scratch copy", solution.display())
                })?;
            }
        }
        Ok(())
    }

    /// The copy's own folder, which paths in messages should not show.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The workbook that reads its chapters and host files from this copy.
    pub fn workbook(&self) -> &Workbook {
        &self.workbook
    }

    /// The copy of `path`, a path inside the original workbook's chapters or host files.
    pub fn copy_of(&self, original: &Workbook, path: &Path) -> Option<PathBuf> {
        let path = crate::files::lexically_normal(path);
        let pairs = [
            (original.chapters_dir(), self.workbook.chapters_dir()),
            (
                original.node_harness_dir(),
                self.workbook.node_harness_dir(),
            ),
        ];
        pairs.into_iter().find_map(|(from, to)| {
            path.strip_prefix(crate::files::lexically_normal(from))
                .ok()
                .map(|inside| to.join(inside))
        })
    }

    /// Puts the learner files of `exercise` from `source` in place in the copy.
    /// Returns the [`SubmissionProblem`] when a submission lacks a file or
    /// holds one that is not a plain file of a sensible size.
    ///
    /// # Errors
    ///
    /// The outer error is a tool failure: a copy that cannot be written.
    pub fn stage(
        &self,
        original: &Exercise,
        source: LearnerFiles<'_>,
    ) -> Result<Result<Exercise, SubmissionProblem>> {
        let exercise = self.workbook.exercise(original.name.as_str())?;
        for file in original.files() {
            let from = original.source_file(source, file);
            if let LearnerFiles::Submission(_) = source {
                let expected = original.submission_path(file);
                match std::fs::symlink_metadata(&from) {
                    Err(_) => return Ok(Err(SubmissionProblem::Missing(expected))),
                    Ok(meta) if !meta.is_file() => {
                        return Ok(Err(SubmissionProblem::NotAFile(expected)));
                    }
                    Ok(meta) if meta.len() > MAX_SUBMITTED_BYTES => {
                        return Ok(Err(SubmissionProblem::TooLarge(expected)));
                    }
                    Ok(_) => {}
                }
            }
            let to = exercise.learner_file(file);
            std::fs::copy(&from, &to)
                .with_context(|| format!("copying `{}` to `{}`", from.display(), to.display()))?;
        }
        Ok(Ok(exercise))
    }
}
