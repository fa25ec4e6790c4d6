//! `runner bench`: every technique's round trip timed side by side, in one
//! run, from `bench/bench.toml`. Each pinned Node (with its flags) runs its
//! techniques in one process, which measures the microtask floor too, so
//! every ratio has a floor from the same process; `--browser` runs them all
//! in one Chromium page. Numbers go to the report, never to a compared log.

pub mod hosts;
pub mod machine;
pub mod manifest;
pub mod report;
pub mod sizes;
pub mod stats;

use std::collections::HashMap;

use anyhow::{Context, Result, bail};

use crate::build::{Builders, build_suite};
use crate::engine::ChromiumEngine;
use crate::files::write_atomically;
use crate::node_packages::NodePackages;
use crate::process::ProcessOutput;
use crate::workbook::{Suite, Workbook, unknown_name_message};
use hosts::{BenchRequest, HostResult, missing_result, parse_results, run_in_node};
use manifest::{BenchManifest, TechniqueSpec, bench_dir};
use report::{BenchReport, BenchSettings, Machine, TechniqueResult};
use sizes::{ModuleSize, module_size};
use stats::Spread;

/// Where the techniques run.
#[derive(Debug, Clone, Copy)]
pub enum BenchPlace<'a> {
    /// Each pinned Node named by a technique, one process per Node and flags.
    Node,
    /// One page of this Chromium, serving the bench suite.
    Browser(&'a ChromiumEngine),
}

/// Choices for one bench run.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Only these techniques (and the microtask floor); all when empty.
    pub only: Vec<String>,
    /// Batches and their length.
    pub settings: BenchSettings,
    /// Record the bench modules' wasm-opt snapshots instead of comparing.
    pub accept: bool,
}

/// What the bench needs built before it runs: the modules' sizes by name.
#[derive(Debug)]
pub struct BuiltBench {
    sizes: HashMap<String, ModuleSize>,
}

/// Builds the bench modules and copies the borrowed chapter modules beside
/// them, into `target/workbook/bench/`.
///
/// # Errors
///
/// Fails, naming the module, its source and the stage, when one does not build.
pub fn build_bench(
    workbook: &Workbook,
    manifest: &BenchManifest,
    builders: &Builders,
    accept: bool,
) -> Result<BuiltBench> {
    let suite = manifest.suite(workbook)?;
    let built = build_suite(workbook, &suite, builders, accept)?;
    let mut sizes = HashMap::new();
    for spec in &manifest.modules {
        let wasm = built.module(&spec.name).wasm.as_ref().map_err(|failure| {
            anyhow::anyhow!(
                "bench module `{}` (`bench/{}`) failed at stage {}: {}",
                spec.name,
                spec.source.display(),
                failure.stage,
                failure.message
            )
        })?;
        sizes.insert(spec.name.to_string(), module_size(wasm)?);
    }
    let artifact_dir = workbook.artifact_dir(&suite.id);
    for borrowed in &manifest.borrowed {
        let mut chapter = workbook.chapter(borrowed.chapter.as_str())?;
        chapter
            .manifest
            .modules
            .retain(|module| module.name == borrowed.module);
        if chapter.manifest.modules.is_empty() {
            bail!(
                "borrowed module `{}`: chapter `{}` has no module `{}`",
                borrowed.name,
                borrowed.chapter,
                borrowed.module
            );
        }
        let built = build_suite(workbook, &chapter, builders, false)?;
        let module = built.module(&borrowed.module);
        let wasm = module.wasm.as_ref().map_err(|failure| {
            anyhow::anyhow!(
                "borrowed module `{}` (chapter `{}`, module `{}`) failed at stage {}: {}",
                borrowed.name,
                borrowed.chapter,
                borrowed.module,
                failure.stage,
                failure.message
            )
        })?;
        write_atomically(&artifact_dir.join(format!("{}.wasm", borrowed.name)), wasm)?;
        if let Some(glue) = &module.glue {
            write_atomically(
                &artifact_dir.join(format!("{}.mjs", borrowed.name)),
                glue.as_bytes(),
            )?;
        }
        sizes.insert(borrowed.name.to_string(), module_size(wasm)?);
    }
    Ok(BuiltBench { sizes })
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
    let mut results: HashMap<String, (HostResult, String, Option<f64>)> = HashMap::new();
    let mut skipped: HashMap<String, String> = HashMap::new();
    let mut failed: HashMap<String, (String, String)> = HashMap::new();
    let mut engines = Vec::new();
    let artifact_dir = workbook.artifact_dir(&manifest.suite(workbook)?.id);
    let groups = match place {
        BenchPlace::Node => node_groups(&selected),
        BenchPlace::Browser(_) => {
            for technique in &selected {
                if let Some(reason) = technique.browser_skip() {
                    skipped.insert(technique.name.to_string(), reason.to_string());
                }
            }
            vec![(
                String::new(),
                Vec::new(),
                selected
                    .iter()
                    .copied()
                    .filter(|technique| technique.browser_skip().is_none())
                    .collect(),
            )]
        }
    };
    for (alias, flags, techniques) in groups {
        let mut run: Vec<&TechniqueSpec> = vec![floor];
        run.extend(techniques.iter().copied().filter(|t| t.name != floor.name));
        let request = BenchRequest::new(&run, &options.settings);
        let (engine, output) = match place {
            BenchPlace::Node => {
                let engine = hosts::node_version(packages, &alias)?;
                let output = run_in_node(
                    packages,
                    &alias,
                    &flags,
                    &bench_dir(workbook),
                    &artifact_dir,
                    &request,
                )?;
                (engine, output)
            }
            BenchPlace::Browser(chromium) => {
                let output = chromium
                    .run_bench_page(&serde_json::to_string(&request)?, request.time_limit())
                    .map_err(|failure| anyhow::anyhow!("{}", failure.message))?;
                (chromium.version().to_string(), output)
            }
        };
        engines.push(engine.clone());
        record_group(&run, &engine, &output, &mut results, &mut failed)?;
    }
    let rows = selected
        .iter()
        .map(|technique| {
            let mut row = technique_row(workbook, technique, &built)?;
            row.skipped = skipped.get(&row.name).cloned();
            if let Some((engine, error)) = failed.get(&row.name) {
                row.engine.clone_from(engine);
                row.error = Some(error.clone());
            } else if let Some((result, engine, floor_ns)) = results.get(&row.name) {
                row.engine.clone_from(engine);
                row.rounds = result.rounds;
                row.samples_ns.clone_from(&result.ns_per_round_trip);
                row.spread = Spread::of(&result.ns_per_round_trip);
                row.microtask_floor_ns = *floor_ns;
                row.ratio_to_microtask = row
                    .spread
                    .zip(*floor_ns)
                    .map(|(spread, floor)| spread.median_ns / floor);
            }
            Ok(row)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(BenchReport {
        machine: Machine {
            cpu: machine::cpu_model(),
            cores: machine::cores(),
            os: machine::os_name(),
            engines,
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

type Group<'a> = (String, Vec<String>, Vec<&'a TechniqueSpec>);

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

/// Files each technique's result (or failure), with the floor of its process.
fn record_group(
    run: &[&TechniqueSpec],
    engine: &str,
    output: &ProcessOutput,
    results: &mut HashMap<String, (HostResult, String, Option<f64>)>,
    failed: &mut HashMap<String, (String, String)>,
) -> Result<()> {
    let printed = parse_results(&output.stdout)?;
    let floor_ns = run
        .first()
        .and_then(|floor| printed.get(floor.name.as_str()))
        .and_then(|floor| Spread::of(&floor.ns_per_round_trip))
        .map(|spread| spread.median_ns);
    for technique in run {
        let name = technique.name.to_string();
        // The floor of the first process is the floor's row.
        if results.contains_key(&name) || failed.contains_key(&name) {
            continue;
        }
        match printed.get(&name) {
            Some(result) if result.error.is_some() => {
                let error = result.error.clone().unwrap_or_default();
                failed.insert(name, (engine.to_string(), error));
            }
            Some(result) => {
                results.insert(name, (result.clone(), engine.to_string(), floor_ns));
            }
            None => {
                failed.insert(
                    name.clone(),
                    (engine.to_string(), missing_result(output, &name)),
                );
            }
        }
    }
    Ok(())
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

/// The size the table shows for `technique`: its module's, or its package file's.
///
/// # Errors
///
/// Fails when the package file is outside `node_modules`, missing, or not wasm.
pub fn technique_size(
    workbook: &Workbook,
    technique: &TechniqueSpec,
    built: &BuiltBench,
) -> Result<Option<ModuleSize>> {
    if let Some(module) = &technique.module {
        return Ok(built.sizes.get(module.as_str()).copied());
    }
    let Some(file) = &technique.package_file else {
        return Ok(None);
    };
    let relative = std::path::Path::new(file);
    if !relative
        .components()
        .all(|part| matches!(part, std::path::Component::Normal(_)))
    {
        bail!(
            "technique `{}`: package file `{file}` must be a plain path inside node-harness/node_modules/",
            technique.name
        );
    }
    let path = workbook
        .node_harness_dir()
        .join("node_modules")
        .join(relative);
    let wasm = std::fs::read(&path).with_context(|| {
        format!(
            "technique `{}`: reading `{}` (is the package installed? `npm ci` in node-harness)",
            technique.name,
            path.display()
        )
    })?;
    Ok(Some(module_size(&wasm).with_context(|| {
        format!("reading `{}` as a wasm module", path.display())
    })?))
}

/// The bench suite, for serving its harnesses and modules to a browser.
///
/// # Errors
///
/// Fails when `bench/bench.toml` is invalid.
pub fn bench_suite(workbook: &Workbook) -> Result<Suite> {
    BenchManifest::load(workbook)?.suite(workbook)
}
