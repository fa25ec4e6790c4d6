//! `runner`: builds, runs and checks the workbook's chapters.

mod cli;
mod commands;
mod serve_command;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};

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
        });
    outcome.unwrap_or_else(|error| {
        eprintln!("error: {error:#}");
        ExitCode::from(TOOL_FAILURE)
    })
}
