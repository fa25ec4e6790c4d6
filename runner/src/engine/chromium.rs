//! The Chromium engine: the dev server in-process on an ephemeral loopback
//! port, and one headless Chromium for the whole run ([`shared_browser`]),
//! driven through playwright-core. A variant runs in place in a host page
//! kept from an earlier variant, unless its manifest asks for a fresh page
//! (`fresh_page = true`) or the engine runs every page fresh.

mod shared_browser;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use super::{Engine, EngineKind, EngineRun, Job, RunPlan, reported_failure};
use crate::manifest::VariantSpec;
use crate::names::SuiteId;
use crate::node_packages::NodePackages;
use crate::process::{ProcessOutput, run_process};
use crate::serve::{DEFAULT_BIND, DevServer, ServeOptions, ServedSite, host_page_path};
use crate::verdict::{FailureCause, Stage, StageFailure};
use crate::wire::{self, HostOutput, Record};
use crate::workbook::{Suite, Workbook};
use shared_browser::{DriverCommand, PageKind, SharedBrowser};

/// Where Debian installs Chromium; `WORKBOOK_CHROMIUM` names another binary.
pub const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";

/// The pinned Node that runs the driver (playwright-core needs a current Node).
const DRIVER_NODE: &str = "node26";

/// The driver enforces a variant's time limit on its page; when it has not
/// answered this long after the limit, it is presumed hung and its browser
/// is killed (and restarted once).
const DRIVER_ALLOWANCE: Duration = Duration::from_secs(30);

/// Set to `fresh`, every variant gets a context and page of its own (to
/// compare with the shared pages, or to rule them out).
const PAGES_VARIABLE: &str = "WORKBOOK_BROWSER_PAGES";

/// Page outcomes (see `browser-driver.mjs`).
const HARNESS_THREW: i32 = 1;
const DRIVER_TOOL_FAILURE: i32 = 3;
const PAGE_TIMED_OUT: i32 = 4;

/// Which pages an engine's variants run in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum BrowserPages {
    /// In place in a host page kept from an earlier variant, unless the
    /// variant sets `fresh_page = true`.
    #[default]
    Shared,
    /// Every variant in a context and page of its own.
    EveryFresh,
}

/// Runs chapter variants in one headless Chromium, in host pages it keeps
/// while they stay as they were loaded.
#[derive(Debug)]
pub struct ChromiumEngine {
    server: DevServer,
    browser: SharedBrowser,
    chromium_version: String,
    isolation: bool,
    pages: BrowserPages,
}

impl ChromiumEngine {
    /// Checks for Chromium and playwright-core, then serves every chapter of
    /// `workbook` on an ephemeral loopback port; with `isolation` off, without COOP/COEP.
    ///
    /// # Errors
    ///
    /// Fails, saying how to install it, when Chromium or playwright-core is
    /// missing, and when the pinned Node or the server cannot be started.
    pub fn start(workbook: &Workbook, packages: &NodePackages, isolation: bool) -> Result<Self> {
        Self::serving(workbook, &workbook.chapters()?, packages, isolation)
    }

    /// [`ChromiumEngine::start`] serving `suites` (chapters, or the bench) instead of every chapter.
    ///
    /// # Errors
    ///
    /// As for [`ChromiumEngine::start`].
    pub fn serving(
        workbook: &Workbook,
        suites: &[Suite],
        packages: &NodePackages,
        isolation: bool,
    ) -> Result<Self> {
        let chromium = std::env::var_os("WORKBOOK_CHROMIUM")
            .map_or_else(|| PathBuf::from(DEFAULT_CHROMIUM), PathBuf::from);
        let chromium_version = chromium_version(&chromium)?;
        let playwright = packages
            .dir()
            .join("node_modules/playwright-core/package.json");
        if !playwright.is_file() {
            bail!(
                "playwright-core is not installed (`{}` is missing): it is pinned in `node-harness/package.json`; reinstall with `rm -rf node-harness/node_modules` and rerun",
                playwright.display()
            );
        }
        let site = ServedSite::new(workbook, suites)?;
        let options = ServeOptions {
            bind: DEFAULT_BIND,
            port: 0,
            isolation,
        };
        let server = DevServer::start(site, &options)?;
        let browser = SharedBrowser::start(DriverCommand {
            node: packages.node_binary(DRIVER_NODE)?,
            driver: workbook.node_harness_dir().join("browser-driver.mjs"),
            chromium,
            profiles_dir: workbook.target_dir().join("chromium-profiles"),
        });
        Ok(Self {
            server,
            browser,
            chromium_version,
            isolation,
            pages: if std::env::var(PAGES_VARIABLE).is_ok_and(|pages| pages == "fresh") {
                BrowserPages::EveryFresh
            } else {
                BrowserPages::Shared
            },
        })
    }

    /// The same engine, with its variants in `pages` (unless
    /// `WORKBOOK_BROWSER_PAGES=fresh` asked for fresh ones).
    #[must_use]
    pub fn with_pages(mut self, pages: BrowserPages) -> Self {
        if self.pages == BrowserPages::Shared {
            self.pages = pages;
        }
        self
    }

    /// "Chromium 148.0.7778.167", as reports name the engine.
    pub fn version(&self) -> &str {
        &self.chromium_version
    }

    /// Runs the bench page (`node-harness/browser/bench.html`) with `request`
    /// (the JSON a bench host reads) and returns what it printed.
    ///
    /// # Errors
    ///
    /// A [`StageFailure`] when the page cannot be run, or did not finish.
    pub fn run_bench_page(
        &self,
        request: &str,
        time_limit: Duration,
    ) -> Result<ProcessOutput, StageFailure> {
        let url = format!(
            "{}host/bench.html?request={}",
            self.server.url(),
            percent_encode(request)
        );
        let output = self
            .browser
            .run_page(&url, PageKind::Fresh, time_limit, DRIVER_ALLOWANCE)
            .map_err(|error| {
                StageFailure::new(Stage::Harness, format!("{error:#}"), "rerun with --verbose")
            })?;
        let host = wire::split(&output.stdout);
        match self.failure_of(&output, &host, Path::new("bench.html"), time_limit) {
            Some(failure) => Err(failure),
            None => Ok(output),
        }
    }

    fn failure_of(
        &self,
        output: &ProcessOutput,
        host: &HostOutput,
        harness: &Path,
        time_limit: Duration,
    ) -> Option<StageFailure> {
        let harness = harness.display().to_string();
        let stderr = output.stderr.trim();
        let limit_secs = time_limit.as_secs();
        let (cause, message, hint) = match output.status.map(|status| status.code()) {
            Some(Some(0)) => return None,
            Some(Some(HARNESS_THREW)) => return Some(self.threw(host, &harness, stderr)),
            None => (
                FailureCause::KilledBySignal,
                format!("the browser driver hung, and Chromium was killed:\n{stderr}"),
                "Chromium hung while opening or closing the page; rerun with --verbose",
            ),
            Some(Some(shared_browser::CRASHED)) => (
                FailureCause::KilledBySignal,
                format!("Chromium died while `{harness}` ran:\n{stderr}"),
                "the browser crashed or was killed; rerun to see whether it happens again",
            ),
            Some(Some(PAGE_TIMED_OUT)) => (
                FailureCause::TimedOut { limit_secs },
                format!(
                    "timed out after {limit_secs} s: `{harness}` never finished in Chromium:\n{stderr}"
                ),
                "something awaited forever, or the page's main thread is blocked; the page was closed",
            ),
            Some(Some(DRIVER_TOOL_FAILURE)) => (
                FailureCause::Described,
                format!("the browser run could not be driven:\n{stderr}"),
                "Chromium or playwright-core failed to start, or the host page ran nothing; rerun with --verbose",
            ),
            Some(code) => (
                FailureCause::Described,
                format!("the browser driver failed (exit code {code:?}):\n{stderr}"),
                "rerun with --verbose",
            ),
        };
        Some(StageFailure::caused(Stage::Harness, cause, message, hint))
    }

    /// The page failed: from its `harness-threw` record, with the driver's notes.
    fn threw(&self, host: &HostOutput, harness: &str, stderr: &str) -> StageFailure {
        let not_isolated = host.records.iter().any(|record| {
            matches!(
                record,
                Record::Page {
                    cross_origin_isolated: Some(false)
                }
            )
        });
        let hint = if !self.isolation || not_isolated {
            "SharedArrayBuffer exists only on cross-origin isolated pages: serve them with `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp` (runner serve and --browser do, unless given --no-isolation)"
        } else {
            "read the error above: the harness threw, or the module trapped"
        };
        match reported_failure(host, harness, "in Chromium", hint) {
            Some(failure) => failure.with_stderr(stderr),
            // A crashed page leaves no record; the driver's notes say what happened.
            None => StageFailure::new(
                Stage::Harness,
                format!("`{harness}` failed in Chromium:\n{stderr}"),
                hint,
            ),
        }
    }
}

impl Engine for ChromiumEngine {
    fn plan(&self, suite: &Suite, variant: &VariantSpec) -> RunPlan {
        if !matches!(suite.id, SuiteId::Chapter(_)) {
            return RunPlan::Skip {
                reason: "exercises are checked under Node only".into(),
            };
        }
        match &variant.browser {
            Some(spec) if !spec.run => RunPlan::Skip {
                reason: format!("not run in the browser: {}", spec.reason),
            },
            _ => RunPlan::Run {
                engine: self.chromium_version.clone(),
            },
        }
    }

    fn kind(&self) -> EngineKind {
        EngineKind::Browser
    }

    fn run(&self, job: &Job<'_>) -> Result<EngineRun, StageFailure> {
        // No one watches the engine's pages, so they skip drawing the live
        // timeline (the trace still reaches the runner for the drawings).
        let url = format!(
            "{}{}&timeline=off",
            self.server.url(),
            host_page_path(job.suite.id.chapter(), Some(&job.variant.name))
        );
        let page = if self.pages == BrowserPages::EveryFresh || job.variant.fresh_page {
            PageKind::Fresh
        } else {
            PageKind::Shared
        };
        let output = self
            .browser
            .run_page(&url, page, job.time_limit, DRIVER_ALLOWANCE)
            .map_err(|error| {
                StageFailure::new(
                    Stage::Harness,
                    format!("{error:#}"),
                    "Chromium could not be (re)started; rerun with --verbose",
                )
            })?;
        Ok(EngineRun::from_output(&output, |host| {
            self.failure_of(&output, host, &job.variant.harness, job.time_limit)
        }))
    }
}

/// `text` with every byte outside the URL-safe unreserved set as `%XX`.
fn percent_encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            let _ = write!(encoded, "%{byte:02X}");
        }
    }
    encoded
}

fn chromium_version(chromium: &Path) -> Result<String> {
    let missing = || {
        format!(
            "Chromium is not installed at `{}`: install it with `apt-get install -y chromium` (or set WORKBOOK_CHROMIUM to a Chromium binary)",
            chromium.display()
        )
    };
    if !chromium.is_file() {
        bail!("{}", missing());
    }
    let output = run_process(
        Command::new(chromium).arg("--version"),
        Some(Duration::from_secs(30)),
    )
    .with_context(missing)?;
    // Debian's wrapper script prints shell noise on stderr; the version is on stdout.
    let version = output
        .stdout
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    if !output.succeeded() || !version.contains("Chrom") {
        bail!(
            "`{} --version` did not print a Chromium version (it printed `{}`; stderr: `{}`): point WORKBOOK_CHROMIUM at a Chromium binary, or install it with `apt-get install -y chromium`",
            chromium.display(),
            output.stdout.trim(),
            output.stderr.trim()
        );
    }
    Ok(version)
}
