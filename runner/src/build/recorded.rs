//! The recorded build of a module whose compiler records [`RecordKind::BuildFiles`],
//! kept in `snapshots/` like a lock file: `<module>.recorded.wasm` and, for
//! a compiler that makes glue, `<module>.recorded.mjs`. A machine without
//! the compiler runs it; a machine with it checks every rebuild against it.
//!
//! [`RecordKind::BuildFiles`]: super::pinned::RecordKind::BuildFiles

use std::path::PathBuf;

use crate::files::write_atomically;
use crate::names::{Name, SuiteId};
use crate::verdict::{Stage, StageFailure, StageStep};
use crate::workbook::Workbook;

use super::pinned::{CompilerOutput, PinnedCompiler};

/// Where one module's recorded build lives.
pub struct RecordedBuild {
    compiler: &'static PinnedCompiler,
    wasm: PathBuf,
    glue: PathBuf,
    shown_wasm: String,
    shown_glue: String,
}

impl RecordedBuild {
    pub fn new(
        workbook: &Workbook,
        suite: &SuiteId,
        module: &Name,
        compiler: &'static PinnedCompiler,
    ) -> Self {
        let dir = workbook.snapshots_dir().join(suite.relative_dir());
        let wasm = dir.join(format!("{module}.recorded.wasm"));
        let glue = dir.join(format!("{module}.recorded.mjs"));
        Self {
            compiler,
            shown_wasm: workbook.shown(&wasm),
            shown_glue: workbook.shown(&glue),
            wasm,
            glue,
        }
    }

    /// The files of the record, as messages name them.
    fn shown_files(&self) -> String {
        if self.compiler.glue {
            format!("`{}` and `{}`", self.shown_wasm, self.shown_glue)
        } else {
            format!("`{}`", self.shown_wasm)
        }
    }

    /// The recorded build, for a machine where the compiler cannot run (`reason`).
    pub fn read(&self, reason: &str) -> Result<CompilerOutput, StageFailure> {
        let glue = self
            .compiler
            .glue
            .then(|| std::fs::read_to_string(&self.glue).ok());
        match (std::fs::read(&self.wasm), glue) {
            (Ok(wasm), None) => Ok(CompilerOutput { wasm, glue: None }),
            (Ok(wasm), Some(Some(glue))) => Ok(CompilerOutput {
                wasm,
                glue: Some(glue),
            }),
            _ => Err(StageFailure::new(
                Stage::Parse,
                format!(
                    "there is no recorded build ({}), and {} cannot run: {reason}",
                    self.shown_files(),
                    self.compiler.tool
                ),
                format!(
                    "install {} with `{}`, then record the build with `--accept`",
                    self.compiler.tool, self.compiler.install
                ),
            )),
        }
    }

    /// Checks `built` against the record, or records it with `accept`; the
    /// step it took on success.
    pub fn check(&self, built: &CompilerOutput, accept: bool) -> Result<StageStep, StageFailure> {
        let recorded = self.read("").ok();
        if recorded.as_ref() == Some(built) {
            return Ok(StageStep::new(
                Stage::Snapshot,
                format!("matches `{}`", self.shown_wasm),
            ));
        }
        if accept {
            write_atomically(&self.wasm, &built.wasm)
                .and_then(|()| match &built.glue {
                    Some(glue) => write_atomically(&self.glue, glue.as_bytes()),
                    None => Ok(()),
                })
                .map_err(|error| self.stale(format!("{error:#}")))?;
            return Ok(StageStep::recorded(Stage::Snapshot, &self.shown_files()));
        }
        Err(self.stale(match recorded {
            None => format!("no recorded build yet at `{}`", self.shown_wasm),
            Some(recorded) if recorded.wasm != built.wasm => format!(
                "the rebuilt module differs from `{}` ({} bytes recorded, {} bytes built)",
                self.shown_wasm,
                recorded.wasm.len(),
                built.wasm.len()
            ),
            Some(_) => format!("the rebuilt glue differs from `{}`", self.shown_glue),
        }))
    }

    fn stale(&self, message: String) -> StageFailure {
        StageFailure::new(
            Stage::Snapshot,
            message,
            format!(
                "if the change to the {} or its flags is intended, record the new build with `--accept` and review `git diff snapshots/`",
                self.compiler.language
            ),
        )
    }
}
