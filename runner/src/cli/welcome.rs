//! The welcome shown by `init` and by the first `watch`: short enough that
//! a 24-row terminal shows it whole, with the exercise's status below it.

use runner::workbook::Workbook;
use runner::workspace::runner_command;

/// What the workbook is, the three words the reports use, and where the book is.
pub fn welcome(workbook: &Workbook) -> String {
    welcome_text(runner_command(workbook))
}

/// The welcome as `init` shows it: its commands are the ones run in the new workspace.
pub fn welcome_to_workspace() -> String {
    welcome_text("./runner")
}

fn welcome_text(runner: &str) -> String {
    format!(
        "Welcome to the Async WebAssembly Workbook.\n\
         Each exercise is a small WebAssembly module, or the JavaScript around one,\n\
         that has to wait for something asynchronous. Edit the file named below\n\
         where it says TODO: each save builds it, runs it and compares its log.\n\
         \x20 harness: the JavaScript that loads the module, runs it and logs what happens.\n\
         \x20 variant: one way the exercise is run (a harness on an engine, such as Node).\n\
         \x20 stage:   the step that failed: parse, validate, wasm-opt, harness or log.\n\
         The book explains each technique: `{runner} serve`, then open the address it prints.\n\
         \n"
    )
}

#[cfg(test)]
mod tests {
    use super::welcome_text;
    use crate::cli::watch::wrap_text;

    /// Rows left on a 24-row terminal for the exercise's status, a run and the keys.
    const ROWS_LEFT_FOR_THE_EXERCISE: usize = 13;

    #[test]
    fn the_welcome_leaves_most_of_a_24_row_terminal_to_the_exercise() {
        for runner in ["./runner", "cargo run -p runner --"] {
            let wrapped = wrap_text(&welcome_text(runner), 80);
            let rows = wrapped.lines().count();
            assert!(
                rows <= 24 - ROWS_LEFT_FOR_THE_EXERCISE,
                "{rows} rows:\n{wrapped}"
            );
        }
    }

    #[test]
    fn the_welcome_explains_each_word_the_reports_use_in_one_line() {
        let text = welcome_text("./runner");
        for word in ["harness:", "variant:", "stage:"] {
            assert_eq!(
                text.lines()
                    .filter(|line| line.trim_start().starts_with(word))
                    .count(),
                1,
                "{word}"
            );
        }
    }
}
