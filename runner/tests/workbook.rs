//! Integration tests of the runner's own behaviour, on fixture workbooks
//! (`tests/fixtures/`). The chapters themselves are tested from their data
//! by `tests/chapters.rs`.

mod workbook {
    pub mod advice;
    pub mod autograders;
    pub mod bad_input;
    pub mod bench;
    pub mod book;
    pub mod book_pages;
    pub mod browser;
    pub mod cache;
    pub mod cli;
    pub mod collapse_parity;
    pub mod compilers;
    pub mod dev_server;
    pub mod devtools;
    pub mod exercises;
    pub mod facts;
    pub mod grade_paths;
    pub mod grading;
    pub mod hostile;
    pub mod json_schema;
    pub mod kept_pages;
    pub mod layout;
    pub mod links;
    pub mod node_harness;
    pub mod playground;
    pub mod playground_links;
    pub mod processes;
    pub mod progress;
    pub mod robustness;
    pub mod sandbox;
    pub mod schedule;
    pub mod serve;
    pub mod support;
    pub mod terminal;
    pub mod tools;
    pub mod trace_file;
    pub mod watch;
    pub mod wire;
    pub mod workspace;
    pub mod workspace_words;
}
