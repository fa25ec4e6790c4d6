//! The one helper that runs every child process: Node, npm, wasm-opt,
//! Chromium. Each runs in its own process group, killed as a group when it
//! ends or times out ([`supervision`]), and its output is captured up to
//! [`OUTPUT_CAP_BYTES`] per stream.

mod capture;
mod session;
mod supervision;

use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use wait_timeout::ChildExt;

use capture::capture;
pub use session::Session;
pub use supervision::{
    before_signal_exit, exit_killing_children, forget_removal, remove_if_stopped,
    supervise_children,
};

/// The most output kept per stream; more is a reported failure, never a silent cut.
pub const OUTPUT_CAP_BYTES: usize = 4 << 20;

/// How long the pipes may stay open after the process and its group are gone.
const PIPE_GRACE: Duration = Duration::from_secs(2);

/// What a finished (or killed) child process left behind.
#[derive(Debug)]
pub struct ProcessOutput {
    /// The exit status; `None` when the process was killed at its time limit.
    pub status: Option<ExitStatus>,
    /// What was written to stdout, up to [`OUTPUT_CAP_BYTES`].
    pub stdout: String,
    /// What was written to stderr, up to [`OUTPUT_CAP_BYTES`].
    pub stderr: String,
    /// The streams that wrote more than [`OUTPUT_CAP_BYTES`]: "stdout", "stderr".
    pub truncated: Vec<&'static str>,
    /// How long the process ran.
    pub elapsed: Duration,
}

impl ProcessOutput {
    /// stdout, then stderr under a `--- stderr ---` line when there is any.
    pub fn combined(&self) -> String {
        let mut raw = self.stdout.clone();
        if !self.stderr.trim().is_empty() {
            raw.push_str("--- stderr ---\n");
            raw.push_str(&self.stderr);
        }
        raw
    }

    /// True when the process exited by itself with status 0.
    pub fn succeeded(&self) -> bool {
        self.status.is_some_and(|status| status.success())
    }

    /// True when the process was killed at its time limit.
    pub fn timed_out(&self) -> bool {
        self.status.is_none()
    }

    /// "output truncated at N bytes (stdout)" when a stream passed the cap.
    pub fn truncation(&self) -> Option<String> {
        (!self.truncated.is_empty()).then(|| {
            format!(
                "output truncated at {OUTPUT_CAP_BYTES} bytes ({})",
                self.truncated.join(" and ")
            )
        })
    }
}

/// Runs `command` with stdin closed and both outputs captured, in a process
/// group of its own. With a `time_limit`, the group is killed when the
/// process runs longer. Whatever the process leaves running is killed when it ends.
///
/// # Errors
///
/// Fails when the program cannot be started, naming it in backticks.
pub fn run_process(command: &mut Command, time_limit: Option<Duration>) -> Result<ProcessOutput> {
    let program = command.get_program().to_string_lossy().into_owned();
    let started = Instant::now();
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = supervision::spawn_in_own_group(command)
        .with_context(|| format!("could not start `{program}`"))?;
    let stdout = capture(child.stdout.take());
    let stderr = capture(child.stderr.take());
    let status = wait(&mut child, time_limit);
    let releasing = crate::timings::span(|| format!("release and read the pipes of {program}"));
    supervision::release(&child);
    let status = status.with_context(|| format!("waiting for `{program}`"))?;
    let (stdout, stderr) = (stdout.finish(PIPE_GRACE), stderr.finish(PIPE_GRACE));
    drop(releasing);
    Ok(ProcessOutput {
        status,
        truncated: [("stdout", &stdout), ("stderr", &stderr)]
            .into_iter()
            .filter(|(_, captured)| captured.truncated)
            .map(|(name, _)| name)
            .collect(),
        stdout: stdout.text,
        stderr: stderr.text,
        elapsed: started.elapsed(),
    })
}

fn wait(child: &mut Child, time_limit: Option<Duration>) -> std::io::Result<Option<ExitStatus>> {
    let Some(limit) = time_limit else {
        return child.wait().map(Some);
    };
    if let Some(status) = child.wait_timeout(limit)? {
        return Ok(Some(status));
    }
    supervision::kill_group(child);
    child.wait()?;
    Ok(None)
}
