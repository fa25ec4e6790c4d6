//! `runner watch`: a screen that reruns the current exercise on every save,
//! with single keys for the hint, the details, the list, the next exercise.
//! Split by event source: keys in `terminal_event`, saves in `notify_event`,
//! and what is shown in `state` (with the list in `list`).

mod list;
mod notify_event;
mod state;
mod terminal_event;

use std::collections::VecDeque;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::channel;

use anyhow::{Result, bail};
use notify::{RecursiveMode, Watcher};
use runner::exercise::Exercise;
use runner::progress::Progress;
use runner::toolchain::{Toolchain, ToolchainOptions};
use runner::workbook::Workbook;

use notify_event::{WatchEvent, file_watcher, is_learner_file, settle};
use state::{Flow, WatchState};
use terminal_event::Screen;

/// `runner watch [name]`.
pub fn watch(workbook: &Workbook, start: Option<&str>, manual_run: bool) -> Result<ExitCode> {
    let exercises = workbook.exercises()?;
    if exercises.is_empty() {
        bail!("this workbook has no exercises: `chapters/workbook.toml` lists no `exercises`");
    }
    let index = first_exercise(workbook, &exercises, start)?;
    let first_time = Progress::load(workbook)?.current.is_none();
    let toolchain = Toolchain::prepare(workbook, ToolchainOptions::default())?;
    let (sender, events) = channel();
    let screen = Screen::start(sender.clone())?;
    let color = screen.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut state = WatchState::new(workbook, &toolchain, exercises, index, color, first_time);
    let mut watcher = if manual_run {
        None
    } else {
        file_watcher(sender)
            .inspect_err(|error| state.note(&fall_back(error)))
            .ok()
    };
    let mut watched_dir: Option<PathBuf> = None;
    let mut pending = VecDeque::new();
    loop {
        // Copies are made before the folder is watched, so making them does not rerun it.
        state.enter_without_run()?;
        let dir = state.exercise().dir.clone();
        if let Some(w) = watcher.as_mut() {
            if let Some(old) = watched_dir.take() {
                let _ = w.unwatch(&old);
            }
            match w.watch(&dir, RecursiveMode::NonRecursive) {
                Ok(()) => watched_dir = Some(dir),
                Err(error) => {
                    state.note(&fall_back(&error));
                    watcher = None;
                }
            }
        }
        state.manual_run = watcher.is_none();
        state.run()?;
        screen.draw(&state.render()?);
        loop {
            let event = match pending.pop_front() {
                Some(event) => event,
                None => events.recv().unwrap_or(WatchEvent::InputClosed),
            };
            let flow = match event {
                WatchEvent::Saved(path) if is_learner_file(state.exercise(), &path) => {
                    settle(&events, &mut pending);
                    state.saved()?
                }
                WatchEvent::Saved(_) => continue,
                WatchEvent::Key(key) => state.handle_key(key)?,
                WatchEvent::InputClosed => Flow::Quit,
            };
            match flow {
                Flow::Redraw => screen.draw(&state.render()?),
                Flow::Switched => break,
                Flow::Quit => {
                    screen.write("Bye. Your progress is saved.\n");
                    return Ok(ExitCode::SUCCESS);
                }
            }
        }
    }
}

fn fall_back(error: &notify::Error) -> String {
    format!("Saves cannot be watched here ({error}): press r to rerun after each save.")
}

/// Where `watch` starts: the named exercise, or the named chapter's first
/// unfinished one; without a name, where the learner left off.
fn first_exercise(
    workbook: &Workbook,
    exercises: &[Exercise],
    start: Option<&str>,
) -> Result<usize> {
    let progress = Progress::load(workbook)?;
    let Some(name) = start else {
        return Ok(starting_exercise(exercises, &progress));
    };
    let selected = workbook.select_exercises(Some(name))?;
    let pending = selected
        .iter()
        .find(|e| !progress.is_done(e.name.as_str()))
        .unwrap_or(&selected[0]);
    Ok(exercises
        .iter()
        .position(|e| e.name == pending.name)
        .unwrap_or(0))
}

fn starting_exercise(exercises: &[Exercise], progress: &Progress) -> usize {
    let current = progress
        .current
        .as_deref()
        .and_then(|name| exercises.iter().position(|e| e.name == *name));
    let first_pending = exercises
        .iter()
        .position(|e| !progress.is_done(e.name.as_str()));
    current.or(first_pending).unwrap_or(0)
}
