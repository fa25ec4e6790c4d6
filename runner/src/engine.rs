//! Engines run one variant's harness and return what it logged: the pinned
//! Node ([`NodeEngine`]) or headless Chromium ([`ChromiumEngine`]). A new kind
//! of engine is one more implementation of [`Engine`], never a special case
//! in the pipeline.

mod chromium;
mod node;

use std::time::Duration;

pub use chromium::{ChromiumEngine, DEFAULT_CHROMIUM};
pub use node::NodeEngine;

use crate::manifest::VariantSpec;
use crate::names::SnapshotId;
use crate::process::ProcessOutput;
use crate::trace::TRACE_PREFIX;
use crate::verdict::{Stage, StageFailure};
use crate::workbook::{Suite, Workbook};

/// Lines a harness prints with `host.detail()` start with this and are left
/// out of the compared log: they hold raw numbers that differ run to run.
pub const DETAIL_PREFIX: &str = "# ";

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
    /// Run it, and compare its log with `expected`.
    Run {
        /// The engine as reports name it: "node26", "Chromium 148.0.7778.167".
        engine: String,
        /// The log it is compared with.
        expected: ExpectedLog,
    },
    /// Do not run it on this engine, for the reason given.
    Skip {
        /// Why not.
        reason: String,
    },
}

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

/// How one run ended, and what it printed.
#[derive(Debug)]
pub struct EngineRun {
    /// The log to compare: stdout without detail lines and trace events.
    pub log: String,
    /// The trace events, one JSON object a line, without their prefix.
    pub trace: String,
    /// stdout (without trace events) and stderr, for `--verbose` and for failures.
    pub raw_output: String,
    /// stderr alone: shown with a log that differs, since it often says why.
    pub stderr: String,
    /// Set when the run did not end normally.
    pub failure: Option<StageFailure>,
}

impl EngineRun {
    /// The run that `output` shows, failed with `failure` when set.
    /// A run that printed more than the runner keeps has failed, whatever its exit.
    pub fn from_output(output: &ProcessOutput, failure: Option<StageFailure>) -> Self {
        let failure = failure.or_else(|| {
            output.truncation().map(|truncation| {
                StageFailure::new(
                    Stage::Harness,
                    format!("{truncation}: the rest of the output was dropped, so the log cannot be checked"),
                    "print less: keep host.detail for a few raw values, not for every step of a loop",
                )
            })
        });
        let (stdout, trace) = split_trace(&output.stdout);
        let mut raw_output = stdout.clone();
        if !output.stderr.trim().is_empty() {
            raw_output.push_str("--- stderr ---\n");
            raw_output.push_str(&output.stderr);
        }
        Self {
            log: compared_log(&stdout),
            trace,
            raw_output,
            stderr: output.stderr.clone(),
            failure,
        }
    }
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

    /// Whether a chapter's drawing (made from the run's trace) is compared
    /// with its snapshot: only for the engine whose runs record the snapshots.
    fn draws(&self) -> bool {
        false
    }
}

/// Splits stdout into the printed lines and the trace events (without their prefix).
pub fn split_trace(stdout: &str) -> (String, String) {
    let mut printed = String::new();
    let mut trace = String::new();
    for line in stdout.split_inclusive('\n') {
        match line.strip_prefix(TRACE_PREFIX) {
            Some(event) => trace.push_str(event),
            None => printed.push_str(line),
        }
    }
    if !trace.is_empty() && !trace.ends_with('\n') {
        trace.push('\n');
    }
    (printed, trace)
}

/// The lines of `stdout` that are compared with the expected log.
pub fn compared_log(stdout: &str) -> String {
    stdout
        .lines()
        .filter(|line| !line.starts_with(DETAIL_PREFIX))
        .collect::<Vec<_>>()
        .join("\n")
}
