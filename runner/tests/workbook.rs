//! Integration tests of the runner's own behaviour, on fixture workbooks
//! (`tests/fixtures/`). The chapters themselves are tested from their data
//! by `tests/chapters.rs`.

mod workbook {
    pub mod autograders;
    pub mod bad_input;
    pub mod bench;
    pub mod book;
    pub mod browser;
    pub mod cache;
    pub mod cli;
    pub mod emcc;
    pub mod exercises;
    pub mod grade_paths;
    pub mod grading;
    pub mod hostile;
    pub mod json_schema;
    pub mod links;
    pub mod processes;
    pub mod progress;
    pub mod robustness;
    pub mod rust;
    pub mod sandbox;
    pub mod serve;
    pub mod support;
    pub mod watch;
    pub mod workspace;
}
