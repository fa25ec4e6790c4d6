//! The Async WebAssembly Workbook's pipeline: manifests, WAT compilation,
//! wasm-opt with a cache, snapshots, the Node harness and the verdicts;
//! exercises, their progress, and grading a class.
//!
//! The `runner` binary is a thin command line over [`pipeline`].

pub mod book;
pub mod browser;
pub mod browser_spec;
pub mod build;
pub mod compile;
pub mod dev_check;
pub mod exercise;
pub mod fingerprint;
pub mod grade;
pub mod harness;
pub mod manifest;
pub mod node_harness;
pub mod parallel;
pub mod pipeline;
pub mod process;
pub mod progress;
pub mod report;
pub mod scratch;
pub mod serve;
pub mod snapshot;
pub mod stage;
pub mod wasm_opt;
pub mod workbook;
