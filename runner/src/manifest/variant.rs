//! One `[[variant]]` of a `chapter.toml` or `exercise.toml`.

use std::path::PathBuf;

use serde::Deserialize;

use super::{BrowserSpec, TimelineSpec};
use crate::names::Name;

/// One `[[variant]]`: a harness run with its own expected log.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantSpec {
    /// Names the variant on the command line and its expected log.
    pub name: Name,
    /// One line that says what this run demonstrates.
    pub summary: String,
    /// The ES module, relative to the manifest's folder, exporting `async run(host)`.
    pub harness: PathBuf,
    /// Names of `[[module]]`s the harness loads.
    #[serde(default)]
    pub modules: Vec<Name>,
    /// The pinned Node: a `node*` dependency alias in `node-harness/package.json`.
    pub node: String,
    /// Extra flags for that Node, such as `--experimental-wasm-stack-switching`.
    #[serde(default)]
    pub node_flags: Vec<String>,
    /// Overrides the chapter's time limit.
    pub time_limit_secs: Option<u64>,
    /// `true`: the lesson needs the machine to itself, so no other variant
    /// runs while it does (default `false`: variants share the cores).
    #[serde(default)]
    pub alone: bool,
    /// `true`: its browser run gets a context and page of its own (a lesson
    /// with workers and shared memory, or one that changes the page). Default
    /// `false`: it may run in place in a host page that ran others before,
    /// which is kept only while runs leave it as it was loaded.
    #[serde(default)]
    pub fresh_page: bool,
    /// What a graded submission may do beyond reading its files, under
    /// Node's permission model: only `"worker"` (start worker threads).
    #[serde(default)]
    pub allow: Vec<Allowance>,
    /// `[variant.browser]`: how the browser run differs, and why.
    pub browser: Option<BrowserSpec>,
    /// `[variant.timeline]`: what the host page's live timeline must show.
    pub timeline: Option<TimelineSpec>,
    /// Imports and exports whose arguments differ run to run (a measured
    /// time): the drawing shows their arguments as `…` (see `trace::elide_varying`).
    #[serde(default)]
    pub trace_varying: Vec<String>,
    /// Words the drawing of this run must contain: the events its lesson
    /// names (`sleep_callback`, `asyncify_start_unwind`, ...), checked after
    /// the drawing on every run (see `judge::judge_draws`).
    #[serde(default)]
    pub draws: Vec<String>,
}

/// A permission a variant needs when it runs sandboxed (see `grade`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Allowance {
    /// Start worker threads (`--allow-worker`).
    Worker,
}
