//! The driver process behind [`super::SharedBrowser`]: starting
//! `browser-driver.mjs` with its Chromium, and the lines it reads and writes.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{ChildStdout, Command};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};

use crate::process::Session;

/// How long Chromium may take to start.
const LAUNCH_TIMEOUT: Duration = Duration::from_secs(45);

/// The exit code a page whose browser crashed reports (as the driver's 1: the page failed).
pub const CRASHED: i32 = 5;

/// What starts a driver: the pinned Node, the script, Chromium, and where
/// its temporary profiles go (under the workbook's `target/`).
#[derive(Debug, Clone)]
pub struct DriverCommand {
    /// The pinned Node binary.
    pub node: PathBuf,
    /// `node-harness/browser-driver.mjs`.
    pub driver: PathBuf,
    /// The Chromium binary.
    pub chromium: PathBuf,
    /// Parent folder of each driver's temporary folder (its profiles).
    pub profiles_dir: PathBuf,
}

/// A page to run, as the driver reads it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PageRequest<'a> {
    pub(super) id: u64,
    pub(super) url: &'a str,
    pub(super) time_limit_ms: u128,
    pub(super) page: PageKind,
}

/// Which page a request runs in (see `browser-driver.mjs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// A context and page of its own, closed after the run.
    Fresh,
    /// In place in a host page kept from an earlier run, when there is one.
    Shared,
}

/// A line the driver prints.
#[derive(Debug, Deserialize)]
pub(super) struct DriverLine {
    id: Option<u64>,
    pub(super) code: Option<i32>,
    #[serde(default)]
    pub(super) stdout: String,
    #[serde(default)]
    pub(super) stderr: String,
    ready: Option<bool>,
    version: Option<String>,
    fatal: Option<String>,
}

pub(super) type Waiters = Arc<Mutex<HashMap<u64, Sender<DriverLine>>>>;

/// One running driver and its browser.
pub(super) struct Running {
    pub(super) session: Session,
    pub(super) waiters: Waiters,
    pub(super) generation: usize,
    temp_dir: PathBuf,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.session.kill();
        let _ = std::fs::remove_dir_all(&self.temp_dir);
    }
}

pub(super) fn launch(command: &DriverCommand, generation: usize) -> Result<(Running, String)> {
    // Unique per launch: several engines may live in one process (tests),
    // and removing one browser's folder would crash another.
    static LAUNCHES: AtomicUsize = AtomicUsize::new(0);
    let launch = LAUNCHES.fetch_add(1, Ordering::Relaxed);
    let temp_dir = command
        .profiles_dir
        .join(format!("{}-{launch}", std::process::id()));
    std::fs::create_dir_all(&temp_dir)?;
    let mut process = Command::new(&command.node);
    process
        .arg(&command.driver)
        .arg(&command.chromium)
        // playwright makes Chromium's profile under TMPDIR: inside target/, where it is cleaned up.
        .env("TMPDIR", &temp_dir);
    let (session, stdout) = Session::start(&mut process)?;
    let waiters: Waiters = Arc::new(Mutex::new(HashMap::new()));
    let (ready_sender, ready) = channel();
    let dispatch = Arc::clone(&waiters);
    std::thread::spawn(move || read_lines(stdout, &dispatch, &ready_sender));
    let mut running = Running {
        session,
        waiters,
        generation,
        temp_dir,
    };
    let line = ready.recv_timeout(LAUNCH_TIMEOUT);
    match line {
        Ok(DriverLine {
            ready: Some(true),
            version,
            ..
        }) => Ok((running, version.unwrap_or_default())),
        Ok(DriverLine {
            fatal: Some(why), ..
        }) => bail!("{why}"),
        _ => {
            running.session.kill();
            bail!(
                "the browser driver did not report Chromium ready within {} s:\n{}",
                LAUNCH_TIMEOUT.as_secs(),
                running.session.stderr_tail()
            )
        }
    }
}

/// Hands each answer to its waiter; the first line (ready or fatal) goes to
/// `ready`. When the driver ends, every waiter's channel closes.
fn read_lines(stdout: BufReader<ChildStdout>, waiters: &Waiters, ready: &Sender<DriverLine>) {
    for line in stdout.lines() {
        let Ok(line) = line else { break };
        let Ok(parsed) = serde_json::from_str::<DriverLine>(&line) else {
            continue;
        };
        if let Some(why) = &parsed.fatal {
            // Every page still running hears why the browser went away.
            for (id, waiter) in lock(waiters).drain() {
                let _ = waiter.send(DriverLine {
                    id: Some(id),
                    code: Some(CRASHED),
                    stdout: String::new(),
                    stderr: format!("{why}\n"),
                    ready: None,
                    version: None,
                    fatal: None,
                });
            }
            let _ = ready.send(parsed);
            break;
        }
        if parsed.ready.is_some() {
            let _ = ready.send(parsed);
            continue;
        }
        if let Some(waiter) = parsed.id.and_then(|id| lock(waiters).remove(&id)) {
            let _ = waiter.send(parsed);
        }
    }
    lock(waiters).clear();
}

pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
