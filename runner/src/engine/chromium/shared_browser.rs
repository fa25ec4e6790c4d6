//! One Chromium for the whole run: `node-harness/browser-driver.mjs` under
//! the pinned Node starts it once, then opens each page in a fresh browser
//! context on request. A browser that dies is restarted once, and says so.
//! The first launch goes on in the background, so the run's builds (and
//! anything else before the first page) overlap Chromium's start.

use std::io::Write as _;
use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

mod driver;

use anyhow::{Result, anyhow, bail};

use crate::process::ProcessOutput;
pub use driver::{CRASHED, DriverCommand, PageKind};
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
    /// The first launch, while it is under way.
    first_launch: Mutex<Option<JoinHandle<Result<Running>>>>,
    /// Why the first launch failed: every page says so, without launching again.
    launch_failure: OnceLock<String>,
    restarts: AtomicUsize,
    generation: AtomicUsize,
    next_id: AtomicU64,
}

impl std::fmt::Debug for SharedBrowser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedBrowser")
            .field("driver", &self.command.driver)
            .finish_non_exhaustive()
    }
}

impl SharedBrowser {
    /// Starts the driver and its Chromium in the background; the first page
    /// waits for it, and fails with the driver's explanation when it did not start.
    pub fn start(command: DriverCommand) -> Self {
        let launching = {
            let command = command.clone();
            std::thread::spawn(move || launch(&command, 0).map(|(running, _version)| running))
        };
        Self {
            command,
            running: Mutex::new(None),
            first_launch: Mutex::new(Some(launching)),
            launch_failure: OnceLock::new(),
            restarts: AtomicUsize::new(0),
            generation: AtomicUsize::new(0),
            next_id: AtomicU64::new(0),
        }
    }

    /// Waits for the first launch, if it is still pending, and keeps its browser.
    fn finish_first_launch(&self, running: &mut Option<Running>) -> Result<()> {
        if let Some(why) = self.launch_failure.get() {
            bail!("{why}");
        }
        let Some(launching) = lock(&self.first_launch).take() else {
            return Ok(());
        };
        let launched = launching
            .join()
            .map_err(|_| anyhow!("the thread that started Chromium panicked"))
            .and_then(|launched| launched);
        match launched {
            Ok(browser) => {
                *running = Some(browser);
                Ok(())
            }
            Err(error) => {
                let why = format!("{error:#}");
                let _ = self.launch_failure.set(why.clone());
                bail!("{why}")
            }
        }
    }

    /// Runs the page at `url` in a `page` of that kind. The driver closes it at
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
        page: PageKind,
        time_limit: Duration,
        hard_limit: Duration,
    ) -> Result<ProcessOutput> {
        let started = Instant::now();
        let pending = self.send_page_request(url, page, time_limit)?;
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
    fn send_page_request(
        &self,
        url: &str,
        page: PageKind,
        time_limit: Duration,
    ) -> Result<PendingPage> {
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
            page,
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
        self.finish_first_launch(&mut running)?;
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

impl Drop for SharedBrowser {
    // A launch still under way must end before its browser can be killed.
    fn drop(&mut self) {
        if let Some(launching) = lock(&self.first_launch).take() {
            let _ = launching.join();
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
