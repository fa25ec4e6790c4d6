//! The one helper that runs every child process: Node, npm and wasm-opt.

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use wait_timeout::ChildExt;

/// What a finished (or killed) child process left behind.
#[derive(Debug)]
pub struct ProcessOutput {
    /// The exit status; `None` when the process was killed at its time limit.
    pub status: Option<ExitStatus>,
    /// Everything written to stdout.
    pub stdout: String,
    /// Everything written to stderr.
    pub stderr: String,
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
}

/// Runs `command` with stdin closed and both outputs captured. With a
/// `time_limit`, the process is killed (and reaped) when it runs longer.
///
/// # Errors
///
/// Fails when the program cannot be started, naming it in backticks.
pub fn run_process(command: &mut Command, time_limit: Option<Duration>) -> Result<ProcessOutput> {
    let program = command.get_program().to_string_lossy().into_owned();
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("could not start `{program}`"))?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status =
        wait(&mut child, time_limit).with_context(|| format!("waiting for `{program}`"))?;
    Ok(ProcessOutput {
        status,
        stdout: join(stdout),
        stderr: join(stderr),
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
    child.kill()?;
    child.wait()?;
    Ok(None)
}

// Pipes are drained on their own threads so a chatty child never blocks on a full pipe.
fn drain(pipe: Option<impl Read + Send + 'static>) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn join(reader: JoinHandle<String>) -> String {
    reader.join().unwrap_or_default()
}
