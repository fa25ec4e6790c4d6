//! The Async WebAssembly Workbook's library: manifests, building modules,
//! engines that run harnesses, judging logs against snapshots, exercises,
//! mutations, grading, the book's checks and the dev server.
//!
//! A run of one suite (a chapter or an exercise) flows through
//! [`build`] → [`engine`] → [`judge`] and ends in a [`verdict::Verdict`] per
//! variant; [`run`] ties them together. The `runner` binary (`src/cli/`) is a
//! thin command line over this library.

pub mod bench;
pub mod book;
pub mod build;
pub mod dev_check;
pub mod engine;
pub mod exercise;
pub mod files;
pub mod fingerprint;
pub mod grade;
pub mod judge;
pub mod locate;
pub mod manifest;
pub mod mutation;
pub mod names;
pub mod node_packages;
pub mod parallel;
pub mod process;
pub mod progress;
pub mod report;
pub mod run;
pub mod sandbox;
pub mod schedule;
pub mod scratch;
pub mod serve;
pub mod site;
pub mod snapshot;
pub mod timings;
pub mod toolchain;
pub mod trace;
pub mod verdict;
pub mod wire;
pub mod workbook;
pub mod workspace;
