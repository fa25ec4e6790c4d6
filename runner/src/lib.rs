//! The Async WebAssembly Workbook's pipeline: manifests, WAT compilation,
//! wasm-opt with a cache, snapshots, the Node harness and the verdicts.
//!
//! The `runner` binary is a thin command line over [`pipeline`].

pub mod book;
pub mod browser;
pub mod browser_spec;
pub mod build;
pub mod compile;
pub mod fingerprint;
pub mod harness;
pub mod manifest;
pub mod node_harness;
pub mod pipeline;
pub mod process;
pub mod report;
pub mod serve;
pub mod snapshot;
pub mod stage;
pub mod wasm_opt;
pub mod workbook;
