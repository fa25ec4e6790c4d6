//! Why a variant failed, as a value: what the engine and the judge found,
//! carried unchanged to the report, the grader and the watch screen, so no
//! one parses the runner's prose back into facts.

use serde::Serialize;

/// The cause of a [`super::StageFailure`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FailureCause {
    /// Told by the message alone: a build stage, or an engine that could not start.
    Described,
    /// The log differs from the expected log.
    LogDiffers {
        /// The first line that was expected and did not come (empty when none).
        expected: String,
        /// The first line that came and was not expected (empty when none).
        actual: String,
        /// What the harness wrote to stderr: it often says why.
        stderr: String,
    },
    /// There is no expected log to compare with yet.
    NoExpectedLog,
    /// The log matched, but the drawing of the trace differs from its snapshot.
    DrawingDiffers,
    /// The harness threw (a host's `harness-threw` record).
    HarnessThrew {
        /// The error's name and message.
        error: String,
        /// The first place in the lesson's files its stack names.
        location: Option<String>,
        /// The whole stack.
        stack: String,
        /// What else the harness wrote to stderr.
        stderr: String,
    },
    /// Node's permission model refused the harness an access (a `refused` record).
    Refused {
        /// The error's name and message.
        error: String,
        /// The missing permission.
        permission: Option<String>,
        /// What the harness tried to reach.
        resource: Option<String>,
    },
    /// The run passed its time limit and was killed.
    TimedOut {
        /// The limit, in seconds.
        limit_secs: u64,
    },
    /// `run(host)` awaited a promise nothing could settle.
    NeverSettled,
    /// The process ended before `run(host)` finished.
    EndedEarly,
    /// The output passed the runner's cap, so the log cannot be checked.
    OutputCapped {
        /// The streams that passed it: `stdout`, `stderr`.
        streams: Vec<String>,
    },
    /// The engine was killed by a signal, or the browser crashed.
    KilledBySignal,
    /// A graded run ran out of the memory its OS sandbox allows.
    OutOfMemory,
    /// A line of a graded run's output was not written (signed) by the host:
    /// student code wrote to stdout itself, or patched what the host writes with.
    ForgedOutput,
}

impl FailureCause {
    /// What the harness wrote to stderr, when the cause keeps it.
    pub fn stderr(&self) -> Option<&str> {
        match self {
            Self::LogDiffers { stderr, .. } | Self::HarnessThrew { stderr, .. } => {
                Some(stderr.as_str()).filter(|text| !text.trim().is_empty())
            }
            _ => None,
        }
    }

    /// Keeps `stderr` with a cause that can say it.
    #[must_use]
    pub fn with_stderr(self, stderr: &str) -> Self {
        let stderr = stderr.trim_end().to_string();
        match self {
            Self::LogDiffers {
                expected, actual, ..
            } => Self::LogDiffers {
                expected,
                actual,
                stderr,
            },
            Self::HarnessThrew {
                error,
                location,
                stack,
                ..
            } => Self::HarnessThrew {
                error,
                location,
                stack,
                stderr,
            },
            other => other,
        }
    }
}
