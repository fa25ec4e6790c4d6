//! The recorded build of a `.c` module, kept in `snapshots/` like a lock
//! file: `<module>.recorded.wasm` and `<module>.recorded.mjs`. A machine
//! without emcc runs it; a machine with emcc checks every rebuild against it.

use std::path::PathBuf;

use crate::files::write_atomically;
use crate::names::{Name, SuiteId};
use crate::verdict::{Stage, StageFailure};
use crate::workbook::Workbook;

use super::emcc::{EMCC_INSTALL, EmccOutput};

/// Where one module's recorded build lives.
pub struct RecordedBuild {
    wasm: PathBuf,
    glue: PathBuf,
    shown_wasm: String,
    shown_glue: String,
}

impl RecordedBuild {
    pub fn new(workbook: &Workbook, suite: &SuiteId, module: &Name) -> Self {
        let dir = workbook.snapshots_dir().join(suite.relative_dir());
        let wasm = dir.join(format!("{module}.recorded.wasm"));
        let glue = dir.join(format!("{module}.recorded.mjs"));
        Self {
            shown_wasm: workbook.shown(&wasm),
            shown_glue: workbook.shown(&glue),
            wasm,
            glue,
        }
    }

    /// The recorded build, for a machine where emcc cannot run (`reason`).
    pub fn read(&self, reason: &str) -> Result<EmccOutput, StageFailure> {
        match (
            std::fs::read(&self.wasm),
            std::fs::read_to_string(&self.glue),
        ) {
            (Ok(wasm), Ok(glue)) => Ok(EmccOutput { wasm, glue }),
            _ => Err(StageFailure::new(
                Stage::Parse,
                format!(
                    "there is no recorded build (`{}` and `{}`), and emcc cannot run: {reason}",
                    self.shown_wasm, self.shown_glue
                ),
                format!(
                    "install emcc with `{EMCC_INSTALL}`, then record the build with `--accept`"
                ),
            )),
        }
    }

    /// Checks `built` against the record, or records it with `accept`; the
    /// step's detail on success.
    pub fn check(&self, built: &EmccOutput, accept: bool) -> Result<String, StageFailure> {
        let recorded = self.read("").ok();
        if recorded.as_ref() == Some(built) {
            return Ok(format!("matches `{}`", self.shown_wasm));
        }
        if accept {
            write_atomically(&self.wasm, &built.wasm)
                .and_then(|()| write_atomically(&self.glue, built.glue.as_bytes()))
                .map_err(|error| stale(format!("{error:#}")))?;
            return Ok(format!(
                "recorded `{}` and `{}`",
                self.shown_wasm, self.shown_glue
            ));
        }
        Err(stale(match recorded {
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
}

fn stale(message: String) -> StageFailure {
    StageFailure::new(
        Stage::Snapshot,
        message,
        "if the change to the C or its flags is intended, record the new build with `--accept` and review `git diff snapshots/`",
    )
}
