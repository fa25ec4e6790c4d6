//! rustc, pinned: a `.rs` source compiled to `wasm32-unknown-unknown` by
//! Debian's rustc 1.63. The workbook's own toolchain is never used: it has
//! no wasm32 standard library, and none can be downloaded here.

use std::ffi::OsString;
use std::path::Path;
use std::time::Duration;

use super::pinned::{CompileJob, PinnedCompiler, RecordKind};

/// Debian bookworm's rustc, whose output the recorded builds hold.
pub static RUSTC: PinnedCompiler = PinnedCompiler {
    tool: "rustc",
    language: "Rust",
    extension: "rs",
    version: "1.63.0",
    default_binary: "/usr/bin/rustc",
    binary_variable: "WORKBOOK_RUSTC",
    install: "apt-get install -y rustc libstd-rust-dev-wasm32",
    env: &[],
    time_limit: Duration::from_mins(2),
    record: RecordKind::PrintedWat,
    glue: false,
    fix_hint: "fix the Rust at the line and column shown; the module is built as a `cdylib` for wasm32-unknown-unknown",
    parse_version,
    key_inputs,
    arguments,
};

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

/// "rustc 1.63.0" or "rustc 1.63.0 (4b91a6ea7 2022-08-08)".
fn parse_version(line: &str) -> Option<&str> {
    line.strip_prefix("rustc ")?.split_whitespace().next()
}

/// The shown path names the build: rustc embeds it.
fn key_inputs(job: &CompileJob<'_>) -> (String, Vec<String>) {
    (job.shown.to_owned(), FLAGS.map(str::to_owned).to_vec())
}

fn arguments(job: &CompileJob<'_>, output: &Path) -> Vec<OsString> {
    // Messages (and anything rustc embeds) name the file as the workbook
    // shows it, even when it compiles a scratch copy.
    let remap = format!(
        "{}={}",
        job.source.parent().unwrap_or(job.source).display(),
        Path::new(job.shown)
            .parent()
            .unwrap_or(Path::new(""))
            .display()
    );
    let mut arguments: Vec<OsString> = FLAGS.iter().map(OsString::from).collect();
    arguments.extend([
        "--remap-path-prefix".into(),
        remap.into(),
        job.source.into(),
        "-o".into(),
        output.into(),
    ]);
    arguments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_version_with_or_without_the_commit() {
        assert_eq!(parse_version("rustc 1.63.0"), Some("1.63.0"));
        assert_eq!(
            parse_version("rustc 1.70.0 (90c541806 2023-05-31)"),
            Some("1.70.0")
        );
        assert_eq!(parse_version("cargo 1.63.0"), None);
    }
}
