//! `runner`: builds, runs and checks the workbook's chapters.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
