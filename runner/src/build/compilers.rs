//! The compilers the workbook does not ship (rustc for `.rs`, emcc for `.c`),
//! each found on first use: a run that builds no Rust or C never starts them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::workbook::Suite;

use super::emcc::CCompiler;
use super::rustc::RustCompiler;

/// Each compiler's name and the source extension it builds.
pub const COMPILERS: [(&str, &str); 2] = [("rustc", "rs"), ("emcc", "c")];

/// rustc and emcc, looked up (version check included) when first needed.
#[derive(Debug, Clone)]
pub struct Compilers {
    cache_root: PathBuf,
    rustc: OnceLock<RustCompiler>,
    emcc: OnceLock<CCompiler>,
}

/// Why a source cannot be compiled here.
#[derive(Debug, Clone, Copy)]
pub struct Unavailable<'a> {
    /// True when the compiler is not installed; false when it is another version.
    pub missing: bool,
    /// What is wrong and how to install the pinned version.
    pub reason: &'a str,
}

impl Compilers {
    /// Compilers whose caches live under `cache_root` (`target/workbook/`).
    pub fn new(cache_root: PathBuf) -> Self {
        Self {
            cache_root,
            rustc: OnceLock::new(),
            emcc: OnceLock::new(),
        }
    }

    /// The pinned rustc, or why there is none.
    pub fn rustc(&self) -> &RustCompiler {
        self.rustc
            .get_or_init(|| RustCompiler::find(self.cache_root.join("rustc-cache")))
    }

    /// The pinned emcc, or why there is none.
    pub fn emcc(&self) -> &CCompiler {
        self.emcc
            .get_or_init(|| CCompiler::find(self.cache_root.join("emcc-cache")))
    }

    /// Why sources ending in `extension` cannot be compiled here; `None` for
    /// WAT and for a compiler that is ready.
    pub fn unavailable(&self, extension: &str) -> Option<Unavailable<'_>> {
        let (missing, reason) = match extension {
            "rs" => match self.rustc() {
                RustCompiler::Ready(_) => return None,
                RustCompiler::Missing(reason) => (true, reason),
                RustCompiler::WrongVersion(reason) => (false, reason),
            },
            "c" => match self.emcc() {
                CCompiler::Ready(_) => return None,
                CCompiler::Missing(reason) => (true, reason),
                CCompiler::WrongVersion(reason) => (false, reason),
            },
            _ => return None,
        };
        Some(Unavailable { missing, reason })
    }

    /// One line per compiler that `suites` need and that is not installed,
    /// saying that their modules run from the recorded builds.
    pub fn recorded_build_notices(&self, suites: &[Suite]) -> Vec<String> {
        COMPILERS
            .into_iter()
            .filter(|(_, extension)| suites.iter().any(|suite| suite_builds(suite, extension)))
            .filter_map(|(tool, extension)| {
                let unavailable = self.unavailable(extension).filter(|u| u.missing)?;
                let language = if tool == "rustc" { "Rust" } else { "C" };
                Some(format!(
                    "{}: {language} modules run from their recorded builds",
                    unavailable.reason
                ))
            })
            .collect()
    }

    /// Why a change to `file` of `suite` could not be built here: it is a
    /// source (or the manifest of sources) whose compiler is missing or of
    /// another version, so the recorded build would run instead.
    pub fn cannot_rebuild(&self, suite: &Suite, file: &Path) -> Option<Unavailable<'_>> {
        let is_manifest = file
            .file_name()
            .is_some_and(|name| name == "chapter.toml" || name == "exercise.toml");
        let sources: Vec<&Path> = if is_manifest {
            (suite.manifest.modules.iter())
                .map(|m| m.source.as_path())
                .collect()
        } else {
            vec![file]
        };
        sources.into_iter().find_map(|source| {
            let extension = source.extension()?.to_str()?;
            self.unavailable(extension)
        })
    }
}

/// True when some module of `suite` is built from a source ending in `extension`.
fn suite_builds(suite: &Suite, extension: &str) -> bool {
    (suite.manifest.modules.iter()).any(|m| m.source.extension().is_some_and(|e| e == extension))
}
