//! The C builder: a `.c` source compiled by Debian's pinned Emscripten into a
//! `.wasm` and its ES-module glue, with a cache on disk keyed by the source,
//! the arguments and the emcc version.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::files::{unique_suffix, write_atomically};
use crate::fingerprint::Fingerprint;
use crate::process::run_process;
use crate::verdict::{Stage, StageFailure};

/// The emcc version whose output the recorded builds come from: Debian bookworm's.
pub const PINNED_EMCC: &str = "3.1.6";
/// Where Debian installs it; `WORKBOOK_EMCC` names another one.
pub const DEFAULT_EMCC: &str = "/usr/bin/emcc";
/// The command that installs it.
pub const EMCC_INSTALL: &str = "apt-get install -y emscripten";

/// Every build is an ES module factory for browsers and workers that takes
/// its bytes as `wasmBinary`, so one harness runs under Node and in Chromium.
const FIXED_FLAGS: [&str; 3] = ["-sMODULARIZE", "-sEXPORT_ES6", "-sENVIRONMENT=web,worker"];
const EMCC_TIME_LIMIT: Duration = Duration::from_mins(5);

/// The pinned emcc, or why `.c` modules cannot be compiled here.
#[derive(Debug, Clone)]
pub enum CCompiler {
    /// The pinned version is installed.
    Ready(Emcc),
    /// No emcc at the expected path: modules run from their recorded builds.
    Missing(String),
    /// An emcc of another version: its output would not match the record.
    WrongVersion(String),
}

/// A runnable emcc of the pinned version.
#[derive(Debug, Clone)]
pub struct Emcc {
    binary: PathBuf,
    cache_dir: PathBuf,
}

/// What emcc made of one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmccOutput {
    /// The module.
    pub wasm: Vec<u8>,
    /// Its JavaScript glue, an ES module whose default export is the factory.
    pub glue: String,
}

impl CCompiler {
    /// Finds emcc at `WORKBOOK_EMCC` or [`DEFAULT_EMCC`] and checks its version.
    pub fn find(cache_dir: PathBuf) -> Self {
        let binary = std::env::var_os("WORKBOOK_EMCC")
            .map_or_else(|| PathBuf::from(DEFAULT_EMCC), PathBuf::from);
        if !binary.is_file() {
            return Self::Missing(format!(
                "`{}` is not installed (emcc {PINNED_EMCC}; install it with `{EMCC_INSTALL}`)",
                binary.display()
            ));
        }
        match version_of(&binary) {
            Ok(version) if version == PINNED_EMCC => Self::Ready(Emcc { binary, cache_dir }),
            Ok(version) => Self::WrongVersion(format!(
                "`{}` is emcc {version}, but the recorded builds come from emcc {PINNED_EMCC}; \
                 install Debian's with `{EMCC_INSTALL}`, or point WORKBOOK_EMCC at emcc {PINNED_EMCC}",
                binary.display()
            )),
            Err(error) => Self::WrongVersion(error),
        }
    }
}

// "emcc (Emscripten gcc/clang-like replacement + linker emulating GNU ld) 3.1.6 ()"
fn version_of(binary: &Path) -> Result<String, String> {
    let output = run_process(
        Command::new(binary)
            .arg("--version")
            .env("NODE_PATH", "/usr/share/nodejs"),
        Some(EMCC_TIME_LIMIT),
    )
    .map_err(|error| format!("{error:#}"))?;
    let first_line = output.stdout.lines().next().unwrap_or_default();
    first_line
        .strip_prefix("emcc (")
        .and_then(|rest| rest.split(") ").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .filter(|_| output.succeeded())
        .map(str::to_owned)
        .ok_or_else(|| {
            format!(
                "`{} --version` did not print an emcc version: {}{}",
                binary.display(),
                first_line.trim(),
                output.stderr.trim()
            )
        })
}

/// What a build of `source` depends on: its text, the module name, the
/// arguments and the emcc version. It keys the cache, and the recorded
/// summary names it, so a record that no longer matches its source is found.
///
/// # Errors
///
/// Fails when the source cannot be read.
pub fn source_key(
    source: &Path,
    shown: &str,
    module: &str,
    args: &[String],
) -> Result<String, StageFailure> {
    let text =
        std::fs::read(source).map_err(|error| failure(format!("reading `{shown}`: {error}")))?;
    Ok(args
        .iter()
        .map(String::as_str)
        .chain(FIXED_FLAGS)
        .fold(
            Fingerprint::default()
                .with(&text)
                .with(module)
                .with(PINNED_EMCC),
            Fingerprint::with,
        )
        .hex())
}

impl Emcc {
    /// Compiles `source` (shown in messages as `shown`) with `args` into
    /// `<module>.wasm` and `<module>.mjs`, or returns the cached pair; the
    /// flag says whether it came from the cache.
    ///
    /// # Errors
    ///
    /// A compile error shows emcc's message, with file, line and column.
    pub fn compile(
        &self,
        source: &Path,
        shown: &str,
        module: &str,
        args: &[String],
    ) -> Result<(EmccOutput, bool), StageFailure> {
        let key = source_key(source, shown, module, args)?;
        let cached = |extension: &str| self.cache_dir.join(format!("{key}.{extension}"));
        if let (Ok(wasm), Ok(glue)) = (
            std::fs::read(cached("wasm")),
            std::fs::read_to_string(cached("mjs")),
        ) {
            return Ok((EmccOutput { wasm, glue }, true));
        }
        // The glue names its module's file, so emcc must write `<module>.mjs`.
        let work = self.cache_dir.join(format!("{key}.{}", unique_suffix()));
        std::fs::create_dir_all(&work)
            .map_err(|error| failure(format!("creating `{}`: {error}", work.display())))?;
        let produced = self.run(source, shown, &work.join(format!("{module}.mjs")), args);
        let _ = std::fs::remove_dir_all(&work);
        let output = produced?;
        write_atomically(&cached("wasm"), &output.wasm)
            .and_then(|()| write_atomically(&cached("mjs"), output.glue.as_bytes()))
            .map_err(|error| failure(format!("{error:#}")))?;
        Ok((output, false))
    }

    fn run(
        &self,
        source: &Path,
        shown: &str,
        glue: &Path,
        args: &[String],
    ) -> Result<EmccOutput, StageFailure> {
        let mut command = Command::new(&self.binary);
        command
            .env("NODE_PATH", "/usr/share/nodejs")
            .arg(source)
            .args(args)
            .args(FIXED_FLAGS)
            .arg("-o")
            .arg(glue);
        let output = run_process(&mut command, Some(EMCC_TIME_LIMIT))
            .map_err(|error| failure(format!("{error:#}")))?;
        if !output.succeeded() {
            let messages = format!("{}{}", output.stdout, output.stderr);
            return Err(failure(format!(
                "emcc {PINNED_EMCC} could not compile `{shown}`:\n{}",
                messages
                    .replace(&source.display().to_string(), shown)
                    .trim_end()
            )));
        }
        let read = |path: &Path| {
            std::fs::read(path).map_err(|error| {
                failure(format!(
                    "reading emcc's output `{}`: {error}",
                    path.display()
                ))
            })
        };
        let glue_text = String::from_utf8(read(glue)?)
            .map_err(|_| failure("emcc's glue is not UTF-8".into()))?;
        Ok(EmccOutput {
            wasm: read(&glue.with_extension("wasm"))?,
            glue: glue_text,
        })
    }
}

fn failure(message: String) -> StageFailure {
    StageFailure::new(
        Stage::Parse,
        message,
        "fix the C at the line and column shown, or the `emcc` arguments in chapter.toml",
    )
}
