//! One student's grades as the `results.json` of Gradescope's autograder
//! specification: <https://gradescope-autograders.readthedocs.io/en/latest/specs/>.

use serde::Serialize;

use super::{Status, StudentReport};

/// The whole `results.json`: one test per exercise, one point each.
#[derive(Debug, Serialize)]
pub struct GradescopeResults {
    /// Points over all tests (the spec lets it override their total; here it equals it).
    pub score: f64,
    /// A line for the whole submission.
    pub output: String,
    /// `text`: the reasons hold backticks and angle brackets, not markup.
    pub output_format: &'static str,
    /// Students see every test at once: the checks are the ones they run themselves.
    pub visibility: &'static str,
    /// Every exercise, in workbook order.
    pub tests: Vec<GradescopeTest>,
}

/// One exercise.
#[derive(Debug, Serialize)]
pub struct GradescopeTest {
    /// The exercise's name.
    pub name: String,
    /// 1 when it passed, 0 otherwise.
    pub score: f64,
    /// 1.
    pub max_score: f64,
    /// `passed` or `failed`.
    pub status: &'static str,
    /// What the student reads: `passed`, or why not.
    pub output: String,
}

/// `student`'s grades in Gradescope's format.
pub fn gradescope_results(student: &StudentReport) -> GradescopeResults {
    let tests: Vec<GradescopeTest> = student
        .exercises
        .iter()
        .map(|exercise| {
            let passed = exercise.status == Status::Pass;
            GradescopeTest {
                name: exercise.name.clone(),
                score: if passed { 1.0 } else { 0.0 },
                max_score: 1.0,
                status: if passed { "passed" } else { "failed" },
                output: exercise
                    .reason
                    .clone()
                    .unwrap_or_else(|| "passed".to_string()),
            }
        })
        .collect();
    GradescopeResults {
        score: tests.iter().map(|test| test.score).sum(),
        output: format!(
            "{} of {} exercises passed; check one yourself with `cargo run -p runner -- exercise <name>`",
            student.passed,
            tests.len()
        ),
        output_format: "text",
        visibility: "visible",
        tests,
    }
}
