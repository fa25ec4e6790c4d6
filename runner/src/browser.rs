//! Browser runs: the dev server in-process on an ephemeral loopback port, and
//! `node-harness/browser-driver.mjs` under the pinned Node, driving headless
//! Chromium through playwright-core to the host page of one variant.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::harness::{HarnessRun, compared_log};
use crate::manifest::VariantSpec;
use crate::node_harness::NodeHarness;
use crate::process::{ProcessOutput, run_process};
use crate::serve::{DEFAULT_BIND, DevServer, ServeOptions, ServedSite};
use crate::stage::{Stage, StageFailure};
use crate::workbook::{Chapter, Workbook};

/// Where Debian installs Chromium; `WORKBOOK_CHROMIUM` names another binary.
pub const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";

/// The pinned Node that runs the driver (playwright-core needs a current Node).
const DRIVER_NODE: &str = "node26";

/// Starting Chromium does not count against a variant's time limit; the
/// driver enforces the limit on the page itself, and this is the hard stop.
const LAUNCH_ALLOWANCE: Duration = Duration::from_secs(45);

/// Driver exit codes (see `browser-driver.mjs`).
const HARNESS_THREW: i32 = 1;
const DRIVER_TOOL_FAILURE: i32 = 3;
const PAGE_TIMED_OUT: i32 = 4;

/// What the driver prints when the page lacked COOP/COEP.
const NOT_ISOLATED_NOTE: &str = "the page is not cross-origin isolated";

/// A running browser setup shared by every variant of one `--browser` run.
#[derive(Debug)]
pub struct BrowserSession {
    server: DevServer,
    node: PathBuf,
    driver: PathBuf,
    chromium: PathBuf,
    chromium_version: String,
    profiles_dir: PathBuf,
    isolation: bool,
}

impl BrowserSession {
    /// Checks for Chromium and playwright-core, then serves every chapter of
    /// `workbook` on an ephemeral loopback port. With `isolation` off, pages
    /// are served without COOP/COEP.
    ///
    /// # Errors
    ///
    /// Fails, saying how to install it, when Chromium or playwright-core is
    /// missing, and when the pinned Node or the server cannot be started.
    pub fn start(workbook: &Workbook, isolation: bool) -> Result<Self> {
        let chromium = std::env::var_os("WORKBOOK_CHROMIUM")
            .map_or_else(|| PathBuf::from(DEFAULT_CHROMIUM), PathBuf::from);
        let chromium_version = chromium_version(&chromium)?;
        let harness = NodeHarness::new(workbook.node_harness_dir());
        harness.ensure_installed()?;
        let playwright = harness
            .dir()
            .join("node_modules/playwright-core/package.json");
        if !playwright.is_file() {
            bail!(
                "playwright-core is not installed (`{}` is missing): it is pinned in `node-harness/package.json`; reinstall with `rm -rf node-harness/node_modules` and rerun",
                playwright.display()
            );
        }
        let node = harness.node_binary(DRIVER_NODE)?;
        let site = ServedSite::new(workbook, &workbook.chapters()?)?;
        let server = DevServer::start(
            site,
            &ServeOptions {
                bind: DEFAULT_BIND,
                port: 0,
                isolation,
            },
        )?;
        Ok(Self {
            server,
            node,
            driver: harness.dir().join("browser-driver.mjs"),
            chromium,
            chromium_version,
            profiles_dir: workbook.target_dir().join("chromium-profiles"),
            isolation,
        })
    }

    /// The host page URL that runs `variant` of `chapter`.
    pub fn page_url(&self, chapter: &str, variant: &str) -> String {
        format!(
            "{}host/host.html?chapter={chapter}&variant={variant}",
            self.server.url()
        )
    }

    /// "Chromium 148.0.7778.167", for reports.
    pub fn browser_name(&self) -> &str {
        &self.chromium_version
    }

    /// Runs `variant` of `chapter` in a fresh headless Chromium with its own
    /// empty profile, and reads the page's log.
    ///
    /// # Errors
    ///
    /// A [`StageFailure`] at the harness stage when the driver cannot be
    /// started; how the page run ended is in the returned [`HarnessRun`].
    pub fn run_variant(
        &self,
        chapter: &Chapter,
        variant: &VariantSpec,
        time_limit: Duration,
    ) -> Result<HarnessRun, StageFailure> {
        let profile = self.fresh_profile_dir();
        if let Err(error) = std::fs::create_dir_all(&profile) {
            return Err(StageFailure::new(
                Stage::Harness,
                format!("creating `{}`: {error}", profile.display()),
                "check that target/ is writable",
            ));
        }
        let mut command = Command::new(&self.node);
        command
            .arg(&self.driver)
            .arg(self.page_url(&chapter.name, &variant.name))
            .arg(time_limit.as_millis().to_string())
            .arg(&self.chromium)
            .arg(&profile);
        let output = run_process(&mut command, Some(time_limit + LAUNCH_ALLOWANCE));
        let _ = std::fs::remove_dir_all(&profile);
        let output = output.map_err(|error| {
            StageFailure::new(
                Stage::Harness,
                format!("{error:#}"),
                "reinstall with `rm -rf node-harness/node_modules` and rerun",
            )
        })?;
        Ok(HarnessRun {
            log: compared_log(&output.stdout),
            raw_output: output.combined(),
            failure: self.failure_of(&output, &variant.harness, time_limit),
        })
    }

    fn fresh_profile_dir(&self) -> PathBuf {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let number = NEXT.fetch_add(1, Ordering::Relaxed);
        self.profiles_dir
            .join(format!("{}-{number}", std::process::id()))
    }

    fn failure_of(
        &self,
        output: &ProcessOutput,
        harness: &Path,
        time_limit: Duration,
    ) -> Option<StageFailure> {
        let harness = harness.display();
        let stderr = output.stderr.trim();
        let limit = time_limit.as_secs();
        let failure = match output.status.map(|status| status.code()) {
            Some(Some(0)) => return None,
            None => StageFailure::new(
                Stage::Harness,
                format!(
                    "the browser driver did not stop {} s after the time limit and was killed:\n{stderr}",
                    LAUNCH_ALLOWANCE.as_secs()
                ),
                "Chromium hung while starting or closing; rerun with --verbose",
            ),
            Some(Some(PAGE_TIMED_OUT)) => StageFailure::new(
                Stage::Harness,
                format!(
                    "timed out after {limit} s: `{harness}` never finished in Chromium:\n{stderr}"
                ),
                "something awaited forever, or the page's main thread is blocked; Chromium was closed",
            ),
            Some(Some(HARNESS_THREW)) if !self.isolation || stderr.contains(NOT_ISOLATED_NOTE) => {
                StageFailure::new(
                    Stage::Harness,
                    format!("`{harness}` failed in Chromium:\n{stderr}"),
                    "SharedArrayBuffer exists only on cross-origin isolated pages: serve them with `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp` (runner serve and --browser do, unless given --no-isolation)",
                )
            }
            Some(Some(HARNESS_THREW)) => StageFailure::new(
                Stage::Harness,
                format!("`{harness}` failed in Chromium:\n{stderr}"),
                "read the error above: the harness threw, or the module trapped",
            ),
            Some(Some(DRIVER_TOOL_FAILURE)) => StageFailure::new(
                Stage::Harness,
                format!("the browser run could not be driven:\n{stderr}"),
                "Chromium or playwright-core failed to start, or the host page ran nothing; rerun with --verbose",
            ),
            Some(code) => StageFailure::new(
                Stage::Harness,
                format!("the browser driver failed (exit code {code:?}):\n{stderr}"),
                "rerun with --verbose",
            ),
        };
        Some(failure)
    }
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
    if !output.succeeded() || version.is_empty() {
        bail!(
            "`{} --version` failed: {}",
            chromium.display(),
            output.stderr.trim()
        );
    }
    Ok(version)
}
