//! Judging a run: its log against the expected log, with a diff and a hint
//! that fit who reads it (an author of a chapter, a learner of an exercise).

use crate::engine::EngineKind;
use crate::manifest::VariantSpec;
use crate::names::{SnapshotId, SuiteId};
use crate::snapshot::{SnapshotCheck, SnapshotStore};
use crate::verdict::{FailureCause, Stage, StageFailure, StageStep};
use crate::workbook::Workbook;

/// The expected log one run is compared with.
#[derive(Debug, Clone)]
pub struct ExpectedLog {
    /// The snapshot.
    pub id: SnapshotId,
    /// Whether `--accept` may write it: a browser run records only a log of
    /// its own, never the log it shares with the Node run.
    pub may_accept: bool,
    /// Why this log differs from the Node run's, when it does.
    pub note: Option<String>,
}

/// The log a run of `variant` of `suite` on an engine of `kind` is compared
/// with: the variant's own log, or for a browser the log of its own that the
/// variant's `[variant.browser]` names.
pub fn expected_log(suite: &SuiteId, variant: &VariantSpec, kind: EngineKind) -> ExpectedLog {
    let own_log = |name| SnapshotId::Log(suite.clone(), name);
    let browser_log = variant
        .browser
        .as_ref()
        .and_then(|spec| Some((spec.expected_log.clone()?, &spec.reason)));
    match (kind, browser_log) {
        (EngineKind::Node, _) => ExpectedLog {
            id: own_log(variant.name.clone()),
            may_accept: true,
            note: None,
        },
        (EngineKind::Browser, Some((name, reason))) => ExpectedLog {
            id: own_log(name),
            may_accept: true,
            note: Some(format!("browser log of its own: {reason}")),
        },
        (EngineKind::Browser, None) => ExpectedLog {
            id: own_log(variant.name.clone()),
            may_accept: false,
            note: None,
        },
    }
}

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
        SnapshotCheck::Recorded => Ok(StageStep::recorded(Stage::Log, &format!("`{shown}`"))),
        SnapshotCheck::Matches => Ok(StageStep::new(Stage::Log, format!("matches `{shown}`"))),
        SnapshotCheck::Missing => Err(StageFailure::caused(
            Stage::Log,
            FailureCause::NoExpectedLog,
            format!("no expected log yet at `{shown}`; the harness printed:\n{log}"),
            missing_hint(suite),
        )),
        SnapshotCheck::Differs(difference) => Err(StageFailure::caused(
            Stage::Log,
            FailureCause::LogDiffers {
                expected: difference.first_expected,
                actual: difference.first_actual,
                stderr: String::new(),
            },
            format!(
                "the log differs from `{shown}` (- expected, + actual):\n{}",
                difference.diff
            ),
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
        SnapshotCheck::Recorded => Ok(StageStep::recorded(Stage::Log, &format!("`{shown}`"))),
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
        SnapshotCheck::Differs(difference) => Err(StageFailure::caused(
            Stage::Log,
            FailureCause::DrawingDiffers,
            format!(
                "the {what} of the event trace differs from `{shown}` (- expected, + actual):\n{}",
                difference.diff
            ),
            "the log matched, but events happened in another order: the harness or the host changed the story; if the new order is right, record it with `--accept`",
        )),
    }
}

/// Checks that the drawing names every event the variant's `draws` lists
/// (chapter.toml): what the lesson teaches must be in its picture.
///
/// # Errors
///
/// Names each missing event, the chapter.toml that lists it, and the fix.
pub fn judge_draws(
    suite: &SuiteId,
    variant: &VariantSpec,
    drawing: &str,
) -> Result<StageStep, StageFailure> {
    let missing: Vec<&str> = variant
        .draws
        .iter()
        .map(String::as_str)
        .filter(|event| !drawing.contains(event))
        .collect();
    if missing.is_empty() {
        return Ok(StageStep::new(
            Stage::Log,
            format!(
                "the drawing names the {} events its `draws` lists",
                variant.draws.len()
            ),
        ));
    }
    Err(StageFailure::new(
        Stage::Log,
        format!(
            "the drawing of variant `{}` does not name {}, which `draws` in chapters/{}/chapter.toml lists; the trace draws:\n{drawing}",
            variant.name,
            missing
                .iter()
                .map(|event| format!("`{event}`"))
                .collect::<Vec<_>>()
                .join(", "),
            suite.chapter(),
        ),
        "trace the event where the host or harness makes it (node-harness/lib/trace/), or correct `draws` if the lesson changed",
    ))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::Name;

    fn variant(browser: &str) -> VariantSpec {
        toml::from_str(&format!(
            "name = \"main\"\nsummary = \"s\"\nharness = \"main.mjs\"\nnode = \"node26\"\n{browser}"
        ))
        .unwrap()
    }

    #[test]
    fn the_judge_picks_the_node_log_or_the_browsers_own() {
        let suite = SuiteId::Chapter(Name::new("demo").unwrap());
        let log = |name: &str| SnapshotId::Log(suite.clone(), Name::new(name).unwrap());
        let plain = variant("");
        let node = expected_log(&suite, &plain, EngineKind::Node);
        assert_eq!((node.id, node.may_accept), (log("main"), true));
        let shared = expected_log(&suite, &plain, EngineKind::Browser);
        assert_eq!((shared.id, shared.may_accept), (log("main"), false));
        let own = variant("[browser]\nreason = \"timers differ\"\nexpected_log = \"main-browser\"");
        let browser = expected_log(&suite, &own, EngineKind::Browser);
        assert_eq!(
            (browser.id, browser.may_accept),
            (log("main-browser"), true)
        );
        assert_eq!(
            browser.note.as_deref(),
            Some("browser log of its own: timers differ")
        );
        assert_eq!(expected_log(&suite, &own, EngineKind::Node).id, log("main"));
    }

    #[test]
    fn a_drawing_must_name_every_event_its_variant_draws() {
        let suite = SuiteId::Chapter(Name::new("demo").unwrap());
        let spec = variant("draws = [\"call sleep_callback()\", \"port message\"]");
        let drawing = "├───▶│   1  call sleep_callback()\n";
        let failure = judge_draws(&suite, &spec, drawing).unwrap_err();
        assert!(
            failure.message.contains("does not name `port message`"),
            "{}",
            failure.message
        );
        assert!(
            failure.message.contains("chapters/demo/chapter.toml"),
            "{}",
            failure.message
        );
        let whole = format!("{drawing}│  2  port message {{x}} to worker B\n");
        assert!(judge_draws(&suite, &spec, &whole).is_ok());
    }
}
