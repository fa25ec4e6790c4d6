//! `[variant.browser]` in `chapter.toml`: how a variant's browser run differs
//! from its Node run, always with the reason. Without the table, the browser
//! run is checked against the very same expected log as the Node run.

use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};

use crate::manifest::VariantSpec;
use crate::report::StageStep;
use crate::snapshot::expected_log_name;
use crate::stage::Stage;

/// One `[variant.browser]` table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BrowserSpec {
    /// Why the browser differs; shown by the runner and on the host page.
    pub reason: String,
    /// `false`: the variant is not run in the browser (default `true`).
    #[serde(default = "runs_by_default")]
    pub run: bool,
    /// The browser run's own expected log:
    /// `snapshots/<chapter>__<expected_log>__log.snap`.
    pub expected_log: Option<String>,
}

fn runs_by_default() -> bool {
    true
}

/// What a browser run of one variant is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserPlan<'a> {
    /// The same expected log as the Node run.
    SameLog,
    /// Its own expected log, for the reason given.
    OwnLog {
        /// The snapshot name, as [`expected_log_name`] makes it.
        snapshot: String,
        /// Why the log differs in a browser.
        reason: &'a str,
    },
    /// Not run in a browser, for the reason given.
    NotRun {
        /// Why not.
        reason: &'a str,
    },
}

/// The expected log one run is compared with.
#[derive(Debug)]
pub struct ExpectedLog {
    /// The snapshot name.
    pub snapshot: String,
    /// Whether `--accept` may write it: a browser run records only a log of
    /// its own, never the log it shares with the Node run.
    pub accept: bool,
    /// For a browser log of its own, a step that says why it differs.
    pub note: Option<StageStep>,
}

impl ExpectedLog {
    /// The expected log of `variant` of `chapter`, in a browser or under Node.
    pub fn of(chapter: &str, variant: &VariantSpec, in_browser: bool, accept: bool) -> Self {
        match variant.browser_plan(chapter) {
            BrowserPlan::OwnLog { snapshot, reason } if in_browser => Self {
                snapshot,
                accept,
                note: Some(StageStep::new(
                    Stage::Log,
                    format!("browser log of its own: {reason}"),
                )),
            },
            _ => Self {
                snapshot: expected_log_name(chapter, &variant.name),
                accept: accept && !in_browser,
                note: None,
            },
        }
    }
}

impl VariantSpec {
    /// How this variant runs in a browser, for a chapter called `chapter`.
    pub fn browser_plan(&self, chapter: &str) -> BrowserPlan<'_> {
        match &self.browser {
            None => BrowserPlan::SameLog,
            Some(spec) if !spec.run => BrowserPlan::NotRun {
                reason: &spec.reason,
            },
            Some(spec) => match &spec.expected_log {
                Some(name) => BrowserPlan::OwnLog {
                    snapshot: expected_log_name(chapter, name),
                    reason: &spec.reason,
                },
                None => BrowserPlan::SameLog,
            },
        }
    }
}

impl BrowserSpec {
    /// Checks the table of variant `owner`, among all the chapter's `variants`.
    ///
    /// # Errors
    ///
    /// Fails when the reason is empty, when the table neither sets
    /// `run = false` nor names an `expected_log` (or does both), or when the
    /// log's name is not a plain name or is another variant's.
    pub fn check(&self, owner: &str, variants: &[VariantSpec]) -> Result<()> {
        let table = format!("`[variant.browser]` of variant `{owner}`");
        if self.reason.trim().is_empty() {
            bail!("{table}: `reason` must say why the browser differs");
        }
        match (&self.expected_log, self.run) {
            (None, true) => bail!(
                "{table}: set `run = false` or name an `expected_log`; without either, leave the table out"
            ),
            (Some(_), false) => bail!("{table}: `expected_log` has no use with `run = false`"),
            (Some(name), true) => {
                let plain = !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if !plain {
                    bail!(
                        "{table}: `expected_log` must be a name of lowercase letters, digits and `-`, not `{name}`"
                    );
                }
                if variants.iter().any(|variant| &variant.name == name) {
                    bail!(
                        "{table}: `expected_log = \"{name}\"` is the expected log of variant `{name}`; pick a name of its own, such as `{owner}-browser`"
                    );
                }
            }
            (None, false) => {}
        }
        Ok(())
    }
}
