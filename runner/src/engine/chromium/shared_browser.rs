//! One Chromium for the whole run: `node-harness/browser-driver.mjs` under
//! the pinned Node starts it once, then opens each page in a fresh browser
//! context on request. A browser that dies is restarted once, and says so.

use std::io::Write as _;
use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

mod driver;

use anyhow::{Result, bail};

use crate::process::ProcessOutput;
pub use driver::{CRASHED, DriverCommand};
use driver::{DriverLine, PageRequest, Running, Waiters, launch, lock};

/// How many times a browser that died is started again in one run.
const RESTARTS: usize = 1;

/// A page request the driver has, and where its answer will arrive.
struct PendingPage {
    waiters: Waiters,
    generation: usize,
    id: u64,
    receiver: Receiver<DriverLine>,
}

/// The run's browser: started on creation, restarted at most once.
pub struct SharedBrowser {
    command: DriverCommand,
    running: Mutex<Option<Running>>,
    restarts: AtomicUsize,
    generation: AtomicUsize,
    next_id: AtomicU64,
    /// The browser's version, as the driver reported it.
    version: String,
}

impl std::fmt::Debug for SharedBrowser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedBrowser")
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

impl SharedBrowser {
    /// Starts the driver and its Chromium.
    ///
    /// # Errors
    ///
    /// Fails, with the driver's explanation, when Chromium does not start.
    pub fn start(command: DriverCommand) -> Result<Self> {
        let (running, version) = launch(&command, 0)?;
        Ok(Self {
            command,
            running: Mutex::new(Some(running)),
            restarts: AtomicUsize::new(0),
            generation: AtomicUsize::new(0),
            next_id: AtomicU64::new(0),
            version,
        })
    }

    /// Runs the page at `url` in a fresh context. The driver closes it at
    /// `time_limit`; `hard_limit` later, the driver itself is presumed hung
    /// and its browser is killed (and restarted once for the next page).
    /// The output reads like the old one-browser-per-run driver's: exit
    /// code, stdout (the page's lines) and stderr (notes).
    ///
    /// # Errors
    ///
    /// Fails when the browser died and may not be restarted again, or the
    /// restart failed; the message says which.
    pub fn run_page(
        &self,
        url: &str,
        time_limit: Duration,
        hard_limit: Duration,
    ) -> Result<ProcessOutput> {
        let started = Instant::now();
        let pending = self.send_page_request(url, time_limit)?;
        let outcome = pending
            .receiver
            .recv_timeout(time_limit.saturating_add(hard_limit));
        lock(&pending.waiters).remove(&pending.id);
        let (status, stdout, stderr) = self.page_outcome(outcome, pending.generation, hard_limit);
        Ok(ProcessOutput {
            status,
            stdout,
            stderr,
            truncated: Vec::new(),
            elapsed: started.elapsed(),
        })
    }

    /// Hands the driver a page to run; its answer arrives on the returned receiver.
    fn send_page_request(&self, url: &str, time_limit: Duration) -> Result<PendingPage> {
        let mut running = self.running_browser()?;
        let Some(current) = running.as_mut() else {
            bail!("Chromium is not running");
        };
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (sender, receiver) = channel();
        lock(&current.waiters).insert(id, sender);
        let request = PageRequest {
            id,
            url,
            time_limit_ms: time_limit.as_millis(),
        };
        if let Err(error) = current.session.send_line(&serde_json::to_string(&request)?) {
            lock(&current.waiters).remove(&id);
            let tail = current.session.stderr_tail();
            *running = None;
            bail!("the browser driver stopped reading requests ({error:#}):\n{tail}");
        }
        Ok(PendingPage {
            waiters: Arc::clone(&current.waiters),
            generation: current.generation,
            id,
            receiver,
        })
    }

    /// The page's exit status, stdout and stderr from the driver's answer, or
    /// from its silence; a browser that died or hung is stopped for a restart.
    fn page_outcome(
        &self,
        outcome: Result<DriverLine, RecvTimeoutError>,
        generation: usize,
        hard_limit: Duration,
    ) -> (Option<ExitStatus>, String, String) {
        match outcome {
            Ok(line) if line.code == Some(CRASHED) => {
                let tail = self.stop_if_current(generation);
                (
                    Some(ExitStatus::from_raw(CRASHED << 8)),
                    line.stdout,
                    format!("{}{}", line.stderr, restart_note(&self.restarts, &tail)),
                )
            }
            Ok(line) => (
                line.code
                    .map(|code| ExitStatus::from_raw((code & 0xff) << 8)),
                line.stdout,
                line.stderr,
            ),
            Err(RecvTimeoutError::Timeout) => {
                let tail = self.stop_if_current(generation);
                (
                    None,
                    String::new(),
                    format!(
                        "the browser driver did not answer {} s after the time limit; Chromium was killed (it is restarted once for the next pages):\n{tail}",
                        hard_limit.as_secs()
                    ),
                )
            }
            Err(RecvTimeoutError::Disconnected) => {
                let tail = self.stop_if_current(generation);
                (
                    Some(ExitStatus::from_raw(CRASHED << 8)),
                    String::new(),
                    format!(
                        "the browser driver ended while this page ran; {}",
                        restart_note(&self.restarts, &tail)
                    ),
                )
            }
        }
    }

    fn running_browser(&self) -> Result<MutexGuard<'_, Option<Running>>> {
        let mut running = lock(&self.running);
        if running.is_none() {
            if self.restarts.fetch_add(1, Ordering::SeqCst) >= RESTARTS {
                bail!(
                    "Chromium crashed again after its restart; it is not restarted a second time"
                );
            }
            let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
            let (restarted, version) = launch(&self.command, generation)?;
            let _ = writeln!(
                std::io::stderr().lock(),
                "note: Chromium crashed or hung and was restarted (Chromium {version}); the page that was running failed"
            );
            *running = Some(restarted);
        }
        Ok(running)
    }

    /// Kills the browser of `generation` unless a newer one replaced it,
    /// and returns the end of its driver's stderr.
    fn stop_if_current(&self, generation: usize) -> String {
        let mut running = lock(&self.running);
        match running.as_ref() {
            Some(current) if current.generation == generation => {
                let tail = current.session.stderr_tail();
                *running = None;
                tail
            }
            _ => String::new(),
        }
    }
}

/// What happens next after a crash, and the end of the driver's stderr.
fn restart_note(restarts: &AtomicUsize, tail: &str) -> String {
    let next = if restarts.load(Ordering::SeqCst) < RESTARTS {
        "Chromium is restarted once for the next pages"
    } else {
        "it was restarted once already, so the next pages fail too"
    };
    format!("{next}\n{}", tail.trim_end())
}
