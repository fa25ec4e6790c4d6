//! `runner grade <class>`: every student's submission, checked exercise by
//! exercise in a scratch copy of the chapters without any `solution/`, under
//! Node's permission model. Every (student, exercise) pair is one job, so a
//! hang holds one worker for its own time limit and nobody else's work.

pub mod exercism;
pub mod gradescope;
mod near_miss;
mod reason;
mod render;
mod report;
mod submission_links;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Context, Result, bail};

use crate::exercise::{Exercise, LearnerFiles};
use crate::parallel::parallel_map_with;
use crate::run::{RunOptions, run_suite};
use crate::scratch::{ScratchWorkbook, SubmissionProblem};
use crate::toolchain::Toolchain;
use crate::verdict::FailureCause;
use crate::workbook::Workbook;

pub use reason::without_scratch_paths;
pub use render::printable;
pub use report::{ClassReport, ExerciseTally, GradedExercise, Status, StudentReport};
use report::{class_report, student_report};

/// What [`grade_class`] reports while it works, for a progress line.
#[derive(Debug, Clone, Copy)]
pub enum GradingEvent<'a> {
    /// A job began: this student's submission of this exercise.
    Started {
        /// The student's folder name.
        student: &'a str,
        /// The exercise's name.
        exercise: &'a str,
    },
    /// A job ended.
    Graded {
        /// The student's folder name.
        student: &'a str,
        /// How the exercise came out.
        graded: &'a GradedExercise,
    },
}

/// One student's folder, and the scratch copy their jobs share while any is left.
struct Student {
    name: String,
    folder: PathBuf,
    /// Why this submission is not graded at all (it holds a link), when it is not.
    refusal: Option<String>,
    scratch: Mutex<ScratchSlot>,
}

enum ScratchSlot {
    NotMade,
    Ready {
        scratch: Arc<ScratchWorkbook>,
        finished: usize,
    },
    Failed(String),
    Dropped,
}

/// Grades `exercises` for every student folder in `class_dir`, calling
/// `on_event` as each (student, exercise) starts and finishes. Submissions
/// are only read, and no submission can see a solution.
///
/// # Errors
///
/// Fails only when `class_dir` cannot be read or holds no student folders;
/// whatever happens to one student is that student's grade.
pub fn grade_class(
    workbook: &Workbook,
    toolchain: &Toolchain,
    class_dir: &Path,
    exercises: &[Exercise],
    on_event: &(dyn Fn(GradingEvent<'_>) + Sync),
) -> Result<ClassReport> {
    let students: Vec<Student> = student_folders(class_dir)?
        .into_iter()
        .map(|folder| {
            let name = folder
                .file_name()
                .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
            Student {
                refusal: submission_links::refusal(&folder, &name),
                name,
                folder,
                scratch: Mutex::new(ScratchSlot::NotMade),
            }
        })
        .collect();
    let jobs: Vec<(usize, usize)> = (0..students.len())
        .flat_map(|student| (0..exercises.len()).map(move |exercise| (student, exercise)))
        .collect();
    let graded = parallel_map_with(grading_workers(), &jobs, |&(student, exercise)| {
        let student = &students[student];
        on_event(GradingEvent::Started {
            student: &student.name,
            exercise: exercises[exercise].name.as_str(),
        });
        let graded = grade_one(
            workbook,
            toolchain,
            student,
            &exercises[exercise],
            exercises.len(),
        );
        on_event(GradingEvent::Graded {
            student: &student.name,
            graded: &graded,
        });
        graded
    });
    let mut graded = graded.into_iter();
    let reports: Vec<StudentReport> = students
        .iter()
        .map(|student| {
            student_report(
                &student.name,
                graded.by_ref().take(exercises.len()).collect(),
            )
        })
        .collect();
    Ok(class_report(reports, exercises))
}

/// The one student folder of `class_dir`, for formats that report one
/// submission (an autograder runs one container per submission).
///
/// # Errors
///
/// Fails when `class_dir` cannot be read or holds no student folder or more than one.
pub fn single_student(class_dir: &Path, format: &str) -> Result<PathBuf> {
    let mut folders = student_folders(class_dir)?;
    if folders.len() > 1 {
        let names: Vec<String> = folders
            .iter()
            .filter_map(|folder| folder.file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .collect();
        bail!(
            "`--format {format}` reports one submission, but `{}` holds {} student folders ({}); put each submission in a class folder of its own, as `classroom/run_autograder` does",
            class_dir.display(),
            names.len(),
            names.join(", ")
        );
    }
    Ok(folders.remove(0))
}

/// Two workers per core: a check mostly waits for Node to start, and a hang
/// waits for its limit without using a core.
fn grading_workers() -> usize {
    std::thread::available_parallelism().map_or(2, |cores| cores.get() * 2)
}

/// The student folders of `class_dir`, sorted; hidden folders are not
/// students, and links are (to be refused by name, never skipped in
/// silence). A learner's workspace (made by `runner init`) is a class of one.
///
/// # Errors
///
/// Fails when `class_dir` cannot be read or holds no student folder.
pub fn student_folders(class_dir: &Path) -> Result<Vec<PathBuf>> {
    if class_dir.join(crate::locate::WORKSPACE_FILE).is_file() {
        return Ok(vec![class_dir.to_path_buf()]);
    }
    let entries = std::fs::read_dir(class_dir)
        .with_context(|| format!("reading the class folder `{}`", class_dir.display()))?;
    let mut folders = Vec::new();
    for entry in entries.flatten() {
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let folder_or_link = entry
            .file_type()
            .is_ok_and(|kind| kind.is_dir() || kind.is_symlink());
        if folder_or_link && !hidden {
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

impl Student {
    /// The student's scratch copy, made by the first job that needs it.
    fn scratch(&self, workbook: &Workbook) -> Result<Arc<ScratchWorkbook>, String> {
        let mut slot = self.scratch.lock().unwrap_or_else(PoisonError::into_inner);
        if let ScratchSlot::NotMade = *slot {
            *slot = match ScratchWorkbook::new(workbook).and_then(|scratch| {
                scratch.remove_solutions()?;
                Ok(scratch)
            }) {
                Ok(scratch) => ScratchSlot::Ready {
                    scratch: Arc::new(scratch),
                    finished: 0,
                },
                Err(error) => ScratchSlot::Failed(format!("{error:#}")),
            };
        }
        match &*slot {
            ScratchSlot::Ready { scratch, .. } => Ok(Arc::clone(scratch)),
            ScratchSlot::Failed(reason) => Err(reason.clone()),
            ScratchSlot::NotMade | ScratchSlot::Dropped => Err("the scratch copy is gone".into()),
        }
    }

    /// Drops the scratch copy once all `total` jobs of this student are done with it.
    fn done_with_scratch(&self, total: usize, scratch: Arc<ScratchWorkbook>) {
        drop(scratch);
        let mut slot = self.scratch.lock().unwrap_or_else(PoisonError::into_inner);
        if let ScratchSlot::Ready { finished, .. } = &mut *slot {
            *finished += 1;
            if *finished == total {
                *slot = ScratchSlot::Dropped;
            }
        }
    }
}

fn grade_one(
    workbook: &Workbook,
    toolchain: &Toolchain,
    student: &Student,
    exercise: &Exercise,
    jobs_per_student: usize,
) -> GradedExercise {
    let graded = |status, reason: Option<String>| GradedExercise {
        name: exercise.name.to_string(),
        status,
        reason,
    };
    if let Some(refusal) = &student.refusal {
        return graded(Status::Error, Some(format!("not graded: {refusal}")));
    }
    let scratch = match student.scratch(workbook) {
        Ok(scratch) => scratch,
        Err(reason) => return graded(Status::Error, Some(format!("not graded: {reason}"))),
    };
    let result = check_submission(toolchain, student, exercise, &scratch);
    let root = scratch.root().to_path_buf();
    student.done_with_scratch(jobs_per_student, scratch);
    match result {
        Ok((status, reason)) => graded(status, reason),
        Err(error) => graded(
            Status::Error,
            Some(format!(
                "not graded: {}",
                without_scratch_paths(&format!("{error:#}"), &root)
            )),
        ),
    }
}

fn check_submission(
    toolchain: &Toolchain,
    student: &Student,
    exercise: &Exercise,
    scratch: &ScratchWorkbook,
) -> Result<(Status, Option<String>)> {
    let staged = match scratch.stage(exercise, LearnerFiles::Submission(&student.folder))? {
        Ok(staged) => staged,
        Err(SubmissionProblem::Missing(expected)) => {
            let mut reason = format!("not submitted: `{}`", expected.display());
            if let Some(found) = near_miss::near_miss(&student.folder, &expected) {
                reason = format!("not submitted: {found}");
            }
            return Ok((Status::NotSubmitted, Some(reason)));
        }
        Err(problem) => return Ok((Status::Error, Some(problem.to_string()))),
    };
    let report = run_suite(
        scratch.workbook(),
        &staged.suite(),
        toolchain,
        &RunOptions::default(),
    )?;
    Ok(match report.first_failure() {
        None => (Status::Pass, None),
        Some(failure) => (
            status_of(&failure.cause),
            Some(without_package_paths(
                &reason::reason_of(failure, scratch.root()),
                scratch,
            )),
        ),
    })
}

/// A job that did not end by itself is an error of that job; any other failure is the submission's.
fn status_of(cause: &FailureCause) -> Status {
    match cause {
        FailureCause::TimedOut { .. }
        | FailureCause::KilledBySignal
        | FailureCause::OutOfMemory => Status::Error,
        _ => Status::Fail,
    }
}

/// `reason` with the installed packages' real folder (Node names its own
/// binary when it aborts) shown as the workbook's `node-harness/node_modules`.
fn without_package_paths(reason: &str, scratch: &ScratchWorkbook) -> String {
    let packages = scratch.workbook().node_harness_dir().join("node_modules");
    match std::fs::canonicalize(&packages) {
        Ok(real) => reason.replace(&real.display().to_string(), "node-harness/node_modules"),
        Err(_) => reason.to_string(),
    }
}
