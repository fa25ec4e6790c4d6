//! The learner's progress: which exercises passed, and which one `watch`
//! is on. Saved in `.workbook-progress.json` at the workbook's root, or the
//! learner's workspace.

use std::collections::BTreeSet;
use std::path::PathBuf;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::files::write_atomically;
use crate::workbook::Workbook;

/// The progress file's name, at the workbook's root.
pub const PROGRESS_FILE: &str = ".workbook-progress.json";

/// What the learner has done so far.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// The exercise `watch` works on.
    pub current: Option<String>,
    /// Exercises whose last check passed.
    pub done: BTreeSet<String>,
    #[serde(skip)]
    path: PathBuf,
}

impl Progress {
    /// Reads the progress of `workbook`; a workbook nobody worked in yet has none.
    ///
    /// # Errors
    ///
    /// Fails when the file exists but cannot be read or parsed; the message
    /// says how to start afresh.
    pub fn load(workbook: &Workbook) -> Result<Self> {
        let path = workbook.learner_root().join(PROGRESS_FILE);
        let mut progress = match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).with_context(|| {
                format!(
                    "`{}` is damaged; delete it to start the progress afresh (your files are not affected)",
                    path.display()
                )
            })?,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Self::default(),
            Err(error) => return Err(error).with_context(|| format!("reading `{}`", path.display())),
        };
        progress.path = path;
        Ok(progress)
    }

    /// Records the verdict of a check of `exercise`, and saves.
    ///
    /// # Errors
    ///
    /// Fails when the progress file cannot be written.
    pub fn record(&mut self, exercise: &str, passed: bool) -> Result<()> {
        if passed {
            self.done.insert(exercise.to_string());
        } else {
            self.done.remove(exercise);
        }
        self.save()
    }

    /// Makes `exercise` the one `watch` works on, and saves.
    ///
    /// # Errors
    ///
    /// Fails when the progress file cannot be written.
    pub fn set_current(&mut self, exercise: &str) -> Result<()> {
        self.current = Some(exercise.to_string());
        self.save()
    }

    /// True when the last check of `exercise` passed.
    pub fn is_done(&self, exercise: &str) -> bool {
        self.done.contains(exercise)
    }

    fn save(&self) -> Result<()> {
        let text = serde_json::to_string_pretty(self)? + "\n";
        write_atomically(&self.path, text.as_bytes())
    }
}
