//! The learner's and the teacher's exercise commands: `exercise`, `hint`,
//! `reset`, `dev check` and `grade`.

use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use runner::dev_check::dev_check as audit_exercises;
use runner::exercise::{Exercise, LearnerFiles};
use runner::grade::grade_class;
use runner::pipeline::{RunOptions, Toolchain};
use runner::progress::Progress;
use runner::report::RenderOptions;
use runner::workbook::Workbook;

use crate::cli::Format;
use crate::commands::{exit_code, terminal_render_options};

/// Where `reset` keeps the learner's files before it restores a starter.
pub const BACKUP_DIR: &str = ".workbook-backups";

/// `runner exercise <name>`.
pub fn exercise(workbook: &Workbook, name: &str, verbose: bool) -> Result<ExitCode> {
    let exercise = workbook.exercise(name)?;
    let toolchain = Toolchain::prepare(workbook, &RunOptions::default())?;
    let (passed, text) = check_and_record(workbook, &toolchain, &exercise, verbose)?;
    print!("{text}");
    if passed {
        match next_exercise(workbook, name) {
            Some(next) => println!("Next: cargo run -p runner -- exercise {next}"),
            None => println!("That was the last exercise."),
        }
    }
    Ok(exit_code(passed))
}

/// Checks `exercise` as the learner left it, records the verdict, and
/// returns it with the text to show: the report and a pointer to the hint.
/// Shared by `exercise` and `watch`.
pub fn check_and_record(
    workbook: &Workbook,
    toolchain: &Toolchain,
    exercise: &Exercise,
    verbose: bool,
) -> Result<(bool, String)> {
    let mut text = make_learner_copies(workbook, exercise)?;
    let report = exercise.check(workbook, toolchain, &RunOptions::default())?;
    text.push_str(&report.render(RenderOptions {
        verbose,
        ..terminal_render_options()
    }));
    let mut progress = Progress::load(workbook)?;
    progress.record(exercise.name(), report.passed)?;
    let name = exercise.name();
    if report.passed {
        let _ = writeln!(text, "Exercise {name} is done.");
    } else {
        let _ = writeln!(
            text,
            "Exercise {name} is not done yet. Stuck? Get the hint: cargo run -p runner -- hint {name}"
        );
    }
    Ok((report.passed, text))
}

/// Makes the learner's missing copies from the starters, and says so.
pub fn make_learner_copies(workbook: &Workbook, exercise: &Exercise) -> Result<String> {
    let mut text = String::new();
    for created in exercise.create_missing_learner_files()? {
        let _ = writeln!(
            text,
            "Made your copy `{}` from its starter: edit it where it says TODO.",
            workbook.shown(&created)
        );
    }
    Ok(text)
}

/// The exercise after `name` in workbook order.
pub fn next_exercise(workbook: &Workbook, name: &str) -> Option<String> {
    let names: Vec<String> = workbook
        .exercises()
        .iter()
        .map(|exercise| exercise.name().to_string())
        .collect();
    let index = names.iter().position(|known| known == name)?;
    names.get(index + 1).cloned()
}

/// `runner hint <name>`.
pub fn hint(workbook: &Workbook, name: &str) -> Result<ExitCode> {
    let exercise = workbook.exercise(name)?;
    println!("Hint for {name}:\n{}", exercise.entry.hint.trim_end());
    Ok(ExitCode::SUCCESS)
}

/// The exercises with the learner's progress, as text.
pub fn exercise_list(workbook: &Workbook) -> Result<String> {
    let exercises = workbook.exercises();
    let mut text = String::new();
    if exercises.is_empty() {
        return Ok(text);
    }
    let progress = Progress::load(workbook)?;
    let done = exercises
        .iter()
        .filter(|exercise| progress.is_done(exercise.name()))
        .count();
    let _ = writeln!(text, "Exercises ({done}/{} done):", exercises.len());
    let width = exercises.iter().map(|e| e.name().len()).max().unwrap_or(0);
    for exercise in &exercises {
        let mark = if progress.is_done(exercise.name()) {
            "[x]"
        } else {
            "[ ]"
        };
        let current = if progress.current.as_deref() == Some(exercise.name()) {
            ">"
        } else {
            " "
        };
        let summary = runner::manifest::ChapterManifest::read(&exercise.dir.join("exercise.toml"))
            .map_or_else(|error| format!("({error:#})"), |manifest| manifest.summary);
        let _ = writeln!(
            text,
            "{current}{mark} {:<width$}  {summary}",
            exercise.name()
        );
    }
    Ok(text)
}

/// `runner reset <name>`.
pub fn reset(workbook: &Workbook, name: &str, yes: bool) -> Result<ExitCode> {
    let exercise = workbook.exercise(name)?;
    let files: Vec<String> = exercise
        .entry
        .files
        .iter()
        .map(|file| format!("`{}`", workbook.shown(&exercise.learner_file(file))))
        .collect();
    if !yes
        && !confirm(&format!(
            "Restore the starter of {}? Your files are backed up first. [y/N] ",
            files.join(", ")
        ))?
    {
        println!("Nothing changed.");
        return Ok(ExitCode::FAILURE);
    }
    let backup = backup_folder(workbook, name);
    for file in &exercise.entry.files {
        let learner = exercise.learner_file(file);
        if learner.exists() {
            let kept = backup.join(file);
            if let Some(parent) = kept.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("creating `{}`", parent.display()))?;
            }
            std::fs::copy(&learner, &kept)
                .with_context(|| format!("backing up `{}`", learner.display()))?;
            println!(
                "Backed up `{}` to `{}`.",
                workbook.shown(&learner),
                workbook.shown(&kept)
            );
        }
        exercise.copy_in(LearnerFiles::Starter, file)?;
        println!("Restored the starter of `{}`.", workbook.shown(&learner));
    }
    Progress::load(workbook)?.record(name, false)?;
    Ok(ExitCode::SUCCESS)
}

fn confirm(question: &str) -> Result<bool> {
    print!("{question}");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

fn backup_folder(workbook: &Workbook, name: &str) -> PathBuf {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let base = workbook.root().join(BACKUP_DIR).join(name);
    let mut folder = base.join(seconds.to_string());
    let mut attempt = 1;
    while folder.exists() {
        attempt += 1;
        folder = base.join(format!("{seconds}-{attempt}"));
    }
    folder
}

/// `runner dev check`.
pub fn dev_check(workbook: &Workbook, only: Option<&str>, accept: bool) -> Result<ExitCode> {
    let exercises = match only {
        Some(name) => vec![workbook.exercise(name)?],
        None => workbook.exercises(),
    };
    let toolchain = Toolchain::prepare(workbook, &RunOptions::default())?;
    let audits = audit_exercises(workbook, &toolchain, &exercises, accept)?;
    let mut problems = 0;
    for audit in &audits {
        if audit.problems.is_empty() {
            let stage = audit.starter_failed_at.as_deref().unwrap_or("?");
            println!(
                "ok    {}: the starter fails at {stage}, the solution passes",
                audit.name
            );
        } else {
            println!("FAIL  {}:", audit.name);
            for problem in &audit.problems {
                for line in problem.lines() {
                    println!("        {line}");
                }
            }
        }
        problems += audit.problems.len();
    }
    println!(
        "dev check: {} exercises, {problems} problem(s)",
        audits.len()
    );
    Ok(exit_code(problems == 0))
}

/// `runner grade <dir>`.
pub fn grade(workbook: &Workbook, class_dir: &Path, format: Format) -> Result<ExitCode> {
    let toolchain = Toolchain::prepare(workbook, &RunOptions::default())?;
    let report = grade_class(workbook, &toolchain, class_dir)?;
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        Format::Text => print!("{}", report.render()),
    }
    Ok(ExitCode::SUCCESS)
}
