//! Printing for the commands: never panics on a closed pipe, colors only on
//! a terminal, and the exit codes.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use runner::report::render::RenderOptions;

/// Exit code for a tool failure (as opposed to a check that failed).
pub const TOOL_FAILURE: u8 = 2;

/// Writes `text` to stdout. A closed pipe (`runner … | head`) is not an
/// error worth a panic: the reader has gone, so the rest is dropped.
pub fn say(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

/// [`say`] with a line end.
pub fn line(text: &str) {
    say(&format!("{text}\n"));
}

/// Writes one line to stderr, ignoring a closed pipe.
pub fn error(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// Colors when stdout is a terminal and `NO_COLOR` is unset.
pub fn render_options(verbose: bool) -> RenderOptions {
    RenderOptions {
        color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        verbose,
        show_log: false,
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
