//! Scratch copies of `chapters/`, where `dev check` and `grade` put the files
//! an exercise is checked with, so the real tree and the submissions are never written.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::exercise::{Exercise, LearnerFiles};
use crate::workbook::Workbook;

/// A submitted file larger than this is refused rather than copied.
const MAX_SUBMITTED_BYTES: u64 = 1 << 20;

/// A copy of a workbook's `chapters/` in `target/workbook/scratch/`, removed when dropped.
#[derive(Debug)]
pub struct ScratchChapters {
    workbook: Workbook,
    _dir: tempfile::TempDir,
}

impl ScratchChapters {
    /// Copies `workbook`'s chapters into a new scratch folder.
    ///
    /// # Errors
    ///
    /// Fails when the copy cannot be made.
    pub fn new(workbook: &Workbook, label: &str) -> Result<Self> {
        let parent = workbook.target_dir().join("scratch");
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("creating `{}`", parent.display()))?;
        let dir = tempfile::Builder::new()
            .prefix(&format!("{label}-"))
            .tempdir_in(&parent)
            .with_context(|| format!("creating a scratch folder in `{}`", parent.display()))?;
        let chapters = dir.path().join("chapters");
        copy_tree(workbook.chapters_dir(), &chapters)?;
        let workbook = workbook.with_chapters_in(&chapters, &dir.path().join("target"))?;
        Ok(Self {
            workbook,
            _dir: dir,
        })
    }

    /// The workbook that reads its chapters from this copy.
    pub fn workbook(&self) -> &Workbook {
        &self.workbook
    }

    /// Puts the learner files of `exercise` from `source` in place in the copy.
    /// Returns `Err(reason)` when a submission lacks a file or holds one that
    /// is not a plain file of a sensible size.
    ///
    /// # Errors
    ///
    /// The outer error is a tool failure: a copy that cannot be written.
    pub fn stage(
        &self,
        original: &Exercise,
        source: LearnerFiles<'_>,
    ) -> Result<Result<Exercise, String>> {
        let exercise = self.workbook.exercise(original.name())?;
        for file in &original.entry.files {
            let from = original.source_file(source, file);
            if let LearnerFiles::Submission(_) = source {
                let shown = original.submission_path(file).display().to_string();
                match std::fs::symlink_metadata(&from) {
                    Err(_) => return Ok(Err(format!("not submitted: `{shown}`"))),
                    Ok(meta) if !meta.is_file() => {
                        return Ok(Err(format!("`{shown}` is not a plain file")));
                    }
                    Ok(meta) if meta.len() > MAX_SUBMITTED_BYTES => {
                        return Ok(Err(format!("`{shown}` is larger than 1 MiB")));
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

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("creating `{}`", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading `{}`", from.display()))? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying `{}`", entry.path().display()))?;
        } else {
            bail!(
                "`{}` is neither a file nor a folder; chapters hold only plain files",
                entry.path().display()
            );
        }
    }
    Ok(())
}
