//! Running one harness module under a pinned Node, and reading its log.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::Result;

use crate::process::{ProcessOutput, run_process};
use crate::stage::{Stage, StageFailure};

/// Lines a harness prints with `host.detail()` start with this and are left
/// out of the compared log: they hold raw numbers that differ run to run.
pub const DETAIL_PREFIX: &str = "# ";

/// Node's exit code when the top-level `await` never settles: the event loop
/// ran dry while `run(host)` was still waiting.
const UNSETTLED_AWAIT_EXIT: i32 = 13;

/// How to start one harness.
#[derive(Debug)]
pub struct HarnessLaunch<'a> {
    /// The pinned Node binary.
    pub node: &'a Path,
    /// Flags for that Node, before the script.
    pub node_flags: &'a [String],
    /// `node-harness/node-host.mjs`.
    pub host_script: &'a Path,
    /// The chapter's harness module.
    pub harness: &'a Path,
    /// The harness as messages show it, relative to the workbook.
    pub shown_harness: &'a str,
    /// The folder holding the built `.wasm` files.
    pub artifact_dir: &'a Path,
    /// Kill the run after this long.
    pub time_limit: Duration,
}

/// What one harness run printed.
#[derive(Debug)]
pub struct HarnessRun {
    /// The log to compare: stdout without detail lines.
    pub log: String,
    /// stdout and stderr as printed, for `--verbose` and for failures.
    pub raw_output: String,
    /// Set when the run did not end normally.
    pub failure: Option<StageFailure>,
}

/// Starts the harness and waits for it, up to its time limit.
///
/// # Errors
///
/// Fails only when Node cannot be started at all.
pub fn run_harness(launch: &HarnessLaunch<'_>) -> Result<HarnessRun> {
    let mut command = Command::new(launch.node);
    command
        .args(launch.node_flags)
        .arg(launch.host_script)
        .arg(launch.harness)
        .arg(launch.artifact_dir);
    let output = run_process(&mut command, Some(launch.time_limit))?;
    Ok(HarnessRun {
        log: compared_log(&output.stdout),
        raw_output: output.combined(),
        failure: failure_of(&output, launch),
    })
}

/// The lines of `stdout` that are compared with the expected log.
pub fn compared_log(stdout: &str) -> String {
    stdout
        .lines()
        .filter(|line| !line.starts_with(DETAIL_PREFIX))
        .collect::<Vec<_>>()
        .join("\n")
}

fn failure_of(output: &ProcessOutput, launch: &HarnessLaunch<'_>) -> Option<StageFailure> {
    let harness = launch.shown_harness;
    let Some(status) = output.status else {
        return Some(StageFailure::new(
            Stage::Harness,
            format!(
                "timed out after {} s: `{harness}` never finished",
                launch.time_limit.as_secs()
            ),
            "something awaited forever: a callback that never fires, a lost notify, or a busy loop; the process was killed",
        ));
    };
    if status.success() {
        return None;
    }
    let stderr = output.stderr.trim();
    Some(match status.code() {
        Some(UNSETTLED_AWAIT_EXIT) => StageFailure::new(
            Stage::Harness,
            format!(
                "`{harness}` never finished: `run(host)` was still awaiting a promise that nothing can settle"
            ),
            "the event loop ran out of work: a timer or callback that was never scheduled, or a promise whose `resolve` is never called",
        ),
        Some(code) => StageFailure::new(
            Stage::Harness,
            format!("`{harness}` failed (exit code {code}):\n{stderr}"),
            "read the error above: the harness threw, or the module trapped",
        ),
        None => StageFailure::new(
            Stage::Harness,
            format!("`{harness}` was killed by a signal:\n{stderr}"),
            "Node crashed or was killed from outside; rerun with --verbose",
        ),
    })
}
