//! The options several commands share, and the output formats.

use std::net::IpAddr;

use clap::{Args, ValueEnum};

/// Options shared by `chapter` and `all`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Also show the raw harness output, with the raw numbers behind each fact.
    #[arg(long, short)]
    pub verbose: bool,
    /// Do not run wasm-opt: rebuild instrumented modules from the committed snapshots.
    #[arg(long)]
    pub no_wasm_opt: bool,
    /// Record the current output as the expected snapshots (for authors; review with git diff).
    #[arg(long)]
    pub accept: bool,
    #[command(flatten)]
    pub in_browser: BrowserArgs,
}

/// Options for running harnesses in Chromium, shared by `chapter` and `all`.
#[derive(Debug, Args)]
pub struct BrowserArgs {
    /// Run each harness in headless Chromium (`/usr/bin/chromium`) instead of Node.
    #[arg(long)]
    pub browser: bool,
    /// With --browser: serve the pages without COOP/COEP, so they are not
    /// cross-origin isolated (a lesson: `SharedArrayBuffer` disappears).
    #[arg(long, requires = "browser")]
    pub no_isolation: bool,
}

/// Options of `bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Only these techniques (the `await null` floor always runs); default: all.
    #[arg(value_name = "TECHNIQUE")]
    pub techniques: Vec<String>,
    /// Run the techniques in one page of headless Chromium instead of Node.
    #[arg(long)]
    pub browser: bool,
    /// Output format; JSON is what `book/bench/recorded.json` holds.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Timed batches per technique (the median, min and max are over these).
    #[arg(long, default_value_t = 21, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub batches: u32,
    /// The length of one batch in milliseconds; round trips per batch are calibrated to it.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub batch_ms: u32,
    /// How long each technique runs before it is timed, in milliseconds.
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u32).range(0..=60_000))]
    pub warmup_ms: u32,
    /// Fresh processes (or pages) the batches are shared out among, one after
    /// another: a technique whose processes disagree is marked unsteady.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub processes: u32,
    /// Exactly this many round trips per batch, with no warmup or calibration
    /// (for tests: the numbers mean nothing).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    pub rounds: Option<u32>,
    /// Record the bench modules' wasm-opt snapshots (snapshots/bench/) instead of comparing with them.
    #[arg(long)]
    pub accept: bool,
}

/// Options of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Serve only this chapter (default: every chapter).
    pub chapter: Option<String>,
    /// The address to bind; only loopback addresses are accepted.
    #[arg(long, visible_alias = "host", default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// The port; 0 picks any free port.
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Leave out the COOP/COEP headers: pages are then not cross-origin
    /// isolated, and `SharedArrayBuffer` is unavailable (a lesson).
    #[arg(long)]
    pub no_isolation: bool,
    /// Build the live book (`book build`) and serve only its folder, as a
    /// static host would: the book, the playground and what they fetch.
    #[arg(long, conflicts_with = "chapter")]
    pub site: bool,
}

/// How `all` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For machines: one JSON document.
    Json,
}

/// How `grade` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GradeFormat {
    /// For people.
    Text,
    /// For machines: one JSON document.
    Json,
    /// Gradescope's results.json (one student).
    Gradescope,
    /// Exercism's test-runner results.json, version 3 (one student).
    Exercism,
}
