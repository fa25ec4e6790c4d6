//! `runner watch`: the current exercise reruns on every save; single keys
//! move on, show the hint or the list, rerun, or quit.

use std::collections::VecDeque;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use anyhow::{Result, bail};
use crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};
use notify::{RecursiveMode, Watcher};
use runner::exercise::Exercise;
use runner::progress::Progress;
use runner::toolchain::{Toolchain, ToolchainOptions};
use runner::workbook::Workbook;

use super::exercises::{check_and_record, exercise_list, make_learner_copies};

/// Editors save in bursts (write, rename, chmod): one rerun per burst.
const SETTLE: Duration = Duration::from_millis(150);

const KEYS: &str = "keys: n next exercise · h hint · l list · r rerun · q quit";

enum WatchEvent {
    Key(char),
    Saved(PathBuf),
    InputClosed,
}

/// `runner watch [name]`.
pub fn watch(workbook: &Workbook, start: Option<&str>, manual_run: bool) -> Result<ExitCode> {
    let exercises = workbook.exercises()?;
    if exercises.is_empty() {
        bail!("this workbook has no exercises: `chapters/workbook.toml` lists no `exercises`");
    }
    let mut index = first_exercise(workbook, &exercises, start)?;
    let toolchain = Toolchain::prepare(workbook, ToolchainOptions::default())?;
    let (sender, events) = channel();
    let terminal = Terminal::start(sender.clone())?;
    let mut watcher = if manual_run {
        None
    } else {
        file_watcher(sender)
            .inspect_err(|error| fall_back(&terminal, error))
            .ok()
    };
    let mut pending = VecDeque::new();
    loop {
        let exercise = &exercises[index];
        // Reloaded: each check records its verdict in the same file.
        Progress::load(workbook)?.set_current(exercise.name.as_str())?;
        // Before the folder is watched, so making the copies does not rerun it.
        terminal.show(&make_learner_copies(workbook, exercise)?);
        if let Some(Err(error)) = watcher
            .as_mut()
            .map(|w| w.watch(&exercise.dir, RecursiveMode::NonRecursive))
        {
            fall_back(&terminal, &error);
            watcher = None;
        }
        let manual_run = watcher.is_none();
        rerun(workbook, &toolchain, exercise, &terminal, manual_run)?;
        let next = loop {
            let event = match pending.pop_front() {
                Some(event) => event,
                None => events.recv()?,
            };
            match event {
                WatchEvent::Saved(path) if is_learner_file(exercise, &path) => {
                    settle(&events, &mut pending);
                    rerun(workbook, &toolchain, exercise, &terminal, manual_run)?;
                }
                WatchEvent::Saved(_) => {}
                WatchEvent::Key('n') if index + 1 < exercises.len() => break index + 1,
                WatchEvent::Key('n') => terminal.show("This is the last exercise.\n"),
                WatchEvent::Key('h') => terminal.show(&format!(
                    "Hint for {}:\n{}\n",
                    exercise.name,
                    exercise.hint()
                )),
                WatchEvent::Key('l') => terminal.show(&exercise_list(workbook)?),
                WatchEvent::Key('r') => {
                    rerun(workbook, &toolchain, exercise, &terminal, manual_run)?;
                }
                WatchEvent::Key('q') | WatchEvent::InputClosed => {
                    terminal.show("Bye. Your progress is saved.\n");
                    return Ok(ExitCode::SUCCESS);
                }
                WatchEvent::Key(other) => {
                    terminal.show(&format!("Unknown key `{other}`. {KEYS}\n"));
                }
            }
        };
        if let Some(watcher) = watcher.as_mut() {
            let _ = watcher.unwatch(&exercise.dir);
        }
        index = next;
    }
}

fn fall_back(terminal: &Terminal, error: &notify::Error) {
    terminal.show(&format!(
        "Saves cannot be watched here ({error}): press r to rerun after each save.\n"
    ));
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

fn rerun(
    workbook: &Workbook,
    toolchain: &Toolchain,
    exercise: &Exercise,
    terminal: &Terminal,
    manual_run: bool,
) -> Result<()> {
    let (_, text) = check_and_record(workbook, toolchain, exercise, false)?;
    let when = if manual_run {
        "press r to rerun"
    } else {
        "reruns when you save"
    };
    terminal.show(&format!(
        "{text}[watching {}: {when}] {KEYS}\n",
        exercise.name
    ));
    Ok(())
}

// Compared by their ends: the watcher may report canonical paths.
fn is_learner_file(exercise: &Exercise, path: &std::path::Path) -> bool {
    let folder = std::path::Path::new(exercise.name.as_str());
    exercise
        .files()
        .iter()
        .any(|file| path.ends_with(folder.join(file)))
}

/// Waits until saves stop arriving; keys that come meanwhile are kept.
fn settle(events: &Receiver<WatchEvent>, pending: &mut VecDeque<WatchEvent>) {
    loop {
        match events.recv_timeout(SETTLE) {
            Ok(WatchEvent::Saved(_)) => {}
            Ok(other) => pending.push_back(other),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return,
        }
    }
}

fn file_watcher(sender: Sender<WatchEvent>) -> notify::Result<notify::RecommendedWatcher> {
    notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if event.kind.is_access() {
            return;
        }
        for path in event.paths {
            let _ = sender.send(WatchEvent::Saved(path));
        }
    })
}

/// Single keys from a terminal in raw mode (restored on drop), or one key per
/// character from a pipe, which is how scripts and tests drive `watch`.
struct Terminal {
    raw: bool,
}

impl Terminal {
    fn start(sender: Sender<WatchEvent>) -> Result<Self> {
        let raw = std::io::stdin().is_terminal();
        if raw {
            crossterm::terminal::enable_raw_mode()?;
            std::thread::spawn(move || read_terminal_keys(&sender));
        } else {
            std::thread::spawn(move || read_piped_keys(&sender));
        }
        Ok(Self { raw })
    }

    fn show(&self, text: &str) {
        // Raw mode turns off the terminal's "\n" to "\r\n" translation.
        let text = if self.raw {
            text.replace('\n', "\r\n")
        } else {
            text.to_string()
        };
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(text.as_bytes());
        let _ = stdout.flush();
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        if self.raw {
            let _ = crossterm::terminal::disable_raw_mode();
        }
    }
}

fn read_terminal_keys(sender: &Sender<WatchEvent>) {
    while let Ok(event) = crossterm::event::read() {
        let crossterm::event::Event::Key(key) = event else {
            continue;
        };
        if key.kind != KeyEventKind::Press {
            continue;
        }
        let event = match key.code {
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                WatchEvent::Key('q')
            }
            KeyCode::Char(c) => WatchEvent::Key(c.to_ascii_lowercase()),
            KeyCode::Esc => WatchEvent::Key('q'),
            _ => continue,
        };
        if sender.send(event).is_err() {
            return;
        }
    }
}

fn read_piped_keys(sender: &Sender<WatchEvent>) {
    for byte in std::io::stdin().lock().bytes() {
        let Ok(byte) = byte else { break };
        if !byte.is_ascii_whitespace() && sender.send(WatchEvent::Key(char::from(byte))).is_err() {
            return;
        }
    }
    let _ = sender.send(WatchEvent::InputClosed);
}
