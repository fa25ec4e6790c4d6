//! One Chromium for the whole run: `node-harness/browser-driver.mjs` under
//! the pinned Node starts it once, then opens each page in a fresh browser
//! context on request. A browser that dies is restarted once, and says so.
//! The first launch goes on in the background, so the run's builds (and
//! anything else before the first page) overlap Chromium's start.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write as _};
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{ChildStdout, Command, ExitStatus};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail};
use serde::{Deserialize, Serialize};

use crate::process::{ProcessOutput, Session};

/// How long Chromium may take to start.
const LAUNCH_TIMEOUT: Duration = Duration::from_secs(45);

/// How many times a browser that died is started again in one run.
const RESTARTS: usize = 1;

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
struct PageRequest<'a> {
    id: u64,
    url: &'a str,
    time_limit_ms: u128,
}

/// A line the driver prints.
#[derive(Debug, Deserialize)]
struct DriverLine {
    id: Option<u64>,
    code: Option<i32>,
    #[serde(default)]
    stdout: String,
    #[serde(default)]
    stderr: String,
    ready: Option<bool>,
    version: Option<String>,
    fatal: Option<String>,
}

type Waiters = Arc<Mutex<HashMap<u64, Sender<DriverLine>>>>;

/// One running driver and its browser.
struct Running {
    session: Session,
    waiters: Waiters,
    generation: usize,
    temp_dir: PathBuf,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.session.kill();
        let _ = std::fs::remove_dir_all(&self.temp_dir);
    }
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
        let (waiters, generation, id, receiver) = {
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
            (
                Arc::clone(&current.waiters),
                current.generation,
                id,
                receiver,
            )
        };
        let outcome = receiver.recv_timeout(time_limit.saturating_add(hard_limit));
        lock(&waiters).remove(&id);
        let (status, stdout, stderr) = match outcome {
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
        };
        Ok(ProcessOutput {
            status,
            stdout,
            stderr,
            truncated: Vec::new(),
            elapsed: started.elapsed(),
        })
    }

    /// The running browser, restarting a dead one when a restart is left.
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

/// The exit code a page whose browser crashed reports (as the driver's 1: the page failed).
pub const CRASHED: i32 = 5;

fn launch(command: &DriverCommand, generation: usize) -> Result<(Running, String)> {
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

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
