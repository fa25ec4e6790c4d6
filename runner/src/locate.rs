//! Finding the workbook to work on: the folder that holds
//! `chapters/workbook.toml`, or a learner's workspace (see
//! [`crate::workspace`]), whose `workbook-workspace.toml` names its workbook.
//! Kept apart from the domain types, which never look for themselves.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::workbook::Workbook;

/// The file that marks a workspace and names its workbook.
pub const WORKSPACE_FILE: &str = "workbook-workspace.toml";

/// The contents of [`WORKSPACE_FILE`].
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WorkspaceFile {
    /// The workbook checkout this workspace was made from, as an absolute path.
    pub(crate) workbook: PathBuf,
}

/// Finds the workbook that contains `start` by walking up to the first
/// folder holding `chapters/workbook.toml`, or a learner's workspace, which
/// names its workbook.
///
/// # Errors
///
/// Fails when no parent folder is a workbook or a workspace, or its manifest is invalid.
pub fn discover_workbook(start: &Path) -> Result<Workbook> {
    for dir in start.ancestors() {
        if dir.join(WORKSPACE_FILE).is_file() {
            return open_workspace(dir);
        }
        if dir.join("chapters").join("workbook.toml").is_file() {
            return Workbook::open(dir);
        }
    }
    bail!(
        "no `chapters/workbook.toml` in `{}` or any parent: run the runner inside the workbook, or pass `--workbook <dir>`",
        start.display()
    )
}

/// Opens the workbook that the workspace at `dir` names, working in `dir`.
///
/// # Errors
///
/// Fails when `workbook-workspace.toml` cannot be read, or the workbook it
/// names has moved; the message says which line to edit.
pub fn open_workspace(dir: &Path) -> Result<Workbook> {
    let path = dir.join(WORKSPACE_FILE);
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading `{}`", path.display()))?;
    let file: WorkspaceFile =
        toml::from_str(&text).with_context(|| format!("`{}` is damaged", path.display()))?;
    let workbook = Workbook::open(&file.workbook).with_context(|| {
        format!(
            "this workspace came from the workbook at `{}`; if it moved, set `workbook` in `{}` to its new folder",
            file.workbook.display(),
            path.display()
        )
    })?;
    Ok(workbook.with_workspace(dir))
}
