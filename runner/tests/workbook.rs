//! Integration tests: every chapter against its expected log, the runner
//! against a fixture workbook, and mutations every chapter must reject.

mod workbook {
    pub mod book;
    pub mod browser;
    pub mod cache;
    pub mod chapters;
    pub mod cli;
    pub mod exercises;
    pub mod mutations;
    pub mod serve;
    pub mod support;
    pub mod watch;
}
