//! The Node engine: `node-harness/node-host.mjs` under the variant's pinned Node.

mod syntax;

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Engine, EngineKind, EngineRun, Job, RunPlan, reported_failure};
use crate::manifest::{Allowance, VariantSpec};
use crate::node_packages::NodePackages;
use crate::process::{ProcessOutput, run_process};
use crate::verdict::{FailureCause, Stage, StageFailure};
use crate::wire::{HostOutput, Record};
use crate::workbook::Suite;

/// Node's exit code when the top-level `await` never settles: the event loop
/// ran dry while `run(host)` was still waiting.
const UNSETTLED_AWAIT_EXIT: i32 = 13;

/// The environment variable that hands node-host.mjs this run's token. The
/// host takes it out of the environment before the harness loads, and prints
/// it, in a `run-finished` record, only once `run(host)` has finished: a learner's
/// module that prints the expected log and exits early cannot forge it.
const RUN_TOKEN_VARIABLE: &str = "WORKBOOK_RUN_TOKEN";

/// Runs harnesses under the Node versions pinned in `node-harness/package.json`.
#[derive(Debug)]
pub struct NodeEngine {
    packages: NodePackages,
    sandboxed: bool,
}

impl NodeEngine {
    /// The engine over the installed `packages`.
    pub fn new(packages: NodePackages) -> Self {
        Self {
            packages,
            sandboxed: false,
        }
    }

    /// The engine over the installed `packages`, running every harness under
    /// Node's permission model: it may read the job's workbook copy, the
    /// host and the packages, and nothing else; it may not write, nor start
    /// processes, nor start workers unless the variant's `allow` says so.
    pub fn sandboxed(packages: NodePackages) -> Self {
        Self {
            packages,
            sandboxed: true,
        }
    }

    fn permission_flags(&self, job: &Job<'_>) -> Vec<String> {
        if !self.sandboxed {
            return Vec::new();
        }
        let permission = if job.variant.node == "node20" {
            "--experimental-permission"
        } else {
            "--permission"
        };
        let packages = self.packages.dir().join("node_modules");
        let readable = [
            job.workbook.chapters_dir().to_path_buf(),
            job.workbook.node_harness_dir().to_path_buf(),
            job.workbook.artifact_dir(&job.suite.id),
            std::fs::canonicalize(&packages).unwrap_or(packages),
        ];
        let mut flags = vec![permission.to_string()];
        flags.extend(
            readable
                .iter()
                .map(|dir| format!("--allow-fs-read={}", dir.display())),
        );
        if job.variant.allow.contains(&Allowance::Worker) {
            flags.push("--allow-worker".into());
        }
        flags
    }
}

impl Engine for NodeEngine {
    fn plan(&self, _suite: &Suite, variant: &VariantSpec) -> RunPlan {
        RunPlan::Run {
            engine: variant.node.clone(),
        }
    }

    fn kind(&self) -> EngineKind {
        EngineKind::Node
    }

    fn draws(&self) -> bool {
        true
    }

    fn run(&self, job: &Job<'_>) -> Result<EngineRun, StageFailure> {
        let node = self
            .packages
            .node_binary(&job.variant.node)
            .map_err(|error| {
                StageFailure::new(
                    Stage::Harness,
                    format!("{error:#}"),
                    "fix `node` in the manifest, or pin that Node in node-harness/package.json",
                )
            })?;
        // The host comes from the job's workbook: a scratch copy may have changed it.
        let host: PathBuf = job.workbook.node_harness_dir().join("node-host.mjs");
        let harness = job.suite.dir.join(&job.variant.harness);
        let token = run_token();
        let mut command = Command::new(&node);
        command
            .env(RUN_TOKEN_VARIABLE, &token)
            .args(self.permission_flags(job))
            .args(&job.variant.node_flags)
            .arg(host)
            .arg(&harness)
            .arg(job.workbook.artifact_dir(&job.suite.id));
        let output = run_process(&mut command, Some(job.time_limit)).map_err(|error| {
            StageFailure::new(
                Stage::Harness,
                format!("{error:#}"),
                "reinstall with `rm -rf node-harness/node_modules` and rerun",
            )
        })?;
        let shown = job.workbook.shown(&harness);
        Ok(EngineRun::from_output(&output, |host| {
            let mut failure =
                failure_of(&output, host, &shown, job.time_limit.as_secs()).or_else(|| {
                    // Output past the cap loses the record; that failure is reported instead.
                    (!finished(host, &token) && output.truncated.is_empty())
                        .then(|| ended_early(&shown))
                })?;
            if self.sandboxed {
                located_syntax_error(&mut failure, &node, &harness);
            }
            Some(failure)
        }))
    }
}

/// Node names no file for a `SyntaxError` in a module the harness imports,
/// and a sandboxed host may not run `node --check` to find it: the runner does.
fn located_syntax_error(failure: &mut StageFailure, node: &Path, harness: &Path) {
    let FailureCause::HarnessThrew {
        error, location, ..
    } = failure.cause.as_mut()
    else {
        return;
    };
    if location.is_some() || !error.starts_with("SyntaxError") {
        return;
    }
    let Some(found) = harness
        .parent()
        .and_then(|folder| syntax::locate_syntax_error(node, folder))
    else {
        return;
    };
    failure.message = format!(
        "{}\n{} in {}",
        failure.message.trim_end(),
        found.error,
        found.place
    );
    *location = Some(found.place);
}

/// A token no harness can guess: the standard library's random hash keys.
fn run_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    format!("{:016x}", hasher.finish())
}

/// True when the host's `run-finished` record carries this run's token.
fn finished(host: &HostOutput, token: &str) -> bool {
    host.records
        .iter()
        .any(|record| matches!(record, Record::RunFinished { token: said } if said == token))
}

fn ended_early(harness: &str) -> StageFailure {
    StageFailure::caused(
        Stage::Harness,
        FailureCause::EndedEarly,
        format!(
            "`{harness}` exited before `run(host)` finished: something called `process.exit()` or ended Node early, so what it printed is not the harness's log"
        ),
        "let the harness finish: a module under test must not exit the process or print the log itself",
    )
}

fn failure_of(
    output: &ProcessOutput,
    host: &HostOutput,
    harness: &str,
    limit_secs: u64,
) -> Option<StageFailure> {
    let Some(status) = output.status else {
        return Some(StageFailure::caused(
            Stage::Harness,
            FailureCause::TimedOut { limit_secs },
            format!("timed out after {limit_secs} s: `{harness}` never finished"),
            "something awaited forever: a callback that never fires, a lost notify, or a busy loop; the process was killed",
        ));
    };
    if status.success() {
        return None;
    }
    let stderr = output.stderr.trim();
    Some(match status.code() {
        Some(UNSETTLED_AWAIT_EXIT) => StageFailure::caused(
            Stage::Harness,
            FailureCause::NeverSettled,
            format!(
                "`{harness}` never finished: `run(host)` was still awaiting a promise that nothing can settle"
            ),
            "the event loop ran out of work: a timer or callback that was never scheduled, or a promise whose `resolve` is never called",
        ),
        Some(code) => {
            const HINT: &str = "read the error above: the harness threw, or the module trapped";
            let how = format!("exit code {code}");
            match reported_failure(host, harness, &how, HINT) {
                Some(failure) => failure.with_stderr(stderr),
                None => StageFailure::new(
                    Stage::Harness,
                    format!("`{harness}` failed ({how}):\n{stderr}"),
                    HINT,
                ),
            }
        }
        None => StageFailure::caused(
            Stage::Harness,
            FailureCause::KilledBySignal,
            format!("`{harness}` was killed by a signal:\n{stderr}"),
            "Node crashed or was killed from outside; rerun with --verbose",
        ),
    })
}
