//! One bench run: the selected techniques in groups (one process per Node
//! and flags, or one Chromium page), each group led by the microtask floor,
//! and a report row per technique. The groups run in several rounds of fresh
//! processes, the batches shared out among them: a row then shows whether
//! its speed holds from one process to the next (see [`unsteadiness`]).

use std::collections::HashMap;

use anyhow::{Context, Result, bail};

use super::hosts::{self, BenchRequest, HostResult, missing_result, parse_results, run_in_node};
use super::manifest::{BenchManifest, TechniqueSpec, bench_dir};
use super::report::{BenchReport, BenchSettings, Machine, TechniqueResult};
use super::stats::{Spread, unsteadiness};
use super::{BenchOptions, BenchPlace, BuiltBench, build_bench, machine, technique_size};
use crate::build::Builders;
use crate::node_packages::NodePackages;
use crate::process::ProcessOutput;
use crate::workbook::{Workbook, unknown_name_message};

/// Techniques that run in one process: the Node alias, its flags, the techniques.
type Group<'a> = (String, Vec<String>, Vec<&'a TechniqueSpec>);

/// What the processes printed, by technique name.
#[derive(Default)]
struct Measured {
    /// The batches of each process that measured a technique.
    results: HashMap<String, Measurement>,
    /// Not run here, and why.
    skipped: HashMap<String, String>,
    /// The engine, and the error.
    failed: HashMap<String, (String, String)>,
    /// Each group's engine, in order.
    engines: Vec<String>,
}

/// One technique's batches, process by process.
struct Measurement {
    /// The engine of its first process.
    engine: String,
    /// Round trips per batch in its first process.
    rounds: u64,
    /// ns per round trip, per batch, one list per process.
    per_process: Vec<Vec<f64>>,
    /// The median `await null` of each of those processes.
    floors_ns: Vec<f64>,
}

/// Runs the bench: builds it, times every selected technique, and reports.
///
/// # Errors
///
/// Fails on an unknown technique, a module that does not build, or a Node
/// or browser that cannot be started; a technique that throws is a failed
/// row in the report instead.
pub fn run_bench(
    workbook: &Workbook,
    manifest: &BenchManifest,
    builders: &Builders,
    packages: &NodePackages,
    place: BenchPlace<'_>,
    options: &BenchOptions,
) -> Result<BenchReport> {
    let selected = select(manifest, &options.only)?;
    let built = build_bench(workbook, manifest, builders, options.accept)?;
    let floor = manifest
        .technique(manifest.microtask_floor.as_str())
        .context("the microtask floor is a technique")?;
    let mut measured = Measured::default();
    let groups = groups(place, &selected, &mut measured.skipped);
    for batches in batches_per_process(&options.settings) {
        let settings = BenchSettings {
            batches,
            ..options.settings
        };
        for (index, (alias, flags, techniques)) in groups.iter().enumerate() {
            let mut run: Vec<&TechniqueSpec> = vec![floor];
            run.extend(techniques.iter().copied().filter(|t| t.name != floor.name));
            let request = BenchRequest::new(&run, &settings);
            let (engine, output) = match place {
                BenchPlace::Node => {
                    let artifact_dir = workbook.artifact_dir(&manifest.suite(workbook)?.id);
                    let bench = bench_dir(workbook);
                    let output =
                        run_in_node(packages, alias, flags, &bench, &artifact_dir, &request)?;
                    (hosts::node_version(packages, alias)?, output)
                }
                BenchPlace::Browser(chromium) => {
                    let output = chromium
                        .run_bench_page(&serde_json::to_string(&request)?, request.time_limit())
                        .map_err(|failure| anyhow::anyhow!("{}", failure.message))?;
                    (chromium.version().to_string(), output)
                }
            };
            // The floor's own row comes from the first group's processes.
            measured.record_group(&run, index == 0, &engine, &output)?;
        }
    }
    let rows = selected
        .iter()
        .map(|technique| Ok(measured.row(technique_row(workbook, technique, &built)?)))
        .collect::<Result<Vec<_>>>()?;
    Ok(BenchReport {
        machine: Machine {
            cpu: machine::cpu_model(),
            cores: machine::cores(),
            os: machine::os_name(),
            engines: measured.engines,
        },
        engine: match place {
            BenchPlace::Node => "node".into(),
            BenchPlace::Browser(_) => "chromium".into(),
        },
        date: machine::today_utc(),
        settings: options.settings,
        techniques: rows,
    })
}

/// The groups to run at `place`; a technique a browser lacks goes to `skipped`.
fn groups<'a>(
    place: BenchPlace<'_>,
    selected: &[&'a TechniqueSpec],
    skipped: &mut HashMap<String, String>,
) -> Vec<Group<'a>> {
    match place {
        BenchPlace::Node => node_groups(selected),
        BenchPlace::Browser(_) => {
            let mut runnable = Vec::new();
            for technique in selected {
                match technique.browser_skip() {
                    Some(reason) => {
                        skipped.insert(technique.name.to_string(), reason.to_string());
                    }
                    None => runnable.push(*technique),
                }
            }
            vec![(String::new(), Vec::new(), runnable)]
        }
    }
}

impl Measured {
    /// `row` with what was measured for it, or why it was not.
    fn row(&self, mut row: TechniqueResult) -> TechniqueResult {
        row.skipped = self.skipped.get(&row.name).cloned();
        if let Some((engine, error)) = self.failed.get(&row.name) {
            row.engine.clone_from(engine);
            row.error = Some(error.clone());
        } else if let Some(measured) = self.results.get(&row.name) {
            row.engine.clone_from(&measured.engine);
            row.rounds = measured.rounds;
            row.samples_ns = measured.per_process.concat();
            row.spread = Spread::of(&row.samples_ns);
            row.process_medians_ns = (measured.per_process.iter())
                .filter_map(|batches| Spread::of(batches))
                .map(|spread| spread.median_ns)
                .collect();
            row.unsteady = unsteadiness(&measured.per_process);
            row.microtask_floor_ns = Spread::of(&measured.floors_ns).map(|s| s.median_ns);
            row.ratio_to_microtask = row
                .spread
                .zip(row.microtask_floor_ns)
                .map(|(spread, floor)| spread.median_ns / floor);
        }
        row
    }

    /// Files each technique's batches (or failure), with the floor of its
    /// process; the floor itself only when `owns_floor`.
    fn record_group(
        &mut self,
        run: &[&TechniqueSpec],
        owns_floor: bool,
        engine: &str,
        output: &ProcessOutput,
    ) -> Result<()> {
        if !self.engines.iter().any(|known| known == engine) {
            self.engines.push(engine.to_string());
        }
        let printed = parse_results(&output.stdout)?;
        let floor_ns = run
            .first()
            .and_then(|floor| printed.get(floor.name.as_str()))
            .and_then(|floor| Spread::of(&floor.ns_per_round_trip))
            .map(|spread| spread.median_ns);
        let skip_floor = usize::from(!owns_floor);
        for technique in run.iter().skip(skip_floor) {
            let name = technique.name.to_string();
            if self.failed.contains_key(&name) {
                continue;
            }
            match printed.get(&name) {
                Some(HostResult {
                    error: Some(error), ..
                }) => {
                    self.results.remove(&name);
                    self.failed
                        .insert(name, (engine.to_string(), error.clone()));
                }
                Some(result) => {
                    let measurement = self.results.entry(name).or_insert_with(|| Measurement {
                        engine: engine.to_string(),
                        rounds: result.rounds,
                        per_process: Vec::new(),
                        floors_ns: Vec::new(),
                    });
                    measurement
                        .per_process
                        .push(result.ns_per_round_trip.clone());
                    measurement.floors_ns.extend(floor_ns);
                }
                None => {
                    self.results.remove(&name);
                    let error = missing_result(output, &name);
                    self.failed.insert(name, (engine.to_string(), error));
                }
            }
        }
        Ok(())
    }
}

/// The batches each round of processes times: `settings.batches` shared out
/// among `settings.processes` (never a process with none).
fn batches_per_process(settings: &BenchSettings) -> Vec<u32> {
    let processes = settings.processes.clamp(1, settings.batches.max(1));
    (0..processes)
        .map(|index| settings.batches / processes + u32::from(index < settings.batches % processes))
        .collect()
}

/// A row for `technique` with its size and nothing measured yet.
fn technique_row(
    workbook: &Workbook,
    technique: &TechniqueSpec,
    built: &BuiltBench,
) -> Result<TechniqueResult> {
    Ok(TechniqueResult {
        name: technique.name.to_string(),
        title: technique.title.clone(),
        chapter: technique.chapter.as_ref().map(ToString::to_string),
        engine: String::new(),
        rounds: 0,
        samples_ns: Vec::new(),
        spread: None,
        process_medians_ns: Vec::new(),
        unsteady: None,
        microtask_floor_ns: None,
        ratio_to_microtask: None,
        module: technique
            .module
            .as_ref()
            .map(ToString::to_string)
            .or_else(|| technique.package_file.clone()),
        size: technique_size(workbook, technique, built)?,
        skipped: None,
        error: None,
    })
}

/// The selected techniques grouped by (Node, flags), in order of first use.
fn node_groups<'a>(selected: &[&'a TechniqueSpec]) -> Vec<Group<'a>> {
    let mut groups: Vec<Group<'a>> = Vec::new();
    for technique in selected {
        let key = (technique.node().to_string(), technique.node_flags.clone());
        match groups
            .iter_mut()
            .find(|(alias, flags, _)| (alias, flags) == (&key.0, &key.1))
        {
            Some((_, _, members)) => members.push(technique),
            None => groups.push((key.0, key.1, vec![technique])),
        }
    }
    groups
}

/// The techniques named in `only` (all when empty), with the floor first, in manifest order.
fn select<'a>(manifest: &'a BenchManifest, only: &[String]) -> Result<Vec<&'a TechniqueSpec>> {
    for name in only {
        if manifest.technique(name).is_none() {
            let known = manifest.techniques.iter().map(|t| t.name.as_str());
            bail!("{}", unknown_name_message("technique", name, known));
        }
    }
    Ok(manifest
        .techniques
        .iter()
        .filter(|technique| {
            technique.name == manifest.microtask_floor
                || only.is_empty()
                || only.iter().any(|name| technique.name == *name.as_str())
        })
        .collect())
}
