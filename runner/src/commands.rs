//! What each subcommand does, on top of the library.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;
use runner::book::{COMPARISON_TABLE, check_book, comparison_table};
use runner::browser::BrowserSession;
use runner::pipeline::{RunOptions, Toolchain, run_chapter, run_chapters};
use runner::report::{RenderOptions, WorkbookReport};
use runner::workbook::Workbook;

use crate::cli::{BookAction, Format, RunArgs};

/// Opens the workbook named by `--workbook`, or the one around the current folder.
pub fn open_workbook(dir: Option<&Path>) -> Result<Workbook> {
    match dir {
        Some(dir) => Workbook::open(dir),
        None => Workbook::discover(&std::env::current_dir()?),
    }
}

/// `runner list`.
pub fn list(workbook: &Workbook) -> Result<ExitCode> {
    let chapters = workbook.chapters()?;
    let width = chapters
        .iter()
        .map(|chapter| chapter.name.len())
        .max()
        .unwrap_or(0);
    for (number, chapter) in chapters.iter().enumerate() {
        println!(
            "{:>2}. {:<width$}  {}",
            number + 1,
            chapter.name,
            chapter.manifest.summary
        );
    }
    let exercises = crate::exercise_commands::exercise_list(workbook)?;
    if !exercises.is_empty() {
        print!("\n{exercises}");
    }
    Ok(ExitCode::SUCCESS)
}

/// `runner chapter <name>`.
pub fn chapter(
    workbook: &Workbook,
    name: &str,
    variant: Option<String>,
    args: &RunArgs,
) -> Result<ExitCode> {
    let chapter = workbook.chapter(name)?;
    let options = RunOptions {
        only_variant: variant,
        ..run_options(workbook, args)?
    };
    let toolchain = Toolchain::prepare(workbook, &options)?;
    let report = run_chapter(workbook, &chapter, &toolchain, &options)?;
    print!("{}", report.render(render_options(args)));
    Ok(exit_code(report.passed))
}

/// `runner all`.
pub fn all(workbook: &Workbook, format: Format, args: &RunArgs) -> Result<ExitCode> {
    let chapters = workbook.chapters()?;
    let options = run_options(workbook, args)?;
    let toolchain = Toolchain::prepare(workbook, &options)?;
    let reports = run_chapters(workbook, &chapters, &toolchain, &options)?;
    let passed = reports.iter().filter(|report| report.passed).count();
    let failed = reports.len() - passed;
    match format {
        Format::Json => {
            let report = WorkbookReport {
                chapters: &reports,
                passed,
                failed,
            };
            println!("{}", serde_json::to_string_pretty(&report)?);
        }
        Format::Text => {
            for report in &reports {
                println!("{}", report.render(render_options(args)));
            }
            println!("{passed} passed, {failed} failed");
        }
    }
    Ok(exit_code(failed == 0))
}

/// `runner book check` and `runner book generate`.
pub fn book(workbook: &Workbook, action: BookAction) -> Result<ExitCode> {
    let toolchain = Toolchain::prepare(workbook, &RunOptions::default())?;
    let table = comparison_table(workbook, &toolchain)?;
    let generated = workbook.root().join("book/src").join(COMPARISON_TABLE);
    if matches!(action, BookAction::Generate) {
        runner::snapshot::write_atomically(&generated, table.as_bytes())?;
        println!("wrote `{}`", generated.display());
        return Ok(ExitCode::SUCCESS);
    }
    let mut problems = check_book(workbook)?;
    if std::fs::read_to_string(&generated).ok().as_deref() != Some(table.as_str()) {
        problems.push(format!(
            "book/src/{COMPARISON_TABLE}: stale or missing; run `cargo run -p runner -- book generate`"
        ));
    }
    for problem in &problems {
        println!("{problem}");
    }
    println!("book check: {} problem(s)", problems.len());
    Ok(exit_code(problems.is_empty()))
}

fn run_options(workbook: &Workbook, args: &RunArgs) -> Result<RunOptions> {
    let browser = if args.in_browser.browser {
        Some(Arc::new(BrowserSession::start(
            workbook,
            !args.in_browser.no_isolation,
        )?))
    } else {
        None
    };
    Ok(RunOptions {
        no_wasm_opt: args.no_wasm_opt,
        accept: args.accept,
        only_variant: None,
        browser,
    })
}

fn render_options(args: &RunArgs) -> RenderOptions {
    RenderOptions {
        verbose: args.verbose,
        ..terminal_render_options()
    }
}

/// Colors when stdout is a terminal and `NO_COLOR` is unset.
pub fn terminal_render_options() -> RenderOptions {
    RenderOptions {
        color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        verbose: false,
    }
}

/// 0 when `passed`, 1 otherwise.
pub fn exit_code(passed: bool) -> ExitCode {
    if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
