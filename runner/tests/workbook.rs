//! Integration tests of the runner's own behaviour, on fixture workbooks
//! (`tests/fixtures/`). The chapters themselves are tested from their data
//! by `tests/chapters.rs`.

mod workbook {
    pub mod autograders;
    pub mod bench;
    pub mod book;
    pub mod browser;
    pub mod cache;
    pub mod cli;
    pub mod compilers;
    pub mod exercises;
    pub mod grading;
    pub mod json_schema;
    pub mod links;
    pub mod node_harness;
    pub mod processes;
    pub mod progress;
    pub mod robustness;
    pub mod schedule;
    pub mod serve;
    pub mod support;
    pub mod watch;
    pub mod workspace;
}
