//! The learner's copies of an exercise: made from the starter, revealed
//! solutions, kept out of git, and reset with a backup.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::{BACKUP_DIR, Exercise, LearnerFiles};
use crate::names::Name;

impl Exercise {
    /// Copies the starter of every learner file that does not exist yet, and
    /// returns the files it made. Existing work is never touched.
    ///
    /// # Errors
    ///
    /// Fails when a starter cannot be copied.
    pub fn create_missing_learner_files(&self) -> Result<Vec<PathBuf>> {
        let mut created = Vec::new();
        for file in self.files() {
            let learner = self.learner_file(file);
            if !learner.exists() {
                self.copy_in(LearnerFiles::Starter, file)?;
                created.push(learner);
            }
        }
        Ok(created)
    }

    /// Writes the author's solution beside the learner's files, in a
    /// workspace, once the exercise passed; returns the files it wrote.
    /// In the checkout the solution is already there.
    ///
    /// # Errors
    ///
    /// Fails when a solution cannot be copied.
    pub fn reveal_solution(&self) -> Result<Vec<PathBuf>> {
        let mut written = Vec::new();
        if !self.in_workspace() {
            return Ok(written);
        }
        for file in self.files() {
            let to = self.dir.join("solution").join(file);
            if to.exists() {
                continue;
            }
            let from = self.source_file(LearnerFiles::Solution, file);
            crate::files::copy_creating_parents(&from, &to)?;
            written.push(to);
        }
        Ok(written)
    }

    /// Removes the solution a pass revealed in the workspace, so a reset
    /// exercise is a fresh start; returns the files it removed.
    ///
    /// # Errors
    ///
    /// Fails when a revealed file cannot be removed.
    pub fn remove_revealed_solution(&self) -> Result<Vec<PathBuf>> {
        let mut removed = Vec::new();
        if !self.in_workspace() {
            return Ok(removed);
        }
        let folder = self.dir.join("solution");
        for file in self.files() {
            let revealed = folder.join(file);
            if revealed.is_file() {
                std::fs::remove_file(&revealed)
                    .with_context(|| format!("removing `{}`", revealed.display()))?;
                removed.push(revealed);
            }
        }
        // Only an emptied folder goes: anything else in it is the learner's.
        let _ = std::fs::remove_dir(&folder);
        Ok(removed)
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
        self.ignore_learner_files()
    }

    /// Keeps the learner's copies out of git: a `.gitignore` beside them that
    /// also ignores itself, so the committed tree never changes.
    fn ignore_learner_files(&self) -> Result<()> {
        if self.dir != self.source_dir {
            return Ok(());
        }
        let mut text =
            String::from("# the learner's copies, made by the runner from starter/\n/.gitignore\n");
        for file in self.files() {
            let _ = writeln!(text, "/{}", file.display());
        }
        let path = self.dir.join(".gitignore");
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).with_context(|| format!("writing `{}`", path.display()))?;
        }
        Ok(())
    }

    /// Backs up the learner's files under `<root>/.workbook-backups/<name>/<time>/`,
    /// then restores their starters. Returns (learner file, backup) pairs.
    ///
    /// # Errors
    ///
    /// Fails when a backup or a starter cannot be copied; nothing is
    /// restored before every backup has been written.
    pub fn reset(&self, root: &Path) -> Result<Vec<(PathBuf, PathBuf)>> {
        let backup = backup_folder(root, &self.name);
        let mut kept = Vec::new();
        for file in self.files() {
            let learner = self.learner_file(file);
            if learner.exists() {
                let copy = backup.join(file);
                if let Some(parent) = copy.parent() {
                    std::fs::create_dir_all(parent)
                        .with_context(|| format!("creating `{}`", parent.display()))?;
                }
                std::fs::copy(&learner, &copy)
                    .with_context(|| format!("backing up `{}`", learner.display()))?;
                kept.push((learner, copy));
            }
        }
        for file in self.files() {
            self.copy_in(LearnerFiles::Starter, file)?;
        }
        Ok(kept)
    }
}

fn backup_folder(root: &Path, name: &Name) -> PathBuf {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let base = root.join(BACKUP_DIR).join(name.as_str());
    let mut folder = base.join(seconds.to_string());
    let mut attempt = 1;
    while folder.exists() {
        attempt += 1;
        folder = base.join(format!("{seconds}-{attempt}"));
    }
    folder
}
