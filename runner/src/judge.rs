//! Judging a run: its log against the expected log, with a diff and a hint
//! that fit who reads it (an author of a chapter, a learner of an exercise).

use crate::engine::ExpectedLog;
use crate::names::{SnapshotId, SuiteId};
use crate::snapshot::{SnapshotCheck, SnapshotStore};
use crate::verdict::{Stage, StageFailure, StageStep};
use crate::workbook::Workbook;

/// Compares `log` with `expected`, or records it with `accept` where that is allowed.
///
/// # Errors
///
/// A [`StageFailure`] at the log stage: the log differs (with a diff), there
/// is no expected log yet, or the snapshot cannot be read or written.
pub fn judge_log(
    workbook: &Workbook,
    suite: &SuiteId,
    expected: &ExpectedLog,
    log: &str,
    accept: bool,
) -> Result<StageStep, StageFailure> {
    let store = SnapshotStore::new(workbook.snapshots_dir());
    let shown = workbook.shown(&store.path(&expected.id));
    let check = store
        .check(&expected.id, log, accept && expected.may_accept)
        .map_err(|error| {
            StageFailure::new(
                Stage::Log,
                format!("{error:#}"),
                "check that snapshots/ is readable and writable",
            )
        })?;
    match check {
        SnapshotCheck::Recorded => Ok(StageStep::new(Stage::Log, format!("recorded `{shown}`"))),
        SnapshotCheck::Matches => Ok(StageStep::new(Stage::Log, format!("matches `{shown}`"))),
        SnapshotCheck::Missing => Err(StageFailure::new(
            Stage::Log,
            format!("no expected log yet at `{shown}`; the harness printed:\n{log}"),
            missing_hint(suite),
        )),
        SnapshotCheck::Differs(diff) => Err(StageFailure::new(
            Stage::Log,
            format!("the log differs from `{shown}` (- expected, + actual):\n{diff}"),
            differs_hint(suite),
        )),
    }
}

/// Compares the drawing made from a chapter variant's trace with its
/// snapshot `id`, or records it with `accept`. It is part of the log stage:
/// the trace is the log's other half, the order in which things happened.
///
/// # Errors
///
/// A [`StageFailure`] at the log stage: the drawing differs (with a diff),
/// there is none yet, or the snapshot cannot be read or written.
pub fn judge_drawing(
    workbook: &Workbook,
    id: &SnapshotId,
    drawing: &str,
    accept: bool,
) -> Result<StageStep, StageFailure> {
    let store = SnapshotStore::new(workbook.snapshots_dir());
    let shown = workbook.shown(&store.path(id));
    let check = store.check(id, drawing, accept).map_err(|error| {
        StageFailure::new(
            Stage::Log,
            format!("{error:#}"),
            "check that snapshots/ is readable and writable",
        )
    })?;
    let what = if matches!(id, SnapshotId::Figure(..)) {
        "figure"
    } else {
        "drawing"
    };
    let chapter = match id {
        SnapshotId::Drawing(suite, _) | SnapshotId::Figure(suite, _) => suite.chapter().to_string(),
        _ => String::new(),
    };
    match check {
        SnapshotCheck::Recorded => Ok(StageStep::new(Stage::Log, format!("recorded `{shown}`"))),
        SnapshotCheck::Matches => Ok(StageStep::new(
            Stage::Log,
            format!("the {what} matches `{shown}`"),
        )),
        SnapshotCheck::Missing => Err(StageFailure::new(
            Stage::Log,
            format!("no {what} yet at `{shown}`; the trace draws:\n{drawing}"),
            format!(
                "if this is the order of events the lesson shows, record it: cargo run -p runner -- chapter {chapter} --accept"
            ),
        )),
        SnapshotCheck::Differs(diff) => Err(StageFailure::new(
            Stage::Log,
            format!(
                "the {what} of the event trace differs from `{shown}` (- expected, + actual):\n{diff}"
            ),
            "the log matched, but events happened in another order: the harness or the host changed the story; if the new order is right, record it with `--accept`",
        )),
    }
}

fn missing_hint(suite: &SuiteId) -> String {
    match suite {
        SuiteId::Chapter(chapter) => format!(
            "if this log is what the lesson should show, record it: cargo run -p runner -- chapter {chapter} --accept"
        ),
        SuiteId::Exercise { exercise, .. } => format!(
            "the exercise has no expected log: its author records the solution's log with `cargo run -p runner -- dev check {exercise} --accept`"
        ),
    }
}

fn differs_hint(suite: &SuiteId) -> String {
    match suite {
        SuiteId::Chapter(_) => "compare the - and + lines: the module or harness behaves differently from the lesson; if the new log is right, record it with `--accept`".into(),
        SuiteId::Exercise { .. } => {
            "the - lines are what the exercise expects, the + lines what your code logged".into()
        }
    }
}
