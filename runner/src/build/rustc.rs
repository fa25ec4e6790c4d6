//! The Rust builder: a `.rs` source compiled to `wasm32-unknown-unknown` by
//! Debian's pinned rustc, with a cache on disk keyed by the source, the flags
//! and the rustc version. The workbook's own toolchain is never used: it has
//! no wasm32 standard library, and none can be downloaded here.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::files::{unique_suffix, write_atomically};
use crate::fingerprint::Fingerprint;
use crate::process::run_process;
use crate::verdict::{Stage, StageFailure};

/// The rustc version whose output the snapshots record: Debian bookworm's.
pub const PINNED_RUSTC: &str = "1.63.0";
/// Where Debian installs it; `WORKBOOK_RUSTC` names another binary.
pub const DEFAULT_RUSTC: &str = "/usr/bin/rustc";
/// The command that installs it, with its wasm32 standard library.
pub const RUSTC_INSTALL: &str = "apt-get install -y rustc libstd-rust-dev-wasm32";

const FLAGS: [&str; 12] = [
    "--target",
    "wasm32-unknown-unknown",
    "--crate-type",
    "cdylib",
    "--edition",
    "2021",
    "--color",
    "never",
    "-C",
    "opt-level=2",
    "-C",
    "strip=symbols",
];
const RUSTC_TIME_LIMIT: Duration = Duration::from_mins(2);

/// The pinned rustc, or why `.rs` modules cannot be compiled here.
#[derive(Debug, Clone)]
pub enum RustCompiler {
    /// The pinned version is installed.
    Ready(Rustc),
    /// No rustc at the expected path: modules are rebuilt from their recorded output.
    Missing(String),
    /// A rustc of another version: its output would not match the recorded one.
    WrongVersion(String),
}

/// A runnable rustc of the pinned version.
#[derive(Debug, Clone)]
pub struct Rustc {
    binary: PathBuf,
    cache_dir: PathBuf,
}

impl RustCompiler {
    /// Finds rustc at `WORKBOOK_RUSTC` or [`DEFAULT_RUSTC`] and checks its version.
    pub fn find(cache_dir: PathBuf) -> Self {
        let binary = std::env::var_os("WORKBOOK_RUSTC")
            .map_or_else(|| PathBuf::from(DEFAULT_RUSTC), PathBuf::from);
        if !binary.is_file() {
            return Self::Missing(format!(
                "`{}` is not installed (rustc {PINNED_RUSTC}; install it with `{RUSTC_INSTALL}`)",
                binary.display()
            ));
        }
        match version_of(&binary) {
            Ok(version) if version == PINNED_RUSTC => Self::Ready(Rustc { binary, cache_dir }),
            Ok(version) => Self::WrongVersion(format!(
                "`{}` is rustc {version}, but the recorded builds come from rustc {PINNED_RUSTC}; \
                 install Debian's with `{RUSTC_INSTALL}`, or point WORKBOOK_RUSTC at rustc {PINNED_RUSTC}",
                binary.display()
            )),
            Err(error) => Self::WrongVersion(error),
        }
    }
}

fn version_of(binary: &Path) -> Result<String, String> {
    let output = run_process(
        Command::new(binary).arg("--version"),
        Some(RUSTC_TIME_LIMIT),
    )
    .map_err(|error| format!("{error:#}"))?;
    // "rustc 1.63.0" or "rustc 1.63.0 (4b91a6ea7 2022-08-08)"
    output
        .stdout
        .split_whitespace()
        .nth(1)
        .filter(|_| output.succeeded() && output.stdout.starts_with("rustc "))
        .map(str::to_owned)
        .ok_or_else(|| {
            format!(
                "`{} --version` did not print a rustc version: {}{}",
                binary.display(),
                output.stdout.trim(),
                output.stderr.trim()
            )
        })
}

/// What a build of `source` depends on: its text, its shown path, the flags
/// and the rustc version. It keys the cache, and the recorded WAT names it,
/// so a record that no longer matches its source is found.
///
/// # Errors
///
/// Fails when the source cannot be read.
pub fn source_key(source: &Path, shown: &str) -> Result<String, StageFailure> {
    let text =
        std::fs::read(source).map_err(|error| failure(format!("reading `{shown}`: {error}")))?;
    Ok(FLAGS
        .iter()
        .fold(
            Fingerprint::default()
                .with(&text)
                .with(shown)
                .with(PINNED_RUSTC),
            Fingerprint::with,
        )
        .hex())
}

impl Rustc {
    /// Compiles `source` (shown in messages as `shown`), or returns the cached
    /// module; the flag says whether it came from the cache.
    ///
    /// # Errors
    ///
    /// A compile error shows rustc's message, with file, line and column.
    pub fn compile(&self, source: &Path, shown: &str) -> Result<(Vec<u8>, bool), StageFailure> {
        let key = source_key(source, shown)?;
        let cached = self.cache_dir.join(format!("{key}.wasm"));
        if let Ok(bytes) = std::fs::read(&cached) {
            return Ok((bytes, true));
        }
        std::fs::create_dir_all(&self.cache_dir).map_err(|error| {
            failure(format!("creating `{}`: {error}", self.cache_dir.display()))
        })?;
        let produced = self
            .cache_dir
            .join(format!("{key}.{}.output.wasm", unique_suffix()));
        // Messages (and anything rustc embeds) name the file as the workbook
        // shows it, even when it compiles a scratch copy.
        let remap = format!(
            "{}={}",
            source.parent().unwrap_or(source).display(),
            Path::new(shown).parent().unwrap_or(Path::new("")).display()
        );
        let mut command = Command::new(&self.binary);
        command
            .args(FLAGS)
            .arg("--remap-path-prefix")
            .arg(remap)
            .arg(source)
            .arg("-o")
            .arg(&produced);
        let output = run_process(&mut command, Some(RUSTC_TIME_LIMIT))
            .map_err(|error| failure(format!("{error:#}")))?;
        if !output.succeeded() {
            let _ = std::fs::remove_file(&produced);
            return Err(failure(format!(
                "rustc {PINNED_RUSTC} could not compile `{shown}`:\n{}",
                output.stderr.trim_end()
            )));
        }
        let bytes = std::fs::read(&produced)
            .map_err(|error| failure(format!("reading rustc's output: {error}")))?;
        let _ = std::fs::remove_file(&produced);
        write_atomically(&cached, &bytes).map_err(|error| failure(format!("{error:#}")))?;
        Ok((bytes, false))
    }
}

fn failure(message: String) -> StageFailure {
    StageFailure::new(
        Stage::Parse,
        message,
        "fix the Rust at the line and column shown; the module is built as a `cdylib` for wasm32-unknown-unknown",
    )
}
