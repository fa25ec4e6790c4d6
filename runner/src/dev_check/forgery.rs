//! A forged answer for `dev check`: a learner's JavaScript file that prints
//! the expected log by hand and exits. An exercise it passes can be gamed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::exercise::{Exercise, LearnerFiles};
use crate::names::SnapshotId;
use crate::snapshot::SnapshotStore;
use crate::workbook::Workbook;

/// A submission folder whose JavaScript learner files print the expected log
/// of the exercise's first variant and exit, ahead of the starter's code; its
/// other files are the starters.
/// `None` when the learner writes no JavaScript or there is no expected log.
///
/// # Errors
///
/// Fails when the expected log or a starter cannot be read, or the folder written.
pub fn forged_submission(
    workbook: &Workbook,
    exercise: &Exercise,
) -> Result<Option<tempfile::TempDir>> {
    let scripts: Vec<&PathBuf> = (exercise.files().iter())
        .filter(|file| is_script(file))
        .collect();
    let Some(variant) = exercise.manifest.variants.first() else {
        return Ok(None);
    };
    let id = SnapshotId::Log(exercise.suite().id, variant.name.clone());
    let Some(log) = SnapshotStore::new(workbook.snapshots_dir()).read(&id)? else {
        return Ok(None);
    };
    if scripts.is_empty() {
        return Ok(None);
    }
    let folder = tempfile::tempdir().context("making a folder for the forged answer")?;
    for file in exercise.files() {
        let to = folder.path().join(exercise.submission_path(file));
        if is_script(file) {
            let starter = exercise.source_file(LearnerFiles::Starter, file);
            let starter = std::fs::read_to_string(&starter)
                .with_context(|| format!("reading `{}`", starter.display()))?;
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&to, forged_module(&log, &starter))
                .with_context(|| format!("writing `{}`", to.display()))?;
        } else {
            crate::files::copy_creating_parents(
                &exercise.source_file(LearnerFiles::Starter, file),
                &to,
            )?;
        }
    }
    Ok(Some(folder))
}

fn is_script(file: &Path) -> bool {
    file.extension()
        .is_some_and(|ext| ext == "mjs" || ext == "js")
}

/// JavaScript that prints `log` line by line and exits before the harness
/// runs; the starter follows, so the module still has the exports the
/// harness imports (ES modules link before any of them runs).
fn forged_module(log: &str, starter: &str) -> String {
    let mut text = String::from("// dev check's forgery: the expected log, printed by hand.\n");
    for line in log.lines() {
        let quoted = serde_json::to_string(line).unwrap_or_default();
        let _ = writeln!(text, "console.log({quoted});");
    }
    text.push_str("process.exit(0);\n");
    text.push_str(starter);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forgery_prints_each_line_and_exits() {
        assert_eq!(
            forged_module("a \"b\"\nc", "export const x = 1;\n"),
            "// dev check's forgery: the expected log, printed by hand.\nconsole.log(\"a \\\"b\\\"\");\nconsole.log(\"c\");\nprocess.exit(0);\nexport const x = 1;\n"
        );
    }
}
