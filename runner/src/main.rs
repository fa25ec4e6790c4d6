//! `runner`: builds, runs and checks the workbook's chapters.

mod cli;
mod commands;
mod exercise_commands;
mod serve_command;
mod watch;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command, DevAction};

/// Exit code for a tool failure (as opposed to a chapter that failed its checks).
const TOOL_FAILURE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome =
        commands::open_workbook(cli.workbook.as_deref()).and_then(|workbook| match cli.command {
            Command::List => commands::list(&workbook),
            Command::Chapter { name, variant, run } => {
                commands::chapter(&workbook, &name, variant, &run)
            }
            Command::All { format, run } => commands::all(&workbook, format, &run),
            Command::Serve(args) => serve_command::serve(&workbook, &args),
            Command::Book { action } => commands::book(&workbook, action),
            Command::Exercise { name, verbose } => {
                exercise_commands::exercise(&workbook, &name, verbose)
            }
            Command::Hint { name } => exercise_commands::hint(&workbook, &name),
            Command::Watch { manual_run } => watch::watch(&workbook, manual_run),
            Command::Reset { name, yes } => exercise_commands::reset(&workbook, &name, yes),
            Command::Dev {
                action: DevAction::Check { name, accept },
            } => exercise_commands::dev_check(&workbook, name.as_deref(), accept),
            Command::Grade { dir, format } => exercise_commands::grade(&workbook, &dir, format),
        });
    outcome.unwrap_or_else(|error| {
        eprintln!("error: {error:#}");
        ExitCode::from(TOOL_FAILURE)
    })
}
