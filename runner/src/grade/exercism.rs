//! One student's grades as the `results.json` of exercism's test-runner
//! interface, version 3:
//! <https://exercism.org/docs/building/tooling/test-runners/interface>.

use serde::Serialize;

use super::{Status, StudentReport};

/// The whole `results.json`.
#[derive(Debug, Serialize)]
pub struct ExercismResults {
    /// Always 3: every test is named and carries its own status.
    pub version: u8,
    /// `pass` when every test passed, `error` when none could be checked, `fail` otherwise.
    pub status: &'static str,
    /// Only with `error`: every reason, one per line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Every exercise, in workbook order.
    pub tests: Vec<ExercismTest>,
}

/// One exercise.
#[derive(Debug, Serialize)]
pub struct ExercismTest {
    /// The exercise's name.
    pub name: String,
    /// `pass`, `fail` (checked and wrong, or not submitted) or `error`.
    pub status: &'static str,
    /// Why it did not pass.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The command that runs this check in the workbook.
    pub test_code: String,
}

/// `student`'s grades in exercism's format.
pub fn exercism_results(student: &StudentReport) -> ExercismResults {
    let tests: Vec<ExercismTest> = student
        .exercises
        .iter()
        .map(|exercise| ExercismTest {
            name: exercise.name.clone(),
            status: match exercise.status {
                Status::Pass => "pass",
                Status::Fail | Status::NotSubmitted => "fail",
                Status::Error => "error",
            },
            message: exercise.reason.clone(),
            test_code: format!("cargo run -p runner -- exercise {}", exercise.name),
        })
        .collect();
    let all = |status: Status| student.exercises.iter().all(|e| e.status == status);
    let (status, message) = if all(Status::Pass) {
        ("pass", None)
    } else if !tests.is_empty() && all(Status::Error) {
        let reasons: Vec<&str> = student
            .exercises
            .iter()
            .filter_map(|exercise| exercise.reason.as_deref())
            .collect();
        ("error", Some(reasons.join("\n")))
    } else {
        ("fail", None)
    };
    ExercismResults {
        version: 3,
        status,
        message,
        tests,
    }
}
