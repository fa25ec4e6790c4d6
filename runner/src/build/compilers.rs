//! The compilers the workbook does not ship, each found on first use: a run
//! that builds no Rust or C never starts them. A new compiler is one
//! description file and one entry in [`COMPILERS`].

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::workbook::Suite;

use super::emcc::EMCC;
use super::pinned::{Availability, PinnedCompiler};
use super::rustc::RUSTC;

/// Every pinned compiler, each building the sources with its extension.
pub static COMPILERS: [&PinnedCompiler; 2] = [&RUSTC, &EMCC];

/// The compiler that builds sources ending in `extension`, if one does.
pub fn compiler_for(extension: &str) -> Option<&'static PinnedCompiler> {
    COMPILERS
        .into_iter()
        .find(|compiler| compiler.extension == extension)
}

/// Every pinned compiler, looked up (version check included) when first needed.
#[derive(Debug, Clone)]
pub struct Compilers {
    cache_root: PathBuf,
    found: [OnceLock<Availability>; COMPILERS.len()],
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
            found: Default::default(),
        }
    }

    /// `compiler`, ready, or why it is not.
    pub fn get(&self, compiler: &'static PinnedCompiler) -> &Availability {
        let index = COMPILERS
            .iter()
            .position(|known| known.tool == compiler.tool)
            .expect("every compiler is listed in COMPILERS");
        self.found[index]
            .get_or_init(|| compiler.find(self.cache_root.join(format!("{}-cache", compiler.tool))))
    }

    /// Why sources ending in `extension` cannot be compiled here; `None` for
    /// WAT and for a compiler that is ready.
    pub fn unavailable(&self, extension: &str) -> Option<Unavailable<'_>> {
        match self.get(compiler_for(extension)?) {
            Availability::Ready(_) => None,
            Availability::Missing(reason) => Some(Unavailable {
                missing: true,
                reason,
            }),
            Availability::WrongVersion(reason) => Some(Unavailable {
                missing: false,
                reason,
            }),
        }
    }

    /// One line per compiler that `suites` need and that is not installed,
    /// saying that their modules run from the recorded builds.
    pub fn recorded_build_notices(&self, suites: &[Suite]) -> Vec<String> {
        COMPILERS
            .into_iter()
            .filter(|compiler| suites.iter().any(|suite| suite_builds(suite, compiler)))
            // Only whether it is installed: the version check (seconds for
            // emcc) waits for the first build that needs the compiler.
            .filter_map(|compiler| {
                let reason = compiler.missing()?;
                Some(format!(
                    "{reason}: {} modules run from their recorded builds",
                    compiler.language
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

/// True when some module of `suite` is built by `compiler`.
fn suite_builds(suite: &Suite, compiler: &PinnedCompiler) -> bool {
    (suite.manifest.modules.iter()).any(|m| {
        m.source
            .extension()
            .is_some_and(|e| e == compiler.extension)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::BUILDABLE_EXTENSIONS;

    #[test]
    fn every_compiler_builds_an_extension_the_manifest_accepts_and_no_other_does() {
        for compiler in COMPILERS {
            assert!(
                BUILDABLE_EXTENSIONS.contains(&compiler.extension),
                "add `{}` to BUILDABLE_EXTENSIONS in manifest.rs",
                compiler.extension
            );
            assert_eq!(
                compiler_for(compiler.extension).unwrap().tool,
                compiler.tool
            );
        }
    }
}
