//! A long-lived child that the runner talks to through its stdin and
//! stdout, one line at a time (the browser driver). It runs in a process
//! group of its own, like every child, and the group is killed when the
//! session is dropped or the runner is stopped.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Context, Result};
use wait_timeout::ChildExt;

use super::supervision;

/// The most stderr a session keeps: its last 64 KiB, for error messages.
const STDERR_TAIL_BYTES: usize = 64 * 1024;

/// How long a session may take to finish after its stdin is closed.
const CLOSE_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// A running child with a line protocol on stdin and stdout.
#[derive(Debug)]
pub struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    stderr_tail: Arc<Mutex<Vec<u8>>>,
}

impl Session {
    /// Starts `command` in its own process group with stdin and stdout
    /// piped, and returns the session with its stdout for a reader.
    ///
    /// # Errors
    ///
    /// Fails when the program cannot be started, naming it in backticks.
    pub fn start(command: &mut Command) -> Result<(Self, BufReader<ChildStdout>)> {
        let program = command.get_program().to_string_lossy().into_owned();
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = supervision::spawn_in_own_group(command)
            .with_context(|| format!("could not start `{program}`"))?;
        let stdout = child.stdout.take().context("the child's stdout is piped")?;
        let stdin = child.stdin.take();
        let stderr_tail = Arc::new(Mutex::new(Vec::new()));
        if let Some(stderr) = child.stderr.take() {
            let tail = Arc::clone(&stderr_tail);
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stderr);
                let mut line = Vec::new();
                while reader
                    .read_until(b'\n', &mut line)
                    .is_ok_and(|read| read > 0)
                {
                    let mut kept = tail.lock().unwrap_or_else(PoisonError::into_inner);
                    kept.extend_from_slice(&line);
                    let excess = kept.len().saturating_sub(STDERR_TAIL_BYTES);
                    kept.drain(..excess);
                    line.clear();
                }
            });
        }
        Ok((
            Self {
                child,
                stdin,
                stderr_tail,
            },
            BufReader::new(stdout),
        ))
    }

    /// Writes one line to the child's stdin.
    ///
    /// # Errors
    ///
    /// Fails when the child has closed its stdin (it exited).
    pub fn send_line(&mut self, line: &str) -> Result<()> {
        let stdin = self
            .stdin
            .as_mut()
            .context("the session's stdin is closed")?;
        stdin
            .write_all(format!("{line}\n").as_bytes())
            .and_then(|()| stdin.flush())
            .context("writing to the session's stdin")
    }

    /// The last of what the child wrote to stderr.
    pub fn stderr_tail(&self) -> String {
        let kept = self
            .stderr_tail
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        String::from_utf8_lossy(&kept).into_owned()
    }

    /// Kills the child's whole group now.
    pub fn kill(&mut self) {
        supervision::kill_group(&self.child);
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Closing stdin asks the child to finish (the driver closes its
        // browser); whatever is left of the group is killed after a grace period.
        drop(self.stdin.take());
        if !matches!(self.child.wait_timeout(CLOSE_GRACE), Ok(Some(_))) {
            supervision::kill_group(&self.child);
            let _ = self.child.wait();
        }
        supervision::release(&self.child);
    }
}
