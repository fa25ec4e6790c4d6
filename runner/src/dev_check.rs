//! `runner dev check`: every exercise is complete and means something. Its
//! hint is written, its files exist, its starter fails, its solution passes,
//! and the wrong answers fail: a learner's script that prints the expected
//! log by hand, the exercise's own `cheats/`, and a workspace whose check
//! was edited to log the expected lines.

mod cheats;
mod forgery;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::exercise::{Exercise, LearnerFiles};
use crate::parallel::parallel_map;
use crate::report::SuiteReport;
use crate::report::render::RenderOptions;
use crate::run::{RunOptions, run_suite};
use crate::scratch::ScratchWorkbook;
use crate::toolchain::Toolchain;
use crate::verdict::Stage;
use crate::workbook::Workbook;

/// The marker every starter carries where the learner has work to do.
pub const TODO_MARKER: &str = "TODO";

/// What `dev check` found for one exercise.
#[derive(Debug)]
pub struct ExerciseAudit {
    /// The exercise's name.
    pub name: String,
    /// Everything wrong with it; empty when it is sound.
    pub problems: Vec<String>,
    /// The stage its starter failed at, when it did.
    pub starter_failed_at: Option<Stage>,
    /// The solution's run, when the files were complete enough to run it.
    pub solution: Option<SuiteReport>,
    /// Why it was not checked: the learner writes a source whose compiler is not installed.
    pub skipped: Option<String>,
    /// With `accept`, what the solution's run recorded, as its steps say it
    /// (for example "recorded `snapshots/<chapter>/exercises/<name>/check.log.snap`").
    pub recorded: Vec<String>,
}

/// Audits `exercises` of `workbook`, in parallel. With `accept`, the
/// solutions' logs are recorded as the expected logs.
///
/// # Errors
///
/// Fails on tool errors (a scratch copy or Node that cannot start).
pub fn audit_exercises(
    workbook: &Workbook,
    toolchain: &Toolchain,
    exercises: &[Exercise],
    accept: bool,
) -> Result<Vec<ExerciseAudit>> {
    // One learner's workspace for every exercise's edited-check forgery.
    let folder = tempfile::tempdir().context("making a folder for a test workspace")?;
    crate::workspace::init_workspace(workbook, &folder.path().join("workspace"))?;
    let workspace = crate::locate::open_workspace(&folder.path().join("workspace"))?;
    parallel_map(exercises, |exercise| {
        audit(workbook, &workspace, toolchain, exercise, accept)
    })
    .into_iter()
    .collect()
}

fn audit(
    workbook: &Workbook,
    workspace: &Workbook,
    toolchain: &Toolchain,
    exercise: &Exercise,
    accept: bool,
) -> Result<ExerciseAudit> {
    let mut audit = ExerciseAudit {
        name: exercise.name.to_string(),
        problems: file_problems(workbook, exercise),
        starter_failed_at: None,
        solution: None,
        skipped: None,
        recorded: Vec::new(),
    };
    let suite = exercise.suite();
    audit.skipped = (exercise.manifest.files.iter())
        .find_map(|file| toolchain.builders.compilers.cannot_rebuild(&suite, file))
        .map(|unavailable| unavailable.reason.to_owned());
    if !audit.problems.is_empty() || audit.skipped.is_some() {
        return Ok(audit);
    }
    let scratch = ScratchWorkbook::new(workbook)?;
    let solution = run_with(
        &scratch,
        toolchain,
        exercise,
        LearnerFiles::Solution,
        accept,
    )?;
    if !solution.passed() {
        audit.problems.push(format!(
            "the solution fails:\n{}",
            solution.render(RenderOptions::default())
        ));
    }
    audit.recorded = recorded_files(&solution);
    let starter = run_with(&scratch, toolchain, exercise, LearnerFiles::Starter, false)?;
    match starter.first_failure() {
        Some(failure) => audit.starter_failed_at = Some(failure.stage),
        None => audit
            .problems
            .push("the starter passes: it must fail until the learner does the work".into()),
    }
    if let Some(forged) = forgery::forged_submission(workbook, exercise)? {
        let source = LearnerFiles::Submission(forged.path());
        if run_with(&scratch, toolchain, exercise, source, false)?.passed() {
            audit.problems.push(
                "a learner's script that prints the expected log by hand and exits passes: the check can be gamed".into(),
            );
        }
    }
    let cheats = cheats::passing_cheats(workbook, &scratch, toolchain, exercise)?;
    audit.problems.extend(cheats);
    let edited = cheats::edited_check_passes(workbook, workspace, toolchain, exercise)?;
    audit.problems.extend(edited);
    Ok(audit)
}

/// The steps of `report` that recorded a snapshot, in order.
fn recorded_files(report: &SuiteReport) -> Vec<String> {
    report
        .variants
        .iter()
        .flat_map(|variant| &variant.steps)
        .filter(|step| step.recorded)
        .map(|step| step.detail.clone())
        .collect()
}

fn file_problems(workbook: &Workbook, exercise: &Exercise) -> Vec<String> {
    let mut problems = Vec::new();
    for file in exercise.files() {
        let starter = exercise.source_file(LearnerFiles::Starter, file);
        let solution = exercise.source_file(LearnerFiles::Solution, file);
        match std::fs::read_to_string(&starter) {
            Ok(text) if !text.contains(TODO_MARKER) => problems.push(format!(
                "`{}` has no {TODO_MARKER} marker to show the learner where to work",
                workbook.shown(&starter)
            )),
            Ok(_) => {}
            Err(_) => problems.push(format!("`{}` is missing", workbook.shown(&starter))),
        }
        if !solution.is_file() {
            problems.push(format!("`{}` is missing", workbook.shown(&solution)));
        }
    }
    for folder in ["starter", "solution"] {
        for extra in unnamed_files(&exercise.source_dir.join(folder), exercise.files()) {
            problems.push(format!(
                "`{}` is not in the exercise's `files`; name it or remove it",
                workbook.shown(&extra)
            ));
        }
    }
    problems
}

fn unnamed_files(folder: &Path, named: &[PathBuf]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| {
            let relative = path.strip_prefix(folder).unwrap_or(path);
            !named.iter().any(|file| file == relative)
        })
        .collect()
}

fn run_with(
    scratch: &ScratchWorkbook,
    toolchain: &Toolchain,
    exercise: &Exercise,
    source: LearnerFiles<'_>,
    accept: bool,
) -> Result<SuiteReport> {
    let staged = scratch
        .stage(exercise, source)?
        .map_err(|reason| anyhow::anyhow!("{reason}"))?;
    let options = RunOptions {
        accept,
        only_variant: None,
    };
    run_suite(scratch.workbook(), &staged.suite(), toolchain, &options)
}
