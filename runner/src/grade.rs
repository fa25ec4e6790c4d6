//! `runner grade <class>`: every student's submission, checked exercise by
//! exercise in a scratch copy of the chapters, students in parallel.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Serialize;

use crate::exercise::{Exercise, LearnerFiles};
use crate::parallel::parallel_map;
use crate::report::SuiteReport;
use crate::run::{RunOptions, run_suite};
use crate::scratch::ScratchWorkbook;
use crate::toolchain::Toolchain;
use crate::verdict::Stage;
use crate::workbook::Workbook;

/// The grades of a whole class.
#[derive(Debug, Serialize)]
pub struct ClassReport {
    /// One entry per student folder, sorted by name.
    pub students: Vec<StudentReport>,
    /// How many students passed each exercise, in workbook order.
    pub exercises: Vec<ExerciseTally>,
    /// Passed exercises, over all students.
    pub passed: usize,
    /// Failed exercises, over all students.
    pub failed: usize,
}

/// One student's grades.
#[derive(Debug, Serialize)]
pub struct StudentReport {
    /// The student's folder name.
    pub name: String,
    /// How many exercises passed.
    pub passed: usize,
    /// How many exercises failed.
    pub failed: usize,
    /// Every exercise, in workbook order.
    pub exercises: Vec<GradedExercise>,
}

/// One exercise of one student.
#[derive(Debug, Serialize)]
pub struct GradedExercise {
    /// The exercise's name.
    pub name: String,
    /// True when the submission passed its check.
    pub passed: bool,
    /// Why it failed: the stage and the first line of the message.
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

/// Grades `exercises` for every student folder in `class_dir`. Submissions
/// are only read, and no submission can see a solution.
///
/// # Errors
///
/// Fails when `class_dir` holds no student folders, or on a tool error; a
/// submission that fails, hangs or crashes is a failed exercise instead.
pub fn grade_class(
    workbook: &Workbook,
    toolchain: &Toolchain,
    class_dir: &Path,
    exercises: &[Exercise],
) -> Result<ClassReport> {
    let students = student_folders(class_dir)?;
    let reports: Vec<StudentReport> = parallel_map(&students, |folder| {
        grade_student(workbook, toolchain, folder, exercises)
    })
    .into_iter()
    .collect::<Result<_>>()?;
    let exercises = exercises
        .iter()
        .enumerate()
        .map(|(index, exercise)| {
            let passed = reports
                .iter()
                .filter(|student| student.exercises[index].passed)
                .count();
            ExerciseTally {
                name: exercise.name.to_string(),
                passed,
                failed: reports.len() - passed,
            }
        })
        .collect();
    Ok(ClassReport {
        passed: reports.iter().map(|student| student.passed).sum(),
        failed: reports.iter().map(|student| student.failed).sum(),
        students: reports,
        exercises,
    })
}

fn student_folders(class_dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(class_dir)
        .with_context(|| format!("reading the class folder `{}`", class_dir.display()))?;
    let mut folders = Vec::new();
    for entry in entries {
        let entry = entry?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if entry.file_type()?.is_dir() && !hidden {
            folders.push(entry.path());
        }
    }
    if folders.is_empty() {
        bail!(
            "`{}` has no student folders; each student is one folder that mirrors `chapters/`, e.g. `alice/callback/exercises/<exercise>/<file>`",
            class_dir.display()
        );
    }
    folders.sort();
    Ok(folders)
}

fn grade_student(
    workbook: &Workbook,
    toolchain: &Toolchain,
    folder: &Path,
    selected: &[Exercise],
) -> Result<StudentReport> {
    let name = folder
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    let scratch = ScratchWorkbook::new(workbook)?;
    // A submission must not be able to import an answer.
    for exercise in scratch.workbook().exercises()? {
        let solution = exercise.dir.join("solution");
        std::fs::remove_dir_all(&solution)
            .with_context(|| format!("removing `{}` from the scratch copy", solution.display()))?;
    }
    let mut exercises = Vec::new();
    for exercise in selected {
        let graded = match scratch.stage(exercise, LearnerFiles::Submission(folder))? {
            Err(reason) => GradedExercise {
                name: exercise.name.to_string(),
                passed: false,
                reason: Some(reason),
            },
            Ok(staged) => {
                let report = run_suite(
                    scratch.workbook(),
                    &staged.suite(),
                    toolchain,
                    &RunOptions::default(),
                )?;
                GradedExercise {
                    name: exercise.name.to_string(),
                    passed: report.passed(),
                    reason: failure_reason(&report),
                }
            }
        };
        exercises.push(graded);
    }
    let passed = exercises.iter().filter(|exercise| exercise.passed).count();
    Ok(StudentReport {
        name,
        failed: exercises.len() - passed,
        passed,
        exercises,
    })
}

fn failure_reason(report: &SuiteReport) -> Option<String> {
    let failure = report.first_failure()?;
    let summary = match failure.stage {
        Stage::Log => first_difference(&failure.message),
        _ => first_lines(&failure.message),
    };
    Some(format!("{}: {summary}", failure.stage))
}

/// The first `-` and `+` lines of a log diff, in one line for a teacher.
fn first_difference(message: &str) -> String {
    let first = |sign: char, header: &str| {
        message
            .lines()
            .find(|line| line.starts_with(sign) && !line.starts_with(header))
            .map_or("", |line| &line[1..])
    };
    format!(
        "the log differs: expected `{}`, came `{}`",
        first('-', "---"),
        first('+', "+++")
    )
}

/// The message's first line, and when it ends in `:`, the next line that says something.
fn first_lines(message: &str) -> String {
    let mut lines = message.lines();
    let first = lines.next().unwrap_or_default();
    match first.strip_suffix(':') {
        Some(head) => match lines.map(str::trim).find(|line| !line.is_empty()) {
            Some(detail) => format!("{head}: {detail}"),
            None => head.to_string(),
        },
        None => first.to_string(),
    }
}

impl ClassReport {
    /// The grades as terminal text, ending with `N passed, N failed`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for student in &self.students {
            let total = student.passed + student.failed;
            let _ = writeln!(out, "{}: {}/{total} passed", student.name, student.passed);
            for exercise in &student.exercises {
                if exercise.passed {
                    let _ = writeln!(out, "  ok    {}", exercise.name);
                } else {
                    let reason = exercise.reason.as_deref().unwrap_or("failed");
                    let _ = writeln!(out, "  FAIL  {}  ({reason})", exercise.name);
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
