//! `runner bench`.

use std::process::ExitCode;

use anyhow::Result;
use runner::bench::manifest::BenchManifest;
use runner::bench::report::BenchSettings;
use runner::bench::{BenchOptions, BenchPlace, run_bench};
use runner::engine::ChromiumEngine;
use runner::node_packages::NodePackages;
use runner::toolchain::{Toolchain, ToolchainOptions};
use runner::workbook::Workbook;

use super::output::{error, exit_code, line, say};
use super::{BenchArgs, Format};

/// `runner bench [technique…]`.
pub fn bench(workbook: &Workbook, args: &BenchArgs) -> Result<ExitCode> {
    let manifest = BenchManifest::load(workbook)?;
    let toolchain = Toolchain::prepare(workbook, ToolchainOptions::default())?;
    let packages = NodePackages::new(workbook.node_harness_dir().to_path_buf());
    let options = BenchOptions {
        only: args.techniques.clone(),
        settings: BenchSettings {
            batches: args.batches,
            batch_ms: f64::from(args.batch_ms),
            warmup_ms: f64::from(args.warmup_ms),
            rounds: args.rounds,
            processes: args.processes,
        },
        accept: args.accept,
    };
    let chromium = if args.browser {
        let mut suites = vec![manifest.suite(workbook)?];
        suites.extend(workbook.chapters()?);
        Some(ChromiumEngine::serving(workbook, &suites, &packages, true)?)
    } else {
        None
    };
    let place = chromium
        .as_ref()
        .map_or(BenchPlace::Node, BenchPlace::Browser);
    let report = run_bench(
        workbook,
        &manifest,
        &toolchain.builders,
        &packages,
        place,
        &options,
    )?;
    match args.format {
        Format::Json => line(&serde_json::to_string_pretty(&report)?),
        Format::Text => say(&report.render_text()),
    }
    if args.format == Format::Json {
        for warning in report.warnings() {
            error(&warning);
        }
    }
    Ok(exit_code(report.passed()))
}
