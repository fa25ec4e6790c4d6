//! A compiler the workbook does not ship, pinned to one version: found at
//! its default path (or the one an environment variable names), its version
//! checked, and its output cached on disk under a fingerprint of everything
//! a build depends on. Each compiler is a [`PinnedCompiler`] description
//! (see `rustc.rs` and `emcc.rs`); this file holds what they share.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::files::{unique_suffix, write_atomically};
use crate::fingerprint::Fingerprint;
use crate::manifest::ModuleSpec;
use crate::process::run_process;
use crate::verdict::{Stage, StageFailure};

/// How a compiler's build is recorded in `snapshots/`, and so how a machine
/// without the compiler runs the module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// `<module>.compiled.snap` holds the module printed as WAT; without the
    /// compiler, the module is assembled from that text.
    PrintedWat,
    /// `<module>.recorded.wasm` (and `.recorded.mjs`, its glue) hold the
    /// bytes, and `<module>.compiled.snap` a summary for review; without the
    /// compiler, the recorded bytes run.
    BuildFiles,
}

/// Everything the shared policy needs to know about one pinned compiler.
#[derive(Debug)]
pub struct PinnedCompiler {
    /// The program, as messages name it: "rustc".
    pub tool: &'static str,
    /// The language of its sources, as messages name it: "Rust".
    pub language: &'static str,
    /// The extension of the sources it builds: "rs".
    pub extension: &'static str,
    /// The version whose output the recorded builds hold.
    pub version: &'static str,
    /// Where Debian installs it.
    pub default_binary: &'static str,
    /// The environment variable that names another binary.
    pub binary_variable: &'static str,
    /// The command that installs it.
    pub install: &'static str,
    /// Environment variables every run of it needs.
    pub env: &'static [(&'static str, &'static str)],
    /// How long one run may take.
    pub time_limit: Duration,
    /// How its builds are recorded.
    pub record: RecordKind,
    /// True when it writes an ES-module glue `<module>.mjs` beside the wasm.
    pub glue: bool,
    /// The hint shown with a compile error.
    pub fix_hint: &'static str,
    /// The version in the first line `--version` prints, if it is there.
    pub parse_version: fn(&str) -> Option<&str>,
    /// What a build depends on besides the source text and the version:
    /// a name for the build (hashed before the version) and the flags (after it).
    pub key_inputs: fn(&CompileJob<'_>) -> (String, Vec<String>),
    /// The arguments that compile `job.source` into `output`.
    pub arguments: fn(&CompileJob<'_>, output: &Path) -> Vec<OsString>,
}

/// One compile: the source, how the workbook shows it, and its module.
#[derive(Debug, Clone, Copy)]
pub struct CompileJob<'a> {
    /// The file compiled (maybe a scratch copy of the workbook's).
    pub source: &'a Path,
    /// The source's path as messages and records show it.
    pub shown: &'a str,
    /// The module being built.
    pub module: &'a ModuleSpec,
}

/// A compiler, looked up: ready, or why sources cannot be compiled here.
#[derive(Debug, Clone)]
pub enum Availability {
    /// The pinned version is installed.
    Ready(ReadyCompiler),
    /// Not installed: modules run from their recorded builds.
    Missing(String),
    /// Another version: its output would not match the recorded builds.
    WrongVersion(String),
}

/// A runnable compiler of the pinned version, with its cache.
#[derive(Debug, Clone)]
pub struct ReadyCompiler {
    compiler: &'static PinnedCompiler,
    binary: PathBuf,
    cache_dir: PathBuf,
}

/// What a compiler made of one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompilerOutput {
    /// The module.
    pub wasm: Vec<u8>,
    /// Its JavaScript glue, for compilers that make one.
    pub glue: Option<String>,
}

impl PinnedCompiler {
    /// Finds the binary (the environment variable, or the default path) and
    /// checks its version; a ready compiler caches under `cache_dir`.
    pub fn find(&'static self, cache_dir: PathBuf) -> Availability {
        let binary = self.binary();
        let (tool, pinned, install) = (self.tool, self.version, self.install);
        if let Some(reason) = self.missing() {
            return Availability::Missing(reason);
        }
        match self.version_of(&binary) {
            Ok(version) if version == pinned => Availability::Ready(ReadyCompiler {
                compiler: self,
                binary,
                cache_dir,
            }),
            Ok(version) => Availability::WrongVersion(format!(
                "`{}` is {tool} {version}, but the recorded builds come from {tool} {pinned}; \
                 install Debian's with `{install}`, or point {} at {tool} {pinned}",
                binary.display(),
                self.binary_variable
            )),
            Err(error) => Availability::WrongVersion(error),
        }
    }

    /// Why the compiler is not installed, or `None` when its binary exists.
    /// Cheap (no version check), for notices given before any build starts.
    pub fn missing(&self) -> Option<String> {
        let binary = self.binary();
        (!binary.is_file()).then(|| {
            format!(
                "`{}` is not installed ({} {}; install it with `{}`)",
                binary.display(),
                self.tool,
                self.version,
                self.install
            )
        })
    }

    fn binary(&self) -> PathBuf {
        std::env::var_os(self.binary_variable)
            .map_or_else(|| PathBuf::from(self.default_binary), PathBuf::from)
    }

    fn version_of(&self, binary: &Path) -> Result<String, String> {
        let mut command = Command::new(binary);
        command.arg("--version").envs(self.env.iter().copied());
        let output = run_process(&mut command, Some(self.time_limit))
            .map_err(|error| format!("{error:#}"))?;
        let first_line = output.stdout.lines().next().unwrap_or_default();
        (self.parse_version)(first_line)
            .filter(|_| output.succeeded())
            .map(str::to_owned)
            .ok_or_else(|| {
                let article = if self.tool.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                format!(
                    "`{} --version` did not print {article} {} version: {}{}",
                    binary.display(),
                    self.tool,
                    first_line.trim(),
                    output.stderr.trim()
                )
            })
    }

    /// What a build of `job.source` depends on: its text, the compiler's
    /// inputs and version. It keys the cache, and the record names it, so a
    /// record that no longer matches its source is found.
    ///
    /// # Errors
    ///
    /// Fails when the source cannot be read.
    pub fn source_key(&self, job: &CompileJob<'_>) -> Result<String, StageFailure> {
        let text = std::fs::read(job.source)
            .map_err(|error| self.failure(format!("reading `{}`: {error}", job.shown)))?;
        let (name, flags) = (self.key_inputs)(job);
        let key = Fingerprint::default()
            .with(&text)
            .with(name)
            .with(self.version);
        Ok(flags.iter().fold(key, Fingerprint::with).hex())
    }

    /// The file the compiler writes for `module` inside `dir`: the glue
    /// `<module>.mjs` for a compiler that makes one, else `<module>.wasm`.
    fn output_in(&self, dir: &Path, module: &ModuleSpec) -> PathBuf {
        let extension = if self.glue { "mjs" } else { "wasm" };
        dir.join(format!("{}.{extension}", module.name))
    }

    fn failure(&self, message: String) -> StageFailure {
        StageFailure::new(Stage::Parse, message, self.fix_hint)
    }
}

impl ReadyCompiler {
    /// Compiles `job`'s source, or returns the cached output; the flag says
    /// whether it came from the cache.
    ///
    /// # Errors
    ///
    /// A compile error shows the compiler's messages, with file, line and column.
    pub fn compile(&self, job: &CompileJob<'_>) -> Result<(CompilerOutput, bool), StageFailure> {
        let compiler = self.compiler;
        let key = compiler.source_key(job)?;
        let cached = |extension: &str| self.cache_dir.join(format!("{key}.{extension}"));
        if let Ok(output) = self.read_output(&cached("wasm"), &cached("mjs")) {
            return Ok((output, true));
        }
        // Glue names its module's file, so the compiler writes into a folder of its own.
        let work = self.cache_dir.join(format!("{key}.{}", unique_suffix()));
        std::fs::create_dir_all(&work)
            .map_err(|error| compiler.failure(format!("creating `{}`: {error}", work.display())))?;
        let output = compiler.output_in(&work, job.module);
        let produced = self.run(job, &output);
        let _ = std::fs::remove_dir_all(&work);
        let produced = produced?;
        write_atomically(&cached("wasm"), &produced.wasm)
            .and_then(|()| match &produced.glue {
                Some(glue) => write_atomically(&cached("mjs"), glue.as_bytes()),
                None => Ok(()),
            })
            .map_err(|error| compiler.failure(format!("{error:#}")))?;
        Ok((produced, false))
    }

    fn run(&self, job: &CompileJob<'_>, output: &Path) -> Result<CompilerOutput, StageFailure> {
        let compiler = self.compiler;
        let mut command = Command::new(&self.binary);
        command
            .envs(compiler.env.iter().copied())
            .args((compiler.arguments)(job, output));
        let ran = run_process(&mut command, Some(compiler.time_limit))
            .map_err(|error| compiler.failure(format!("{error:#}")))?;
        if !ran.succeeded() {
            let messages = format!("{}{}", ran.stdout, ran.stderr);
            return Err(compiler.failure(format!(
                "{} {} could not compile `{}`:\n{}",
                compiler.tool,
                compiler.version,
                job.shown,
                messages
                    .replace(&job.source.display().to_string(), job.shown)
                    .trim_end()
            )));
        }
        self.read_output(&output.with_extension("wasm"), output)
    }

    /// The module at `wasm` and, for a compiler that makes glue, the glue at `glue`.
    fn read_output(&self, wasm: &Path, glue: &Path) -> Result<CompilerOutput, StageFailure> {
        let compiler = self.compiler;
        let read = |path: &Path| {
            std::fs::read(path).map_err(|error| {
                compiler.failure(format!(
                    "reading {}'s output `{}`: {error}",
                    compiler.tool,
                    path.display()
                ))
            })
        };
        let glue = if compiler.glue {
            let text = String::from_utf8(read(glue)?)
                .map_err(|_| compiler.failure(format!("{}'s glue is not UTF-8", compiler.tool)))?;
            Some(text)
        } else {
            None
        };
        Ok(CompilerOutput {
            wasm: read(wasm)?,
            glue,
        })
    }
}
