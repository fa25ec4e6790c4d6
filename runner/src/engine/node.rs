//! The Node engine: `node-harness/node-host.mjs` under the variant's pinned
//! Node, in the job's OS sandbox when grading has one ([`command`]).

mod command;
mod signed_lines;
mod syntax;

use std::path::{Path, PathBuf};

use super::{Engine, EngineKind, EngineRun, Job, RunPlan, reported_failure};
use crate::manifest::VariantSpec;
use crate::node_packages::NodePackages;
use crate::process::{ProcessOutput, run_process};
use crate::sandbox::{Bubblewrap, MEMORY_LIMIT_BYTES};
use crate::verdict::{FailureCause, Stage, StageFailure};
use crate::wire::{HostOutput, Record};
use crate::workbook::Suite;
use signed_lines::RunKey;

/// Node's exit code when the top-level `await` never settles: the event loop
/// ran dry while `run(host)` was still waiting.
const UNSETTLED_AWAIT_EXIT: i32 = 13;

/// The environment variable that hands node-host.mjs this run's key. The
/// host takes it out of the environment before the harness loads; with it, it
/// signs every line of a graded run ([`signed_lines`]), and it prints it, in a
/// `run-finished` record, only once `run(host)` has finished: a learner's
/// module that prints the expected log and exits early cannot forge it.
const RUN_KEY_VARIABLE: &str = "WORKBOOK_RUN_KEY";

/// Runs harnesses under the Node versions pinned in `node-harness/package.json`.
#[derive(Debug)]
pub struct NodeEngine {
    packages: NodePackages,
    sandboxed: bool,
    bubblewrap: Option<Bubblewrap>,
}

impl NodeEngine {
    /// The engine over the installed `packages`.
    pub fn new(packages: NodePackages) -> Self {
        Self {
            packages,
            sandboxed: false,
            bubblewrap: None,
        }
    }

    /// The engine over the installed `packages`, running every harness under
    /// Node's permission model: it may read the job's workbook copy, the
    /// host and the packages, and nothing else; it may not write, nor start
    /// processes, nor start workers unless the variant's `allow` says so.
    /// With `bubblewrap`, each harness also runs in its own OS sandbox
    /// ([`crate::sandbox`]), which sees only those same folders, read-only.
    pub fn sandboxed(packages: NodePackages, bubblewrap: Option<Bubblewrap>) -> Self {
        Self {
            packages,
            sandboxed: true,
            bubblewrap,
        }
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
        let key = RunKey::new();
        let args = self.node_args(job, host, &harness);
        let (mut command, _identity) = self.command(job, &node, &args);
        command.env(RUN_KEY_VARIABLE, key.as_str());
        let mut output = run_process(&mut command, Some(job.time_limit)).map_err(|error| {
            StageFailure::new(
                Stage::Harness,
                format!("{error:#}"),
                "reinstall with `rm -rf node-harness/node_modules` and rerun",
            )
        })?;
        let shown = job.workbook.shown(&harness);
        let foreign = verified(&mut output, &key, self.sandboxed, &shown);
        let in_os_sandbox = self.bubblewrap.is_some();
        Ok(EngineRun::from_output(&output, |host| {
            let limit_secs = job.time_limit.as_secs();
            let mut failure = failure_of(&output, host, &shown, limit_secs, in_os_sandbox)
                .or_else(|| {
                    // Output past the cap loses lines; that failure is reported instead.
                    if !output.truncated.is_empty() {
                        return None;
                    }
                    foreign.or_else(|| (!finished(host, &key)).then(|| ended_early(&shown)))
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

/// True when the host's `run-finished` record carries this run's key.
fn finished(host: &HostOutput, key: &RunKey) -> bool {
    host.records
        .iter()
        .any(|record| matches!(record, Record::RunFinished { token } if token == key.as_str()))
}

/// V8's and Node's words when an allocation is refused.
fn ran_out_of_memory(stderr: &str) -> bool {
    [
        "out of memory",
        "Array buffer allocation failed",
        "Unable to grow instance memory",
        "could not allocate memory",
    ]
    .iter()
    .any(|said| stderr.contains(said))
}

/// Verifies `output`'s lines under `key` (signed in a graded run, which the
/// host knows by its permission model) and keeps only their text; returns
/// the failure a line the host did not write makes.
fn verified(
    output: &mut ProcessOutput,
    key: &RunKey,
    signed: bool,
    harness: &str,
) -> Option<StageFailure> {
    match signed_lines::verify(&output.stdout, key, signed) {
        Ok(text) => {
            output.stdout = text;
            None
        }
        Err(line) => Some(foreign_output(harness, &line)),
    }
}

fn foreign_output(harness: &str, line: &signed_lines::ForeignLine) -> StageFailure {
    StageFailure::caused(
        Stage::Harness,
        FailureCause::ForgedOutput,
        format!(
            "`{harness}` printed line {} (`{}`) that the host did not write: something wrote to stdout itself, or patched `process.stdout`, so what came is not the check's log",
            line.number, line.text
        ),
        "print through `host.log` only; a module under test must not write to stdout or replace `process.stdout`",
    )
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
    in_os_sandbox: bool,
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
    if in_os_sandbox && ran_out_of_memory(stderr) {
        return Some(StageFailure::caused(
            Stage::Harness,
            FailureCause::OutOfMemory,
            format!(
                "`{harness}` ran out of memory: a graded job may use {} MiB:\n{stderr}",
                MEMORY_LIMIT_BYTES >> 20
            ),
            "something allocates without bound: a growing array, a WebAssembly memory grown in a loop",
        ));
    }
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
