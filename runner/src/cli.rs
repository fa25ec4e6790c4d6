//! The command line: clap types, whose doc comments are the help text, and
//! the dispatch to one module per command family.

mod args;
mod bench;
mod exercises;
mod output;
mod progress_line;
mod run;
mod serve;
mod teacher;
mod trace_file;
mod watch;
mod welcome;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use runner::names::Name;

pub use args::{BenchArgs, Format, GradeFormat, RunArgs, ServeArgs};

/// Parses the command line and runs the command. Exits 0 when everything
/// passed, 1 when a check failed, 2 when the runner could not do its job.
pub fn main() -> ExitCode {
    let _whole = runner::timings::span(|| "the whole command".to_owned());
    let cli = Cli::parse();
    if let Err(error) = runner::process::supervise_children() {
        output::error(&format!("error: {error:#}"));
        return ExitCode::from(output::TOOL_FAILURE);
    }
    let outcome =
        run::open_workbook(cli.workbook.as_deref()).and_then(|workbook| match cli.command {
            Command::List => exercises::list(&workbook),
            Command::Init { dir } => exercises::init(&workbook, &dir),
            Command::Chapter {
                name,
                variant,
                trace,
                run,
            } => run::chapter(&workbook, &name, variant, trace.as_deref(), &run),
            Command::All { format, run } => run::all(&workbook, format, &run),
            Command::Bench(args) => bench::bench(&workbook, &args),
            Command::Serve(args) => serve::serve(&workbook, &args),
            Command::Book { action } => teacher::book(&workbook, action),
            Command::Exercise { name, verbose } => exercises::exercise(&workbook, &name, verbose),
            Command::Hint { name } => exercises::hint(&workbook, &name),
            Command::Watch { name, manual_run } => {
                watch::watch(&workbook, name.as_deref(), manual_run)
            }
            Command::Reset { name, yes } => exercises::reset(&workbook, &name, yes),
            Command::Dev {
                action: DevAction::Check { name, accept },
            } => teacher::dev_check(&workbook, name.as_deref(), accept),
            Command::Grade {
                dir,
                format,
                exercise,
                unsandboxed,
            } => teacher::grade(&workbook, &dir, format, &exercise, unsandboxed),
        });
    outcome.unwrap_or_else(|error| {
        output::error(&format!("error: {error:#}"));
        ExitCode::from(output::TOOL_FAILURE)
    })
}

/// Runs and checks the chapters of the Async WebAssembly Workbook: how
/// synchronous WebAssembly waits for asynchronous JavaScript.
///
/// Examples:
///   cargo run -p runner -- init ../my-workbook   (then `watch` inside it)
///   cargo run -p runner -- watch
///   cargo run -p runner -- list
///   cargo run -p runner -- chapter blocking --verbose
///   cargo run -p runner -- chapter asyncify --no-wasm-opt
///   cargo run -p runner -- all --format json
///   cargo run -p runner -- book check
///   cargo run -p runner -- exercise callback-split
///   cargo run -p runner -- grade class/ --format json
#[derive(Debug, Parser)]
#[command(version, verbatim_doc_comment)]
pub struct Cli {
    /// The workbook folder (default: the nearest parent with chapters/workbook.toml).
    #[arg(long, global = true, value_name = "DIR")]
    pub workbook: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Makes your own workspace for the exercises: the starters and the files
    /// they need, a progress file and a README, and no solutions (each
    /// appears beside your file once the exercise passes).
    ///
    /// Then run `watch` inside it.
    ///
    /// Example: cargo run -p runner -- init ../my-workbook
    #[command(verbatim_doc_comment)]
    Init {
        /// The folder to make; it must not exist yet, or be empty.
        #[arg(default_value = "my-workbook")]
        dir: PathBuf,
    },
    /// Lists the chapters in teaching order, then the exercises with your progress.
    List,
    /// Builds and runs one chapter, showing every stage and a verdict per variant.
    ///
    /// Exits 0 only when every variant passes.
    ///
    /// Example: cargo run -p runner -- chapter callback --verbose
    #[command(verbatim_doc_comment)]
    Chapter {
        /// The chapter's folder name, as shown by `list`.
        name: String,
        /// Run only this variant.
        #[arg(long, value_parser = Name::new)]
        variant: Option<Name>,
        /// Write the variant's trace to FILE in the Chrome Trace Event Format
        /// (opens in Perfetto UI and `chrome://tracing`); needs --variant.
        #[arg(long, value_name = "FILE", requires = "variant")]
        trace: Option<PathBuf>,
        #[command(flatten)]
        run: RunArgs,
    },
    /// Runs every chapter, in parallel where it can; the last line is `N passed, N failed`.
    ///
    /// Example: cargo run -p runner -- all --format json
    #[command(verbatim_doc_comment)]
    All {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        run: RunArgs,
    },
    /// Times every technique's round trip side by side (from bench/bench.toml):
    /// ns per round trip, the ratio to `await null` in the same process, the
    /// spread over batches, and each module's size without and with names.
    ///
    /// Takes under a minute. Numbers never go into a compared log.
    ///
    /// Examples:
    ///   cargo run -p runner -- bench
    ///   cargo run -p runner -- bench jspi asyncify-depth-1 --batches 41
    ///   cargo run -p runner -- bench --browser --format json
    #[command(verbatim_doc_comment)]
    Bench(BenchArgs),
    /// Checks one exercise (or every exercise of a chapter): your files, built
    /// and run, against the expected log.
    ///
    /// Makes your copy from the starter the first time. Exits 0 when it passes.
    ///
    /// Example: cargo run -p runner -- exercise callback-split
    #[command(verbatim_doc_comment)]
    Exercise {
        /// An exercise's name, or a chapter's for all of its exercises, as shown by `list`.
        name: String,
        /// Also show the raw harness output.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Prints the hint of one exercise (or of every exercise of a chapter).
    Hint {
        /// An exercise's name, or a chapter's, as shown by `list`.
        name: String,
    },
    /// Works through the exercises on one screen: reruns the current one on every save.
    ///
    /// Keys: h hint, v verbose (sizes, raw output), l list (pick, reset, filter),
    /// n next unfinished exercise, r rerun, q quit.
    /// Piped keys: one per character, or one per line for enter, up, down, esc.
    #[command(verbatim_doc_comment)]
    Watch {
        /// Start at this exercise, or at the first unfinished one of this chapter.
        name: Option<String>,
        /// Rerun only when you press r, for file systems whose changes are not reported.
        #[arg(long)]
        manual_run: bool,
    },
    /// Restores the starter of one exercise (or of every exercise of a
    /// chapter), after backing up your files.
    Reset {
        /// An exercise's name, or a chapter's, as shown by `list`.
        name: String,
        /// Do not ask for confirmation.
        #[arg(long, short)]
        yes: bool,
    },
    /// Checks for authors: every starter fails, every solution passes, every
    /// hint and file exists, and every mutation is rejected.
    ///
    /// Example: cargo run -p runner -- dev check asyncify
    #[command(verbatim_doc_comment)]
    Dev {
        /// What to check.
        #[command(subcommand)]
        action: DevAction,
    },
    /// Grades a class: each folder in <DIR> is one student and mirrors `chapters/`.
    ///
    /// Submissions are only read. The last line is `N passed, N failed`.
    /// Every job runs in a bubblewrap sandbox (no network, read-only files,
    /// its own processes, memory and process limits) and under Node's
    /// permission model; without bubblewrap, `grade` refuses to start.
    /// `--format gradescope` and `--format exercism` write an autograder's
    /// results.json for a class folder that holds one student.
    ///
    /// Examples:
    ///   cargo run -p runner -- grade class/ --format json
    ///   cargo run -p runner -- grade one-student/ --format gradescope > results.json
    #[command(verbatim_doc_comment)]
    Grade {
        /// The class folder.
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = GradeFormat::Text)]
        format: GradeFormat,
        /// Grade only this exercise, or this chapter's exercises (repeatable).
        #[arg(long, value_name = "NAME")]
        exercise: Vec<String>,
        /// Grade without the bubblewrap sandbox, under Node's permission
        /// model alone: only for work you trust.
        #[arg(long)]
        unsandboxed: bool,
    },
    /// Builds the chapters, then serves the browser host page, the chapters and
    /// the built book on loopback until interrupted. The first line printed is the URL.
    ///
    /// Examples:
    ///   cargo run -p runner -- serve
    ///   cargo run -p runner -- serve atomics --port 0
    #[command(verbatim_doc_comment)]
    Serve(ServeArgs),
    /// Checks the mdBook against the tested files, or regenerates its measured parts.
    ///
    /// Examples:
    ///   cargo run -p runner -- book check
    ///   cargo run -p runner -- book generate
    #[command(verbatim_doc_comment)]
    Book {
        /// What to do with the book.
        #[command(subcommand)]
        action: BookAction,
    },
}

/// What `book` does.
#[derive(Debug, Clone, Copy, Subcommand)]
pub enum BookAction {
    /// Fails when a chapter has no page, an include or anchor is missing, a
    /// listing is pasted, a generated table or chapter list is stale, or the recorded bench
    /// (book/bench/recorded.json) lacks a technique or no longer matches a module's size.
    Check,
    /// Regenerates the book's generated files: the comparison and cost tables
    /// (the latter from book/bench/recorded.json), the size and mutation tables,
    /// and the chapter lists in README.md and book/src/SUMMARY.md (from each chapter.toml).
    Generate,
    /// Builds the live book into one static folder (its path is the last line
    /// printed): the mdBook, the playground, the built chapters and the pinned
    /// npm packages the pages import. Any static host can serve it.
    Build,
}

/// What `dev` does.
#[derive(Debug, Clone, Subcommand)]
pub enum DevAction {
    /// Every exercise has a hint and its files; its starter fails and its
    /// solution passes; every mutation in the chapters' mutations.toml is rejected.
    Check {
        /// Check only this exercise, or this chapter (its exercises and its mutations).
        name: Option<String>,
        /// Record the solution's log as the exercise's expected log (read it before you commit it).
        #[arg(long)]
        accept: bool,
    },
}
