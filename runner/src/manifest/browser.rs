//! `[variant.browser]`: how a variant's browser run differs from its Node
//! run, always with the reason. Without the table, the browser run is checked
//! against the very same expected log as the Node run.

use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};

use super::VariantSpec;
use crate::names::Name;

/// One `[variant.browser]` table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BrowserSpec {
    /// Why the browser differs; shown by the runner and on the host page.
    pub reason: String,
    /// `false`: the variant is not run in the browser (default `true`).
    #[serde(default = "runs_by_default")]
    pub run: bool,
    /// The browser run's own expected log: `snapshots/<chapter>/<expected_log>.log.snap`.
    pub expected_log: Option<Name>,
}

fn runs_by_default() -> bool {
    true
}

impl BrowserSpec {
    /// Checks the table of variant `owner`, among all the chapter's `variants`.
    ///
    /// # Errors
    ///
    /// Fails when the reason is empty, when the table neither sets
    /// `run = false` nor names an `expected_log` (or does both), or when the
    /// log's name is another variant's.
    pub fn check(&self, owner: &Name, variants: &[VariantSpec]) -> Result<()> {
        let table = format!("`[variant.browser]` of variant `{owner}`");
        if self.reason.trim().is_empty() {
            bail!("{table}: `reason` must say why the browser differs");
        }
        match (&self.expected_log, self.run) {
            (None, true) => bail!(
                "{table}: set `run = false` or name an `expected_log`; without either, leave the table out"
            ),
            (Some(_), false) => bail!("{table}: `expected_log` has no use with `run = false`"),
            (Some(name), true) if variants.iter().any(|variant| variant.name == *name) => bail!(
                "{table}: `expected_log = \"{name}\"` is the expected log of variant `{name}`; pick a name of its own, such as `{owner}-browser`"
            ),
            _ => Ok(()),
        }
    }
}
