//! The stages a variant passes through, and how a learner's failure in one is
//! reported: as a value, never as a panic or a tool error.

use std::fmt;

use serde::Serialize;

/// A step of the pipeline, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// WAT text to a binary module.
    Parse,
    /// The binary module against the WebAssembly type rules.
    Validate,
    /// binaryen's wasm-opt, for modules that ask for passes.
    WasmOpt,
    /// The instrumented module's text against its committed snapshot.
    Snapshot,
    /// The harness under the pinned Node.
    Harness,
    /// The harness's log against the expected log.
    Log,
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Parse => "parse",
            Self::Validate => "validate",
            Self::WasmOpt => "wasm-opt",
            Self::Snapshot => "snapshot",
            Self::Harness => "harness",
            Self::Log => "log",
        })
    }
}

/// Why a variant failed: the stage, what happened, and what to try.
#[derive(Debug, Clone, Serialize)]
pub struct StageFailure {
    /// Where it failed.
    pub stage: Stage,
    /// What happened, with file, line and column where there are some.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl StageFailure {
    /// A failure at `stage`.
    pub fn new(stage: Stage, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            stage,
            message: message.into(),
            hint: hint.into(),
        }
    }
}
