//! What grading reports: a status and a reason per student and exercise, and
//! the class's tallies.

use serde::Serialize;

use crate::exercise::Exercise;

/// How one exercise of one student (or a whole student) came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The check passed.
    Pass,
    /// The submission was checked and failed: wrong log, thrown error, trap.
    Fail,
    /// The submission could not be checked: not a plain file, a link, too large, a
    /// tool failure; or its job did not end by itself: it hung, was stopped, ran
    /// out of memory or was killed.
    Error,
    /// The file is not in the student's folder.
    NotSubmitted,
}

/// The grades of a whole class.
#[derive(Debug, Serialize)]
pub struct ClassReport {
    /// One entry per student folder, sorted by name.
    pub students: Vec<StudentReport>,
    /// How many students passed each exercise, in workbook order.
    pub exercises: Vec<ExerciseTally>,
    /// Passed exercises, over all students.
    pub passed: usize,
    /// Exercises not passed (failed, errors, not submitted), over all students.
    pub failed: usize,
}

/// One student's grades.
#[derive(Debug, Serialize)]
pub struct StudentReport {
    /// The student's folder name.
    pub name: String,
    /// `pass` when every exercise passed, `not_submitted` when none was
    /// handed in, `error` when one could not be checked, `fail` otherwise.
    pub status: Status,
    /// How many exercises passed.
    pub passed: usize,
    /// How many did not.
    pub failed: usize,
    /// Every exercise, in workbook order.
    pub exercises: Vec<GradedExercise>,
}

/// One exercise of one student.
#[derive(Debug, Clone, Serialize)]
pub struct GradedExercise {
    /// The exercise's name.
    pub name: String,
    /// How it came out.
    pub status: Status,
    /// Why it did not pass: the stage, the cause, and `file:line:col` where known.
    pub reason: Option<String>,
}

/// How one exercise went across the class.
#[derive(Debug, Serialize)]
pub struct ExerciseTally {
    /// The exercise's name.
    pub name: String,
    /// Students who passed it.
    pub passed: usize,
    /// Students who did not.
    pub failed: usize,
}

pub(super) fn student_report(name: &str, exercises: Vec<GradedExercise>) -> StudentReport {
    let count = |status| exercises.iter().filter(|e| e.status == status).count();
    let passed = count(Status::Pass);
    let status = if passed == exercises.len() {
        Status::Pass
    } else if count(Status::NotSubmitted) == exercises.len() {
        Status::NotSubmitted
    } else if count(Status::Error) > 0 {
        Status::Error
    } else {
        Status::Fail
    };
    StudentReport {
        name: name.to_string(),
        status,
        failed: exercises.len() - passed,
        passed,
        exercises,
    }
}

pub(super) fn class_report(students: Vec<StudentReport>, exercises: &[Exercise]) -> ClassReport {
    let exercises = exercises
        .iter()
        .enumerate()
        .map(|(index, exercise)| {
            let passed = students
                .iter()
                .filter(|student| student.exercises[index].status == Status::Pass)
                .count();
            ExerciseTally {
                name: exercise.name.to_string(),
                passed,
                failed: students.len() - passed,
            }
        })
        .collect();
    ClassReport {
        passed: students.iter().map(|student| student.passed).sum(),
        failed: students.iter().map(|student| student.failed).sum(),
        students,
        exercises,
    }
}
