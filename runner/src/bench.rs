//! `runner bench`: every technique's round trip timed side by side, in one
//! run, from `bench/bench.toml`. Each pinned Node (with its flags) runs its
//! techniques in one process, which measures the microtask floor too, so
//! every ratio has a floor from the same process; `--browser` runs them all
//! in one Chromium page. Numbers go to the report, never to a compared log.

pub mod hosts;
pub mod machine;
pub mod manifest;
mod measure;
pub mod report;
pub mod sizes;
pub mod stats;

use std::collections::HashMap;

use anyhow::{Context, Result, bail};

use crate::build::{Builders, build_suite};
use crate::engine::ChromiumEngine;
use crate::files::write_atomically;
use crate::workbook::{Suite, Workbook};
use manifest::{BenchManifest, TechniqueSpec};
pub use measure::run_bench;
use report::BenchSettings;
use sizes::{ModuleSize, module_size};

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
