//! The Node engine: `node-harness/node-host.mjs` under the variant's pinned Node.

mod signed_lines;
mod syntax;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Engine, EngineRun, ExpectedLog, Job, RunPlan};
use crate::manifest::{Allowance, VariantSpec};
use crate::names::SnapshotId;
use crate::node_packages::NodePackages;
use crate::process::{ProcessOutput, run_process};
use crate::sandbox::{Bubblewrap, JobIdentity, MEMORY_LIMIT_BYTES};
use crate::verdict::{Stage, StageFailure};
use crate::workbook::Suite;
use signed_lines::RunKey;

/// Node's exit code when the top-level `await` never settles: the event loop
/// ran dry while `run(host)` was still waiting.
const UNSETTLED_AWAIT_EXIT: i32 = 13;

/// The environment variable that hands node-host.mjs this run's key, with
/// which it signs every line it prints ([`signed_lines`]).
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

    /// What a sandboxed job may read: its workbook copy's chapters, host
    /// files and built modules, and the installed packages.
    fn readable(&self, job: &Job<'_>) -> [PathBuf; 4] {
        let packages = self.packages.dir().join("node_modules");
        [
            job.workbook.chapters_dir().to_path_buf(),
            job.workbook.node_harness_dir().to_path_buf(),
            job.workbook.artifact_dir(&job.suite.id),
            std::fs::canonicalize(&packages).unwrap_or(packages),
        ]
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
        let readable = self.readable(job);
        let mut flags = vec![permission.to_string()];
        flags.extend(
            readable
                .iter()
                .map(|dir| format!("--allow-fs-read={}", dir.display())),
        );
        if job.variant.allow.contains(&Allowance::Worker) {
            flags.push("--allow-worker".into());
        }
        // Before any harness code: keeps every worker under these same flags.
        let guard = job.workbook.node_harness_dir().join("permission-guard.mjs");
        flags.push(format!("--import={}", guard.display()));
        flags
    }
}

impl Engine for NodeEngine {
    fn plan(&self, suite: &Suite, variant: &VariantSpec) -> RunPlan {
        RunPlan::Run {
            engine: variant.node.clone(),
            expected: ExpectedLog {
                id: SnapshotId::Log(suite.id.clone(), variant.name.clone()),
                may_accept: true,
                note: None,
            },
        }
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
        let (finished, foreign) = verified(&mut output, &key, self.sandboxed, &shown);
        let mut failure = failure_of(
            &output,
            &job.workbook.shown(&harness),
            job.time_limit.as_secs(),
            self.bubblewrap.is_some(),
        )
        .or_else(|| {
            // Output past the cap loses lines; that failure is reported instead.
            if !output.truncated.is_empty() {
                return None;
            }
            foreign.or_else(|| (!finished).then(|| ended_early(&shown)))
        });
        if let Some(failure) = &mut failure
            && self.sandboxed
            && output.stderr.contains("SyntaxError")
            && let Some(located) = harness
                .parent()
                .and_then(|folder| syntax::locate_syntax_error(&node, folder))
        {
            failure.message = format!("{}\n{located}", failure.message.trim_end());
        }
        Ok(EngineRun::from_output(&output, failure))
    }
}

impl NodeEngine {
    /// Node's flags, then the host, the harness and the artifact folder.
    fn node_args(&self, job: &Job<'_>, host: PathBuf, harness: &Path) -> Vec<OsString> {
        let mut args: Vec<OsString> = self
            .permission_flags(job)
            .into_iter()
            .map(Into::into)
            .collect();
        args.extend(job.variant.node_flags.iter().map(Into::into));
        args.extend([
            host.into(),
            harness.into(),
            job.workbook.artifact_dir(&job.suite.id).into(),
        ]);
        args
    }

    /// `node args`, in the job's OS sandbox when there is one.
    fn command(
        &self,
        job: &Job<'_>,
        node: &Path,
        args: &[OsString],
    ) -> (Command, Option<JobIdentity>) {
        let Some(bubblewrap) = &self.bubblewrap else {
            let mut command = Command::new(node);
            command.args(args);
            return (command, None);
        };
        let readable: Vec<PathBuf> = self
            .readable(job)
            .into_iter()
            .filter(|dir| dir.is_dir())
            .collect();
        // The sandbox binds the packages at their real path, not through a link.
        let node = std::fs::canonicalize(node).unwrap_or_else(|_| node.to_path_buf());
        let (command, identity) = bubblewrap.command(&node, args, &readable, &job.suite.dir);
        (command, Some(identity))
    }
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
/// whether the host finished, and the failure a line it did not write makes.
fn verified(
    output: &mut ProcessOutput,
    key: &RunKey,
    signed: bool,
    harness: &str,
) -> (bool, Option<StageFailure>) {
    match signed_lines::verify(&output.stdout, key, signed) {
        Ok(log) => {
            output.stdout = log.text;
            (log.finished, None)
        }
        Err(line) => (false, Some(foreign_output(harness, &line))),
    }
}

fn foreign_output(harness: &str, line: &signed_lines::ForeignLine) -> StageFailure {
    StageFailure::new(
        Stage::Harness,
        format!(
            "`{harness}` printed line {} (`{}`) that the host did not write: something wrote to stdout itself, or patched `process.stdout`, so what came is not the check's log",
            line.number, line.text
        ),
        "print through `host.log` only; a module under test must not write to stdout or replace `process.stdout`",
    )
}

fn ended_early(harness: &str) -> StageFailure {
    StageFailure::new(
        Stage::Harness,
        format!(
            "`{harness}` exited before `run(host)` finished: something called `process.exit()` or ended Node early, so what it printed is not the harness's log"
        ),
        "let the harness finish: a module under test must not exit the process or print the log itself",
    )
}

fn failure_of(
    output: &ProcessOutput,
    harness: &str,
    limit_secs: u64,
    in_os_sandbox: bool,
) -> Option<StageFailure> {
    let Some(status) = output.status else {
        return Some(StageFailure::new(
            Stage::Harness,
            format!("timed out after {limit_secs} s: `{harness}` never finished"),
            "something awaited forever: a callback that never fires, a lost notify, or a busy loop; the process was killed",
        ));
    };
    if status.success() {
        return None;
    }
    let stderr = output.stderr.trim();
    if in_os_sandbox && ran_out_of_memory(stderr) {
        return Some(StageFailure::new(
            Stage::Harness,
            format!(
                "`{harness}` ran out of memory: a graded job may use {} MiB:\n{stderr}",
                MEMORY_LIMIT_BYTES >> 20
            ),
            "something allocates without bound: a growing array, a WebAssembly memory grown in a loop",
        ));
    }
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
