//! The welcome shown by `init` and by the first `watch`.

use runner::workbook::Workbook;

/// What the workbook is, the keys of `watch`, and where the book is.
pub fn welcome(workbook: &Workbook) -> String {
    let book = workbook.root().join("book").join("src").join("README.md");
    format!(
        "Welcome to the Async WebAssembly Workbook.\n\
         \n\
         Each exercise is a small WebAssembly module, or the JavaScript around one,\n\
         that has to wait for something asynchronous: a timer, a fetch, a promise.\n\
         You edit one file where it says TODO; the runner builds it, runs it, and\n\
         compares what it logged with what it should log.\n\
         \n\
         In `watch`: h hint · v verbose (sizes, raw output) · l list · n next · r rerun · q quit.\n\
         Every save reruns the exercise. The book explains each technique:\n\
         {} (or `runner serve`, then open the book).\n\
         \n",
        book.display()
    )
}
