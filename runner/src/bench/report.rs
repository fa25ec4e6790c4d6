//! What `runner bench` found, as JSON (the recorded file the book reads) and
//! as the text table.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::sizes::ModuleSize;
use super::stats::{NOISY_SPREAD, Spread};

/// One run of the bench: where, how, and every technique's row.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BenchReport {
    /// The machine the numbers come from.
    pub machine: Machine,
    /// `node` or `chromium`: where the techniques ran.
    pub engine: String,
    /// The date of the run, `YYYY-MM-DD` (UTC).
    pub date: String,
    /// How the batches were sized.
    pub settings: BenchSettings,
    /// One row per technique, in `bench.toml` order.
    pub techniques: Vec<TechniqueResult>,
}

/// The machine: CPU, cores, and the engine versions.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Machine {
    /// The CPU's model name (from `/proc/cpuinfo`).
    pub cpu: String,
    /// Logical cores available to the runner.
    pub cores: usize,
    /// `uname`-style OS name and release.
    pub os: String,
    /// The engines that ran a technique: `node26 26.x.y`, `Chromium 148...`.
    pub engines: Vec<String>,
}

/// How long and how often each technique is timed.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub struct BenchSettings {
    /// Batches timed per technique.
    pub batches: u32,
    /// The calibrated length of one batch, in milliseconds.
    pub batch_ms: f64,
    /// How long each technique runs before it is timed.
    pub warmup_ms: f64,
    /// Fixed round trips per batch (no warmup, no calibration), for tests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rounds: Option<u32>,
    /// Fresh processes the batches are shared out among (one in runs
    /// recorded before there was a choice).
    #[serde(default = "one_process")]
    pub processes: u32,
}

fn one_process() -> u32 {
    1
}

/// One technique's row.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TechniqueResult {
    /// Its name in `bench.toml`.
    pub name: String,
    /// What one round trip is.
    pub title: String,
    /// The chapter that teaches it, none for a floor.
    pub chapter: Option<String>,
    /// The engine that ran it: `node26 26.1.0`, `Chromium 148...`.
    pub engine: String,
    /// Round trips per batch.
    pub rounds: u64,
    /// ns per round trip, per batch, in the order timed.
    pub samples_ns: Vec<f64>,
    /// Median, min and max of the samples.
    pub spread: Option<Spread>,
    /// The median batch of each process, in the order they ran.
    #[serde(default)]
    pub process_medians_ns: Vec<f64>,
    /// Why the median may not hold from one run to the next: the processes
    /// disagreed by more than the spread allowed ([`super::stats::unsteadiness`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsteady: Option<String>,
    /// The median `await null` in the same process, in ns.
    pub microtask_floor_ns: Option<f64>,
    /// median / microtask floor.
    pub ratio_to_microtask: Option<f64>,
    /// The module whose size is shown: a bench module or a package file.
    pub module: Option<String>,
    /// Its size.
    pub size: Option<ModuleSize>,
    /// Why it was not run here.
    pub skipped: Option<String>,
    /// Why it failed.
    pub error: Option<String>,
}

impl BenchReport {
    /// True when no technique failed.
    pub fn passed(&self) -> bool {
        self.techniques.iter().all(|row| row.error.is_none())
    }

    /// The warnings: one per technique whose spread is over 10%. None with
    /// fixed `--rounds`, whose numbers mean nothing anyway.
    pub fn warnings(&self) -> Vec<String> {
        if self.settings.rounds.is_some() {
            return Vec::new();
        }
        self.techniques
            .iter()
            .filter_map(|row| {
                let spread = row.spread.filter(Spread::is_noisy)?;
                Some(format!(
                    "warning: `{}`: the middle half of its batches spreads {:.0}% of the median (over {:.0}%); the median may be off. Rerun with more batches (`--batches {}`), on a quieter machine",
                    row.name,
                    spread.relative() * 100.0,
                    NOISY_SPREAD * 100.0,
                    self.settings.batches * 2
                ))
            })
            .collect()
    }

    /// The table for people, then the warnings and failures.
    pub fn render_text(&self) -> String {
        let mut text = format!(
            "bench on {} ({} cores, {}), {}; {}\n\n",
            self.machine.cpu,
            self.machine.cores,
            self.machine.os,
            self.machine.engines.join(", "),
            describe_settings(&self.settings)
        );
        let _ = writeln!(
            text,
            "{:<24} {:>12} {:>21} {:>7} {:>9} {:>15}",
            "technique", "ns/trip", "min-max ns", "spread", "x await", "bytes (+names)"
        );
        for row in &self.techniques {
            let _ = write!(text, "{:<24} ", row.name);
            if let Some(reason) = &row.skipped {
                let _ = writeln!(text, "skipped: {reason}");
                continue;
            }
            if row.error.is_some() {
                let _ = writeln!(text, "FAILED (below)");
                continue;
            }
            let Some(spread) = row.spread else {
                let _ = writeln!(text, "no samples");
                continue;
            };
            let range = format!("{}-{}", format_ns(spread.min_ns), format_ns(spread.max_ns));
            let ratio = row
                .ratio_to_microtask
                .map_or_else(|| "-".into(), |ratio| format!("{ratio:.1}"));
            let size = row.size.map_or_else(
                || "-".into(),
                |size| format!("{} ({})", size.without_names, size.with_names),
            );
            let _ = writeln!(
                text,
                "{:>12} {range:>21} {:>6.1}% {ratio:>9} {size:>15}",
                format_ns(spread.median_ns),
                spread.relative() * 100.0,
            );
            if let Some(reason) = &row.unsteady {
                let _ = writeln!(text, "{:<24} unsteady: {reason}", "");
            }
        }
        for warning in self.warnings() {
            let _ = write!(text, "\n{warning}");
        }
        for row in &self.techniques {
            if let Some(error) = &row.error {
                let _ = write!(
                    text,
                    "\nFAILED `{}` ({}): {}",
                    row.name,
                    row.engine,
                    error.trim_end()
                );
            }
        }
        text.push('\n');
        text
    }
}

/// "21 batches of about 50 ms after 300 ms of warmup".
pub fn describe_settings(settings: &BenchSettings) -> String {
    match settings.rounds {
        Some(rounds) => format!(
            "{} batches of exactly {rounds} round trips, no warmup",
            settings.batches
        ),
        None if settings.processes > 1 => format!(
            "{} batches of about {} ms per technique, shared among {} processes, each after {} ms of warmup",
            settings.batches, settings.batch_ms, settings.processes, settings.warmup_ms
        ),
        None => format!(
            "{} batches of about {} ms per technique, after {} ms of warmup",
            settings.batches, settings.batch_ms, settings.warmup_ms
        ),
    }
}

/// ns with a precision that suits its size: `35.4`, `1 234`, `98 765`.
pub fn format_ns(ns: f64) -> String {
    if ns < 100.0 {
        format!("{ns:.1}")
    } else {
        // Whole nanoseconds, thousands grouped with thin spaces for reading.
        let whole = format!("{:.0}", ns.round());
        let mut grouped = String::new();
        for (index, digit) in whole.chars().enumerate() {
            if index > 0 && (whole.len() - index) % 3 == 0 {
                grouped.push(' ');
            }
            grouped.push(digit);
        }
        grouped
    }
}

#[cfg(test)]
mod tests {
    use super::format_ns;

    #[test]
    fn nanoseconds_are_grouped_by_thousands() {
        assert_eq!(format_ns(35.44), "35.4");
        assert_eq!(format_ns(1234.4), "1 234");
        assert_eq!(format_ns(98_765.0), "98 765");
        assert_eq!(format_ns(123.0), "123");
    }
}
