//! The wrong answers `dev check` requires to fail: the cheats an exercise
//! keeps in `cheats/<name>/`, and a workspace whose own check was edited to
//! log the expected lines (watch and `exercise` must judge with the
//! workbook's files, never the workspace's copies).

use std::fmt::Write as _;

use anyhow::{Context, Result};

use super::run_with;
use crate::exercise::{Exercise, LearnerFiles, check_and_record};
use crate::names::SnapshotId;
use crate::scratch::ScratchWorkbook;
use crate::snapshot::SnapshotStore;
use crate::toolchain::Toolchain;
use crate::workbook::Workbook;

/// One problem for every cheat of `exercise` that passes.
///
/// # Errors
///
/// Fails on tool errors, or a cheat folder that lacks a learner file.
pub fn passing_cheats(
    workbook: &Workbook,
    scratch: &ScratchWorkbook,
    toolchain: &Toolchain,
    exercise: &Exercise,
) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for cheat in exercise.cheats() {
        let source = LearnerFiles::Folder(&cheat);
        if let Some(missing) = (exercise.files().iter())
            .map(|file| exercise.source_file(source, file))
            .find(|path| !path.is_file())
        {
            problems.push(format!(
                "the cheat `{}` lacks `{}`: a cheat holds every file the learner writes",
                workbook.shown(&cheat),
                workbook.shown(&missing)
            ));
            continue;
        }
        if run_with(scratch, toolchain, exercise, source, false)?.passed() {
            problems.push(format!(
                "the cheat `{}` passes: the check can be satisfied without solving the exercise",
                workbook.shown(&cheat)
            ));
        }
    }
    Ok(problems)
}

/// A problem when editing `workspace`'s copy of the exercise's harness to
/// log the expected lines makes the exercise pass there.
///
/// # Errors
///
/// Fails on tool errors, or when the forged harness cannot be written.
pub fn edited_check_passes(
    workbook: &Workbook,
    workspace: &Workbook,
    toolchain: &Toolchain,
    exercise: &Exercise,
) -> Result<Option<String>> {
    let Some(variant) = exercise.manifest.variants.first() else {
        return Ok(None);
    };
    let id = SnapshotId::Log(exercise.suite().id, variant.name.clone());
    let Some(log) = SnapshotStore::new(workbook.snapshots_dir()).read(&id)? else {
        return Ok(None);
    };
    let in_workspace = workspace.exercise(exercise.name.as_str())?;
    let harness = in_workspace.dir.join(&variant.harness);
    std::fs::write(&harness, forged_harness(&log))
        .with_context(|| format!("writing `{}`", harness.display()))?;
    let checked = check_and_record(workspace, toolchain, &in_workspace)?;
    Ok(checked.passed().then(|| {
        format!(
            "a workspace whose `{}` was edited to log the expected lines passes: watch and `exercise` must run the workbook's own check",
            variant.harness.display()
        )
    }))
}

/// A harness that logs `log` line by line and checks nothing.
fn forged_harness(log: &str) -> String {
    let mut text = String::from(
        "// dev check's forgery: the workspace's check, edited to log the expected lines.\nexport async function run(host) {\n",
    );
    for line in log.lines() {
        let quoted = serde_json::to_string(line).unwrap_or_default();
        let _ = writeln!(text, "  host.log({quoted});");
    }
    text.push_str("}\n");
    text
}
