//! The grades of a class as terminal text.

use std::fmt::Write as _;

use super::{ClassReport, Status};

impl ClassReport {
    /// The grades as terminal text, ending with `N passed, N failed`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for student in &self.students {
            let total = student.passed + student.failed;
            let _ = writeln!(out, "{}: {}/{total} passed", student.name, student.passed);
            for exercise in &student.exercises {
                let label = match exercise.status {
                    Status::Pass => "ok   ",
                    Status::Fail => "FAIL ",
                    Status::Error => "ERROR",
                    Status::NotSubmitted => "MISS ",
                };
                match &exercise.reason {
                    Some(reason) => {
                        let _ = writeln!(out, "  {label} {}  ({reason})", exercise.name);
                    }
                    None => {
                        let _ = writeln!(out, "  {label} {}", exercise.name);
                    }
                }
            }
        }
        let _ = writeln!(out, "per exercise:");
        for tally in &self.exercises {
            let total = tally.passed + tally.failed;
            let _ = writeln!(out, "  {}: {}/{total} students", tally.name, tally.passed);
        }
        let _ = writeln!(out, "{} passed, {} failed", self.passed, self.failed);
        out
    }
}
