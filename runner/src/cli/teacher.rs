//! The teacher's and author's commands: `dev check`, `grade` and `book`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use runner::book::{check_book, generate_book_files};
use runner::dev_check::audit_exercises;
use runner::exercise::Exercise;
use runner::grade::exercism::exercism_results;
use runner::grade::gradescope::gradescope_results;
use runner::grade::{
    ClassReport, GradingEvent, Status, StudentReport, grade_class, printable, single_student,
    student_folders,
};
use runner::mutation::{check_mutations, load_mutations};
use runner::toolchain::{Toolchain, ToolchainOptions};
use runner::workbook::{Suite, Workbook};

use super::output::{exit_code, line};
use super::progress_line::{ProgressLine, progress_shown};
use super::{BookAction, GradeFormat};

/// `runner dev check [name]`: the exercises, and the mutations of the chapters named.
pub fn dev_check(workbook: &Workbook, only: Option<&str>, accept: bool) -> Result<ExitCode> {
    let (exercises, chapters) = dev_check_selection(workbook, only)?;
    let loaded = load_mutations(workbook, &chapters)?;
    let toolchain = Toolchain::prepare(workbook, ToolchainOptions::default())?;
    let mut problems = 0;
    for audit in audit_exercises(workbook, &toolchain, &exercises, accept)? {
        if let Some(reason) = &audit.skipped {
            line(&format!("skip  {}: {reason}", audit.name));
            continue;
        }
        match audit.starter_failed_at {
            Some(stage) if audit.problems.is_empty() => {
                line(&format!(
                    "ok    {}: the starter fails at {stage}, the solution passes",
                    audit.name
                ));
                for recorded in &audit.recorded {
                    line(&format!("        {recorded}: read it before you commit it"));
                }
            }
            _ => {
                line(&format!("FAIL  {}:", audit.name));
                for problem in &audit.problems {
                    line(&indented(problem));
                }
            }
        }
        problems += audit.problems.len();
    }
    let outcomes = check_mutations(workbook, &toolchain, &loaded)?;
    for outcome in &outcomes {
        if let Some(reason) = &outcome.skipped {
            line(&format!(
                "skip  mutation {}/{}: {reason}",
                outcome.chapter, outcome.name
            ));
            continue;
        }
        match &outcome.problem {
            None => line(&format!(
                "ok    mutation {}/{}: rejected",
                outcome.chapter, outcome.name
            )),
            Some(problem) => {
                line(&format!(
                    "FAIL  mutation {}/{} ({}):",
                    outcome.chapter, outcome.name, outcome.location
                ));
                line(&indented(problem));
                problems += 1;
            }
        }
    }
    line(&format!(
        "dev check: {} exercises, {} mutations, {problems} problem(s)",
        exercises.len(),
        outcomes.len()
    ));
    Ok(exit_code(problems == 0))
}

/// An exercise name selects that exercise; a chapter name, its exercises and
/// mutations; nothing, everything.
fn dev_check_selection(
    workbook: &Workbook,
    only: Option<&str>,
) -> Result<(Vec<Exercise>, Vec<Suite>)> {
    match only {
        None => Ok((workbook.exercises()?, workbook.chapters()?)),
        Some(name) if workbook.has_chapter(name) => {
            let exercises = workbook
                .exercises()?
                .into_iter()
                .filter(|e| e.chapter == *name)
                .collect();
            Ok((exercises, vec![workbook.chapter(name)?]))
        }
        Some(name) => Ok((workbook.select_exercises(Some(name))?, Vec::new())),
    }
}

fn indented(text: &str) -> String {
    text.lines()
        .map(|line| format!("        {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `runner grade <dir>`.
pub fn grade(
    workbook: &Workbook,
    class_dir: &Path,
    format: GradeFormat,
    only: &[String],
    unsandboxed: bool,
) -> Result<ExitCode> {
    let exercises = grade_selection(workbook, only)?;
    let one_submission = match format {
        GradeFormat::Gradescope => Some("gradescope"),
        GradeFormat::Exercism => Some("exercism"),
        GradeFormat::Text | GradeFormat::Json => None,
    };
    if let Some(format) = one_submission {
        single_student(class_dir, format)?;
    }
    if unsandboxed {
        super::output::error(
            "warning: --unsandboxed: submissions run without the bubblewrap sandbox, under Node's permission model alone; a hostile submission can reach the network, signal other processes and use unbounded memory",
        );
    }
    let options = ToolchainOptions {
        sandbox: true,
        os_sandbox: !unsandboxed,
        ..ToolchainOptions::default()
    };
    let toolchain = Toolchain::prepare(workbook, options)?;
    let report = graded_with_progress(workbook, &toolchain, class_dir, &exercises, format)?;
    match format {
        GradeFormat::Json => line(&serde_json::to_string_pretty(&report)?),
        GradeFormat::Text => super::output::say(&report.render()),
        GradeFormat::Gradescope => line(&serde_json::to_string_pretty(&gradescope_results(
            the_student(&report)?,
        ))?),
        GradeFormat::Exercism => line(&serde_json::to_string_pretty(&exercism_results(
            the_student(&report)?,
        ))?),
    }
    Ok(ExitCode::SUCCESS)
}

fn the_student(report: &ClassReport) -> Result<&StudentReport> {
    report
        .students
        .first()
        .context("the class folder holds no student folder to report")
}

/// Every exercise, or those named with `--exercise`, each once.
fn grade_selection(workbook: &Workbook, only: &[String]) -> Result<Vec<Exercise>> {
    if only.is_empty() {
        return workbook.exercises();
    }
    let mut exercises: Vec<Exercise> = Vec::new();
    for name in only {
        for exercise in workbook.select_exercises(Some(name))? {
            if !exercises.iter().any(|known| known.name == exercise.name) {
                exercises.push(exercise);
            }
        }
    }
    Ok(exercises)
}

fn graded_with_progress(
    workbook: &Workbook,
    toolchain: &Toolchain,
    class_dir: &Path,
    exercises: &[Exercise],
    format: GradeFormat,
) -> Result<ClassReport> {
    let students = student_folders(class_dir)?.len();
    let progress = ProgressLine::new(
        students * exercises.len(),
        progress_shown(format == GradeFormat::Text),
    );
    let report = grade_class(
        workbook,
        toolchain,
        class_dir,
        exercises,
        &|event| match event {
            GradingEvent::Started { student, exercise } => {
                progress.started(&format!("{}/{exercise}", printable(student)));
            }
            GradingEvent::Graded { student, graded } => progress.finished(
                &format!("{}/{}", printable(student), graded.name),
                graded.status == Status::Pass,
            ),
        },
    );
    progress.clear();
    report
}

/// `runner book check` and `runner book generate`.
pub fn book(workbook: &Workbook, action: BookAction) -> Result<ExitCode> {
    let toolchain = Toolchain::prepare(workbook, ToolchainOptions::default())?;
    if matches!(action, BookAction::Build) {
        let site = runner::site::default_site_dir(workbook);
        runner::site::build_site(workbook, &toolchain, &site)?;
        line(&site.display().to_string());
        return Ok(ExitCode::SUCCESS);
    }
    if matches!(action, BookAction::Generate) {
        for path in generate_book_files(workbook, &toolchain)? {
            line(&format!("wrote `{}`", workbook.shown(&path)));
        }
        return Ok(ExitCode::SUCCESS);
    }
    let problems = check_book(workbook, &toolchain)?;
    for problem in &problems {
        line(problem);
    }
    line(&format!("book check: {} problem(s)", problems.len()));
    Ok(exit_code(problems.is_empty()))
}
