//! binaryen's `wasm-opt`, run under the pinned Node, with a cache on disk keyed
//! by the input module, the argument list and the binaryen version.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use crate::files::{unique_suffix, write_atomically};
use crate::fingerprint::Fingerprint;
use crate::process::run_process;
use crate::verdict::{Stage, StageFailure};

const WASM_OPT_TIME_LIMIT: Duration = Duration::from_mins(5);

/// A runnable `wasm-opt` from node-harness's pinned binaryen.
#[derive(Debug, Clone)]
pub struct WasmOpt {
    /// The Node that runs binaryen's JavaScript build.
    pub node: PathBuf,
    /// `node_modules/binaryen/bin/wasm-opt`.
    pub script: PathBuf,
    /// binaryen's package version, part of every cache key.
    pub version: String,
    /// Where optimized modules are kept, one file per key.
    pub cache_dir: PathBuf,
}

/// Whether an optimized module came from the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// Found in the cache; wasm-opt did not run.
    Hit,
    /// wasm-opt ran and its output was cached.
    Miss,
}

impl WasmOpt {
    /// Runs `wasm-opt <args>` on `input`, or returns the cached output.
    ///
    /// # Errors
    ///
    /// A wasm-opt failure (a bad pass name, an invalid input) shows its stderr.
    pub fn optimize(
        &self,
        input: &[u8],
        args: &[String],
    ) -> Result<(Vec<u8>, CacheUse), StageFailure> {
        let key = args
            .iter()
            .fold(
                Fingerprint::default().with(input).with(&self.version),
                Fingerprint::with,
            )
            .hex();
        let cached = self.cache_dir.join(format!("{key}.wasm"));
        if let Ok(bytes) = std::fs::read(&cached) {
            return Ok((bytes, CacheUse::Hit));
        }
        // Concurrent runs may miss on the same key; each works on its own files.
        let unique = unique_suffix();
        let source = self.cache_dir.join(format!("{key}.{unique}.input.wasm"));
        write_atomically(&source, input).map_err(|error| failure(format!("{error:#}")))?;
        let mut command = Command::new(&self.node);
        let produced = self.cache_dir.join(format!("{key}.{unique}.output.wasm"));
        command
            .arg(&self.script)
            .arg(&source)
            .args(args)
            .arg("-o")
            .arg(&produced);
        let outcome = run_process(&mut command, Some(WASM_OPT_TIME_LIMIT));
        let _ = std::fs::remove_file(&source);
        let output = outcome.map_err(|error| failure(format!("{error:#}")))?;
        if !output.succeeded() {
            let _ = std::fs::remove_file(&produced);
            return Err(failure(format!(
                "`wasm-opt {}` failed:\n{}{}",
                args.join(" "),
                output.stdout,
                output.stderr.trim_end()
            )));
        }
        // The rename publishes the entry whole; an interrupted run leaves no half file behind.
        std::fs::rename(&produced, &cached)
            .and_then(|()| std::fs::read(&cached))
            .map(|bytes| (bytes, CacheUse::Miss))
            .map_err(|error| failure(format!("caching `{}`: {error}", cached.display())))
    }
}

fn failure(message: String) -> StageFailure {
    StageFailure::new(
        Stage::WasmOpt,
        message,
        "check the `wasm_opt` list in chapter.toml; `--no-wasm-opt` rebuilds from the committed snapshot instead",
    )
}
