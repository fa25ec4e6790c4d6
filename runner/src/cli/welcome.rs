//! The welcome shown by `init` and by the first `watch`: short enough that
//! a 24-row terminal shows it whole, with the exercise's status below it.

use runner::workbook::Workbook;
use runner::workspace::runner_command;

/// What the workbook is, the three words the reports use, and where the book is.
pub fn welcome(workbook: &Workbook) -> String {
    let runner = runner_command(workbook);
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
