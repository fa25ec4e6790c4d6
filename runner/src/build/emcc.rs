//! emcc, pinned: a `.c` source compiled by Debian's Emscripten 3.1.6 into a
//! `.wasm` and its ES-module glue.

use std::ffi::OsString;
use std::path::Path;
use std::time::Duration;

use super::pinned::{CompileJob, PinnedCompiler, RecordKind};

/// Debian bookworm's emcc, whose output the recorded builds hold.
pub static EMCC: PinnedCompiler = PinnedCompiler {
    tool: "emcc",
    language: "C",
    extension: "c",
    version: "3.1.6",
    default_binary: "/usr/bin/emcc",
    binary_variable: "WORKBOOK_EMCC",
    install: "apt-get install -y emscripten",
    env: &[("NODE_PATH", "/usr/share/nodejs")],
    time_limit: Duration::from_mins(5),
    record: RecordKind::BuildFiles,
    glue: true,
    fix_hint: "fix the C at the line and column shown, or the `emcc` arguments in chapter.toml",
    parse_version,
    key_inputs,
    arguments,
};

/// Every build is an ES module factory for browsers and workers that takes
/// its bytes as `wasmBinary`, so one harness runs under Node and in Chromium.
const FIXED_FLAGS: [&str; 3] = ["-sMODULARIZE", "-sEXPORT_ES6", "-sENVIRONMENT=web,worker"];

/// "emcc (Emscripten gcc/clang-like replacement + linker emulating GNU ld) 3.1.6 ()".
fn parse_version(line: &str) -> Option<&str> {
    line.strip_prefix("emcc (")?
        .split(") ")
        .nth(1)?
        .split_whitespace()
        .next()
}

/// The module's name names the build: the glue loads `<module>.wasm`.
fn key_inputs(job: &CompileJob<'_>) -> (String, Vec<String>) {
    let flags = job
        .module
        .emcc
        .iter()
        .map(String::as_str)
        .chain(FIXED_FLAGS);
    (
        job.module.name.to_string(),
        flags.map(str::to_owned).collect(),
    )
}

fn arguments(job: &CompileJob<'_>, output: &Path) -> Vec<OsString> {
    let mut arguments = vec![OsString::from(job.source)];
    arguments.extend(job.module.emcc.iter().map(OsString::from));
    arguments.extend(FIXED_FLAGS.map(OsString::from));
    arguments.extend(["-o".into(), output.into()]);
    arguments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_version_from_the_banner() {
        let banner =
            "emcc (Emscripten gcc/clang-like replacement + linker emulating GNU ld) 3.1.6 ()";
        assert_eq!(parse_version(banner), Some("3.1.6"));
        assert_eq!(parse_version("clang version 14"), None);
    }
}
