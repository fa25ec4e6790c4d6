//! `runner chapter` and `runner all`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use runner::locate::{WORKSPACE_FILE, discover_workbook, open_workspace};
use runner::names::Name;
use runner::report::WorkbookReport;
use runner::report::render::RenderOptions;
use runner::run::{RunOptions, SuiteEvent, run_suite, run_suites};
use runner::toolchain::{Toolchain, ToolchainOptions};
use runner::workbook::{Suite, Workbook};

use super::output::{error, exit_code, line, render_options, say};
use super::progress_line::{ProgressLine, progress_shown};
use super::{Format, RunArgs};

/// Where a learner goes after `list` or `all`.
pub fn next_step(workbook: &Workbook) -> &'static str {
    if workbook.workspace().is_some() {
        "Next: `./runner watch` works through the exercises here, rerunning on every save."
    } else {
        "Next: make your own workspace with `cargo run -p runner -- init ../my-workbook`, then run `./runner watch` inside it (or `cargo run -p runner -- watch` here)."
    }
}

/// Opens the workbook (or learner's workspace) named by `--workbook`, or the
/// one around the current folder.
pub fn open_workbook(dir: Option<&Path>) -> Result<Workbook> {
    match dir {
        Some(dir) if dir.join(WORKSPACE_FILE).is_file() => open_workspace(dir),
        Some(dir) => Workbook::open(dir),
        None => discover_workbook(&std::env::current_dir()?),
    }
}

/// `runner chapter <name>`.
pub fn chapter(
    workbook: &Workbook,
    name: &str,
    variant: Option<Name>,
    trace_file: Option<&Path>,
    args: &RunArgs,
) -> Result<ExitCode> {
    let chapter = workbook.chapter(name)?;
    let preparing = runner::timings::span(|| "prepare the toolchain".to_owned());
    let toolchain = Toolchain::prepare(workbook, toolchain_options(args))?;
    drop(preparing);
    note_recorded_builds(&toolchain, std::slice::from_ref(&chapter));
    let options = RunOptions {
        accept: args.accept,
        only_variant: variant,
    };
    let report = run_suite(workbook, &chapter, &toolchain, &options)?;
    let render = RenderOptions {
        show_log: true,
        ..render_options(args.verbose)
    };
    say(&report.render(render));
    if let Some(path) = trace_file {
        super::trace_file::write_chrome_trace(&report, path)?;
    }
    Ok(exit_code(report.passed()))
}

/// `runner all`.
pub fn all(workbook: &Workbook, format: Format, args: &RunArgs) -> Result<ExitCode> {
    let chapters = workbook.chapters()?;
    let preparing = runner::timings::span(|| "prepare the toolchain".to_owned());
    let toolchain = Toolchain::prepare(workbook, toolchain_options(args))?;
    drop(preparing);
    note_recorded_builds(&toolchain, &chapters);
    let options = RunOptions {
        accept: args.accept,
        only_variant: None,
    };
    let progress = ProgressLine::new(chapters.len(), progress_shown(format == Format::Text));
    let reports = run_suites(
        workbook,
        &chapters,
        &toolchain,
        &options,
        &|event| match event {
            SuiteEvent::Started(suite) => progress.started(suite.id.name().as_str()),
            SuiteEvent::Finished { suite, passed } => {
                progress.finished(suite.id.name().as_str(), passed);
            }
        },
    );
    progress.clear();
    let reports = reports?;
    let passed = reports.iter().filter(|report| report.passed()).count();
    let failed = reports.len() - passed;
    match format {
        Format::Json => {
            let report = WorkbookReport {
                chapters: &reports,
                passed,
                failed,
            };
            line(&serde_json::to_string_pretty(&report)?);
        }
        Format::Text => {
            for report in &reports {
                line(&report.render(render_options(args.verbose)));
            }
            line(&format!("{passed} passed, {failed} failed"));
            // On stderr: the last line of stdout stays the summary that scripts read.
            error(next_step(workbook));
        }
    }
    Ok(exit_code(failed == 0))
}

fn toolchain_options(args: &RunArgs) -> ToolchainOptions {
    ToolchainOptions {
        no_wasm_opt: args.no_wasm_opt,
        browser_isolation: args
            .in_browser
            .browser
            .then_some(!args.in_browser.no_isolation),
        ..ToolchainOptions::default()
    }
}

fn note_recorded_builds(toolchain: &Toolchain, suites: &[Suite]) {
    for notice in toolchain.builders.compilers.recorded_build_notices(suites) {
        error(&format!("note: {notice}"));
    }
}
