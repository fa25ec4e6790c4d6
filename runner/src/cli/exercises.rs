//! The learner's commands: `list`, `exercise`, `hint` and `reset`.

use std::fmt::Write as _;
use std::io::BufRead;
use std::process::ExitCode;

use anyhow::Result;
use runner::exercise::{check_and_record, next_unfinished};
use runner::progress::Progress;
use runner::toolchain::{Toolchain, ToolchainOptions};
use runner::workbook::Workbook;
use runner::workspace::{init_workspace, runner_command};

use super::output::{exit_code, line, render_options, say};

/// `runner list`.
pub fn list(workbook: &Workbook) -> Result<ExitCode> {
    let chapters = workbook.chapters()?;
    let width = chapters
        .iter()
        .map(|chapter| chapter.id.name().as_str().len())
        .max()
        .unwrap_or(0);
    for (number, chapter) in chapters.iter().enumerate() {
        line(&format!(
            "{:>2}. {:<width$}  {}",
            number + 1,
            chapter.id.name().as_str(),
            chapter.manifest.summary
        ));
    }
    let exercises = exercise_list(workbook)?;
    if !exercises.is_empty() {
        say(&format!("\n{exercises}"));
    }
    line(&format!("\n{}", super::run::next_step(workbook)));
    Ok(ExitCode::SUCCESS)
}

/// `runner init [dir]`.
pub fn init(workbook: &Workbook, dir: &std::path::Path) -> Result<ExitCode> {
    let created = init_workspace(workbook, dir)?;
    say(&super::welcome::welcome_to_workspace());
    line(&format!(
        "Made your workspace `{}`: {} files to edit, and no solutions
(each appears beside your file once the exercise passes). Next:

  cd {}
  ./runner watch

(`./runner` is a script in the workspace: the first run builds the runner, about a minute.)",
        created.dir.display(),
        created.learner_files.len(),
        created.dir.display(),
    ));
    Ok(ExitCode::SUCCESS)
}

/// `runner exercise <name>`: one exercise, or every exercise of a chapter.
pub fn exercise(workbook: &Workbook, name: &str, verbose: bool) -> Result<ExitCode> {
    let selected = workbook.select_exercises(Some(name))?;
    let toolchain = Toolchain::prepare(workbook, ToolchainOptions::default())?;
    let runner = runner_command(workbook);
    let mut all_passed = true;
    for exercise in &selected {
        let checked = check_and_record(workbook, &toolchain, exercise)?;
        let mut text = checked.notes.clone();
        text.push_str(&checked.report.render_for_learner(render_options(verbose)));
        text.push_str(&checked.verdict_line(&format!(
            "Stuck? Get the hint: {runner} hint {}",
            exercise.name
        )));
        say(&text);
        all_passed &= checked.passed();
    }
    if all_passed {
        let last = selected
            .last()
            .map(|exercise| exercise.name.as_str())
            .unwrap_or_default();
        match next_exercise(workbook, last)? {
            Some(next) => line(&format!("Next: {runner} exercise {next}")),
            None => line("Every exercise is done."),
        }
    }
    Ok(exit_code(all_passed))
}

/// The next unfinished exercise after `name` in watch order, wrapping
/// around: the same one `n` moves to in `watch`.
fn next_exercise(workbook: &Workbook, name: &str) -> Result<Option<String>> {
    let exercises = workbook.exercises()?;
    let progress = Progress::load(workbook)?;
    let after = exercises.iter().position(|e| e.name == *name).unwrap_or(0);
    Ok(next_unfinished(&exercises, &progress, after).map(|next| exercises[next].name.to_string()))
}

/// `runner hint <name>`.
pub fn hint(workbook: &Workbook, name: &str) -> Result<ExitCode> {
    for exercise in workbook.select_exercises(Some(name))? {
        line(&format!("Hint for {}:\n{}", exercise.name, exercise.hint()));
    }
    Ok(ExitCode::SUCCESS)
}

/// The exercises with the learner's progress, as text.
pub fn exercise_list(workbook: &Workbook) -> Result<String> {
    let exercises = workbook.exercises()?;
    let mut text = String::new();
    if exercises.is_empty() {
        return Ok(text);
    }
    let progress = Progress::load(workbook)?;
    let done = exercises
        .iter()
        .filter(|e| progress.is_done(e.name.as_str()))
        .count();
    let _ = writeln!(text, "Exercises ({done}/{} done):", exercises.len());
    let width = exercises
        .iter()
        .map(|e| e.name.as_str().len())
        .max()
        .unwrap_or(0);
    for exercise in &exercises {
        let name = exercise.name.as_str();
        let mark = if progress.is_done(name) { "[x]" } else { "[ ]" };
        let current = if progress.current.as_deref() == Some(name) {
            ">"
        } else {
            " "
        };
        let _ = writeln!(
            text,
            "{current}{mark} {name:<width$}  {}",
            exercise.manifest.summary
        );
    }
    Ok(text)
}

/// `runner reset <name>`: one exercise, or every exercise of a chapter.
pub fn reset(workbook: &Workbook, name: &str, yes: bool) -> Result<ExitCode> {
    let selected = workbook.select_exercises(Some(name))?;
    let files: Vec<String> = selected
        .iter()
        .flat_map(|exercise| {
            exercise
                .files()
                .iter()
                .map(|file| format!("`{}`", workbook.shown(&exercise.learner_file(file))))
        })
        .collect();
    let question = format!(
        "Restore the starter of {}? Your files are backed up first. [y/N] ",
        files.join(", ")
    );
    if !yes && !confirm(&question)? {
        line("Nothing changed.");
        return Ok(ExitCode::FAILURE);
    }
    for exercise in &selected {
        for (learner, backup) in exercise.reset(workbook.learner_root())? {
            line(&format!(
                "Backed up `{}` to `{}`.",
                workbook.shown(&learner),
                workbook.shown(&backup)
            ));
        }
        for file in exercise.files() {
            line(&format!(
                "Restored the starter of `{}`.",
                workbook.shown(&exercise.learner_file(file))
            ));
        }
        for removed in exercise.remove_revealed_solution()? {
            line(&format!(
                "Removed the revealed solution `{}`: it comes back when the exercise passes again.",
                workbook.shown(&removed)
            ));
        }
        Progress::load(workbook)?.record(exercise.name.as_str(), false)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn confirm(question: &str) -> Result<bool> {
    say(question);
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}
