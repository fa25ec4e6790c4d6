//! Engines run one variant's harness and return what it logged: the pinned
//! Node ([`NodeEngine`]) or headless Chromium ([`ChromiumEngine`]). A new kind
//! of engine is one more implementation of [`Engine`], never a special case
//! in the pipeline.

mod chromium;
mod node;

use std::time::Duration;

pub use chromium::{BrowserPages, ChromiumEngine, DEFAULT_CHROMIUM};
pub use node::NodeEngine;

use crate::manifest::VariantSpec;
use crate::process::ProcessOutput;
use crate::verdict::{FailureCause, Stage, StageFailure};
use crate::wire::{self, HostOutput, Record};
use crate::workbook::{Suite, Workbook};

/// One variant to run.
#[derive(Debug, Clone, Copy)]
pub struct Job<'a> {
    /// The workbook (or scratch view) whose files the run uses.
    pub workbook: &'a Workbook,
    /// The chapter or exercise.
    pub suite: &'a Suite,
    /// The variant.
    pub variant: &'a VariantSpec,
    /// The run is stopped after this long.
    pub time_limit: Duration,
}

/// What an engine does with a variant.
#[derive(Debug, Clone)]
pub enum RunPlan {
    /// Run it; the judge picks the log it is compared with ([`crate::judge::expected_log`]).
    Run {
        /// The engine as reports name it: "node26", "Chromium 148.0.7778.167".
        engine: String,
    },
    /// Do not run it on this engine, for the reason given.
    Skip {
        /// Why not.
        reason: String,
    },
}

/// The kind of engine, which the judge needs to pick the expected log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineKind {
    /// A pinned Node: its runs record the logs.
    Node,
    /// A browser: its runs share the Node log, or keep one of their own.
    Browser,
}

/// How one run ended, and what it printed.
#[derive(Debug)]
pub struct EngineRun {
    /// The log to compare: stdout without detail lines, trace events and records.
    pub log: String,
    /// The trace events, one JSON object a line, without their prefix.
    pub trace: String,
    /// The records the host printed (see [`wire`]).
    pub records: Vec<Record>,
    /// stdout (without trace events and records) and stderr, for `--verbose` and for failures.
    pub raw_output: String,
    /// stderr alone: shown with a log that differs, since it often says why.
    pub stderr: String,
    /// Set when the run did not end normally.
    pub failure: Option<StageFailure>,
}

impl EngineRun {
    /// The run that `output` shows, failed with what `judge_exit` finds in
    /// the host's lines, when it finds something. A run that printed more
    /// than the runner keeps has failed, whatever its exit.
    pub fn from_output(
        output: &ProcessOutput,
        judge_exit: impl FnOnce(&HostOutput) -> Option<StageFailure>,
    ) -> Self {
        let host = wire::split(&output.stdout);
        let failure = judge_exit(&host).or_else(|| capped(output));
        let mut raw_output = host.printed.clone();
        if !output.stderr.trim().is_empty() {
            raw_output.push_str("--- stderr ---\n");
            raw_output.push_str(&output.stderr);
        }
        Self {
            log: wire::compared_log(&host.printed),
            trace: host.trace,
            records: host.records,
            raw_output,
            stderr: output.stderr.clone(),
            failure,
        }
    }
}

fn capped(output: &ProcessOutput) -> Option<StageFailure> {
    output.truncation().map(|truncation| {
        StageFailure::caused(
            Stage::Harness,
            FailureCause::OutputCapped {
                streams: output.truncated.iter().map(ToString::to_string).collect(),
            },
            format!(
                "{truncation}: the rest of the output was dropped, so the log cannot be checked"
            ),
            "print less: keep host.detail for a few raw values, not for every step of a loop",
        )
    })
}

/// The failure a host reported in a `harness-threw` or `refused` record,
/// told as "`harness` failed (how):" and the error.
pub fn reported_failure(
    host: &HostOutput,
    harness: &str,
    how: &str,
    hint: &str,
) -> Option<StageFailure> {
    host.records.iter().find_map(|record| match record {
        Record::HarnessThrew { error, location, stack } => Some(StageFailure::caused(
            Stage::Harness,
            FailureCause::HarnessThrew {
                error: error.clone(),
                location: location.clone(),
                stack: stack.clone(),
                stderr: String::new(),
            },
            format!("`{harness}` failed ({how}):\n{stack}"),
            hint,
        )),
        Record::Refused { error, permission, resource } => Some(StageFailure::caused(
            Stage::Harness,
            FailureCause::Refused {
                error: error.clone(),
                permission: permission.clone(),
                resource: resource.clone(),
            },
            format!(
                "`{harness}` failed ({how}): it was refused {}{}:\n{error}",
                permission.as_deref().unwrap_or("an access"),
                resource.as_deref().map(|r| format!(" to `{r}`")).unwrap_or_default()
            ),
            "a harness may read only its own folder and the host, and may not start processes or write files",
        )),
        Record::RunFinished { .. } | Record::Page { .. } => None,
    })
}

/// Runs variants.
pub trait Engine: std::fmt::Debug + Send + Sync {
    /// Whether and how `variant` of `suite` runs on this engine.
    fn plan(&self, suite: &Suite, variant: &VariantSpec) -> RunPlan;

    /// Runs `job` to the end or to its time limit.
    ///
    /// # Errors
    ///
    /// A [`StageFailure`] at the harness stage when the engine cannot start;
    /// how a run that started ended is in the returned [`EngineRun`].
    fn run(&self, job: &Job<'_>) -> Result<EngineRun, StageFailure>;

    /// Which kind of engine this is.
    fn kind(&self) -> EngineKind;

    /// Whether a chapter's drawing (made from the run's trace) is compared
    /// with its snapshot: only for the engine whose runs record the snapshots.
    fn draws(&self) -> bool {
        false
    }
}
