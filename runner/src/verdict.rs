//! The stages a variant passes through, and the verdict on it. A learner's
//! failure is a value here, never a panic or a tool error.

mod cause;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use cause::FailureCause;

/// A step of the pipeline, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// Source text to a binary module (WAT, or C through a foreign builder).
    Parse,
    /// The binary module against the WebAssembly type rules.
    Validate,
    /// binaryen's wasm-opt, for modules that ask for passes.
    WasmOpt,
    /// A built module against its committed snapshot.
    Snapshot,
    /// The harness on its engine (a pinned Node, or Chromium).
    Harness,
    /// The harness's log against the expected log.
    Log,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: [Self; 6] = [
        Self::Parse,
        Self::Validate,
        Self::WasmOpt,
        Self::Snapshot,
        Self::Harness,
        Self::Log,
    ];

    /// The stage's name, as reports and manifests spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Parse => "parse",
            Self::Validate => "validate",
            Self::WasmOpt => "wasm-opt",
            Self::Snapshot => "snapshot",
            Self::Harness => "harness",
            Self::Log => "log",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Stage {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|stage| stage.as_str() == text)
            .ok_or_else(|| {
                let known: Vec<&str> = Self::ALL.iter().map(|stage| stage.as_str()).collect();
                format!("unknown stage `{text}` (stages: {})", known.join(", "))
            })
    }
}

/// Why a variant failed: the stage, its cause, what happened, and what to try.
#[derive(Debug, Clone, Serialize)]
pub struct StageFailure {
    /// Where it failed.
    pub stage: Stage,
    /// What happened, as a value: what reports and graders render from
    /// (boxed: most failures pass through `Result`s, which stay small).
    pub cause: Box<FailureCause>,
    /// What happened, with file, line and column where there are some.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl StageFailure {
    /// A failure at `stage` that its message tells whole.
    pub fn new(stage: Stage, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::caused(stage, FailureCause::Described, message, hint)
    }

    /// A failure at `stage` for `cause`.
    pub fn caused(
        stage: Stage,
        cause: FailureCause,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            stage,
            cause: Box::new(cause),
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// The failure with what the harness wrote to `stderr` kept in its cause.
    #[must_use]
    pub fn with_stderr(mut self, stderr: &str) -> Self {
        self.cause = Box::new(self.cause.with_stderr(stderr));
        self
    }

    /// The message, then what the harness wrote to stderr when the cause keeps it.
    pub fn text(&self) -> String {
        match self.cause.stderr() {
            Some(stderr) => format!(
                "{}\nthe harness wrote to stderr:\n{}",
                self.message.trim_end(),
                stderr.trim_end()
            ),
            None => self.message.clone(),
        }
    }
}

/// A stage that passed, and what it did.
#[derive(Debug, Clone, Serialize)]
pub struct StageStep {
    /// The stage.
    pub stage: Stage,
    /// What it did, e.g. the file it parsed or the cache it used.
    pub detail: String,
    /// Whether the step wrote a snapshot or a recorded build.
    #[serde(skip)]
    pub recorded: bool,
}

impl StageStep {
    /// A passed `stage`.
    pub fn new(stage: Stage, detail: impl Into<String>) -> Self {
        Self {
            stage,
            detail: detail.into(),
            recorded: false,
        }
    }

    /// A passed `stage` that recorded `what` (a file or files, as shown).
    pub fn recorded(stage: Stage, what: &str) -> Self {
        Self {
            stage,
            detail: format!("recorded {what}"),
            recorded: true,
        }
    }
}

/// The verdict on one variant.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Verdict {
    /// Every stage passed.
    Passed,
    /// A stage failed.
    Failed(StageFailure),
    /// Not run, for a reason (a Node-only variant in a browser run).
    Skipped {
        /// Why not.
        reason: String,
    },
}

impl Verdict {
    /// True unless a stage failed: a skipped variant does not fail its chapter.
    pub fn is_ok(&self) -> bool {
        !matches!(self, Self::Failed(_))
    }

    /// The failure, when a stage failed.
    pub fn failure(&self) -> Option<&StageFailure> {
        match self {
            Self::Failed(failure) => Some(failure),
            _ => None,
        }
    }
}

impl From<Result<(), StageFailure>> for Verdict {
    fn from(result: Result<(), StageFailure>) -> Self {
        result.map_or_else(Self::Failed, |()| Self::Passed)
    }
}
