//! Where a group of techniques runs: one pinned-Node process
//! (`node-harness/bench-host.mjs`) or one Chromium page
//! (`node-harness/browser/bench.html`), and the result lines they print.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::manifest::TechniqueSpec;
use super::report::BenchSettings;
use crate::node_packages::NodePackages;
use crate::process::{ProcessOutput, run_process};

/// A process may take this long, plus [`TIME_PER_TECHNIQUE`] for each technique.
const TIME_PER_RUN: Duration = Duration::from_secs(20);
const TIME_PER_TECHNIQUE: Duration = Duration::from_secs(10);

/// The request a bench host reads: which techniques, and how to time them.
#[derive(Debug, Serialize)]
pub struct BenchRequest<'a> {
    /// In the order they run.
    pub techniques: Vec<RequestedTechnique<'a>>,
    /// Batches, their length, warmup, fixed rounds.
    pub settings: HostSettings,
}

/// One technique as a bench host sees it.
#[derive(Debug, Serialize)]
pub struct RequestedTechnique<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its harness, relative to `bench/`.
    pub harness: String,
    /// Its `params` table.
    pub params: &'a toml::Table,
}

/// [`BenchSettings`] under the names `lib/bench.mjs` reads.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HostSettings {
    batches: u32,
    batch_ms: f64,
    warmup_ms: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    rounds: Option<u32>,
}

impl<'a> BenchRequest<'a> {
    /// The request for `techniques`, timed by `settings`.
    pub fn new(techniques: &[&'a TechniqueSpec], settings: &BenchSettings) -> Self {
        Self {
            techniques: techniques
                .iter()
                .map(|technique| RequestedTechnique {
                    name: technique.name.as_str(),
                    harness: technique.harness.to_string_lossy().replace('\\', "/"),
                    params: &technique.params,
                })
                .collect(),
            settings: HostSettings {
                batches: settings.batches,
                batch_ms: settings.batch_ms,
                warmup_ms: settings.warmup_ms,
                rounds: settings.rounds,
            },
        }
    }

    /// How long a run of this request may take before it is killed.
    pub fn time_limit(&self) -> Duration {
        let count = u32::try_from(self.techniques.len()).unwrap_or(u32::MAX);
        TIME_PER_RUN.saturating_add(TIME_PER_TECHNIQUE.saturating_mul(count))
    }
}

/// One technique's line from a bench host.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HostResult {
    /// The technique.
    pub name: String,
    /// Round trips per batch.
    #[serde(default)]
    pub rounds: u64,
    /// ns per round trip, per batch.
    #[serde(default)]
    pub ns_per_round_trip: Vec<f64>,
    /// What it threw.
    pub error: Option<String>,
}

/// The results printed in `stdout`, by technique name.
///
/// # Errors
///
/// Fails when a result line is not the JSON the host prints.
pub fn parse_results(stdout: &str) -> Result<HashMap<String, HostResult>> {
    let prefix = crate::wire::prefixes().bench_result.as_str();
    stdout
        .lines()
        .filter_map(|line| line.strip_prefix(prefix))
        .map(|json| {
            let result: HostResult = serde_json::from_str(json)
                .with_context(|| format!("a bench result line is not valid: `{json}`"))?;
            Ok((result.name.clone(), result))
        })
        .collect()
}

/// Runs `request` under the pinned Node `alias` with `flags`.
///
/// # Errors
///
/// Fails when that Node is not installed or cannot be started.
pub fn run_in_node(
    packages: &NodePackages,
    alias: &str,
    flags: &[String],
    bench_dir: &Path,
    artifact_dir: &Path,
    request: &BenchRequest<'_>,
) -> Result<ProcessOutput> {
    let node = packages.node_binary(alias)?;
    let mut command = Command::new(node);
    // gc() lets lib/bench.mjs collect before each timed batch, not inside it.
    command
        .arg("--expose-gc")
        .args(flags)
        .arg(packages.dir().join("bench-host.mjs"))
        .arg(bench_dir)
        .arg(artifact_dir)
        .arg(serde_json::to_string(request)?);
    run_process(&mut command, Some(request.time_limit()))
}

/// `node26 26.1.0`: the alias and the version it prints.
///
/// # Errors
///
/// Fails when that Node cannot be run.
pub fn node_version(packages: &NodePackages, alias: &str) -> Result<String> {
    let node = packages.node_binary(alias)?;
    let output = run_process(
        Command::new(&node).arg("--version"),
        Some(Duration::from_secs(30)),
    )?;
    Ok(format!(
        "{alias} {}",
        output.stdout.trim().trim_start_matches('v')
    ))
}

/// Why a run printed no result for `name`: its exit and its stderr.
pub fn missing_result(output: &ProcessOutput, name: &str) -> String {
    let how = if output.timed_out() {
        "was killed at its time limit".to_string()
    } else {
        format!(
            "ended ({}) without a result for it",
            output
                .status
                .map_or_else(|| "killed".into(), |status| status.to_string())
        )
    };
    format!(
        "the bench process {how} (`{name}`):\n{}",
        output.stderr.trim_end()
    )
}

#[cfg(test)]
mod tests {
    use super::parse_results;

    #[test]
    fn result_lines_are_read_and_other_lines_ignored() {
        let stdout = "noise\nbench-result {\"name\":\"jspi\",\"rounds\":3,\"nsPerRoundTrip\":[1.5,2.5]}\nbench-result {\"name\":\"bad\",\"error\":\"Error: x\"}\n";
        let results = parse_results(stdout).unwrap();
        assert_eq!(results["jspi"].ns_per_round_trip, [1.5, 2.5]);
        assert_eq!(results["bad"].error.as_deref(), Some("Error: x"));
        assert!(parse_results("bench-result {").is_err());
    }
}
