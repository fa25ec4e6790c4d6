//! `runner watch`: a screen that reruns the current exercise on every save,
//! with single keys for the hint, the details, the list, the next exercise.
//! Split by event source: keys in `terminal_event`, saves in `notify_event`,
//! and what is shown in `state` (with the list in `list`).

mod event;
mod list;
mod notify_event;
mod state;
mod terminal_event;
mod wrap;

#[cfg(test)]
pub use wrap::wrap_text;

use std::collections::VecDeque;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::Scope;

use anyhow::{Result, bail};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use runner::exercise::{Exercise, check_and_record};
use runner::progress::Progress;
use runner::toolchain::{Toolchain, ToolchainOptions};
use runner::workbook::Workbook;

use event::WatchEvent;
use notify_event::{file_watcher, is_learner_file, settle};
use state::{Flow, Reruns, WatchState};
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
    state.on_terminal = screen.is_terminal();
    let watcher = if manual_run {
        None
    } else {
        file_watcher(sender.clone())
            .inspect_err(|error| state.note(&fall_back(error)))
            .ok()
    };
    let mut session = Session {
        state,
        screen,
        sender,
        events,
        watcher,
        watched_dir: None,
        pending: VecDeque::new(),
        deferred: VecDeque::new(),
        rerun_after: false,
    };
    std::thread::scope(|scope| session.serve(scope))
}

/// The loop's state around [`WatchState`]: the screen, the events, the
/// watcher, and the keys and saves that wait for a run to end.
struct Session<'a> {
    state: WatchState<'a>,
    screen: Screen,
    sender: Sender<WatchEvent>,
    events: Receiver<WatchEvent>,
    watcher: Option<RecommendedWatcher>,
    watched_dir: Option<PathBuf>,
    /// Events read while saves settled, handled next.
    pending: VecDeque<WatchEvent>,
    /// Keys that came during a run and act once it ends.
    deferred: VecDeque<WatchEvent>,
    /// A save came during a run: check again once it ends.
    rerun_after: bool,
}

impl<'a> Session<'a> {
    fn serve<'scope>(&mut self, scope: &'scope Scope<'scope, '_>) -> Result<ExitCode>
    where
        'a: 'scope,
    {
        loop {
            // Copies are made before the folder is watched, so making them does not rerun it.
            self.state.enter_without_run()?;
            self.watch_folder();
            self.start_run(scope, false);
            loop {
                let event = match self.pending.pop_front() {
                    Some(event) => event,
                    None => self.events.recv().unwrap_or(WatchEvent::InputClosed),
                };
                match self.handle(event)? {
                    Flow::Redraw => self.screen.draw(&self.state.render()?),
                    Flow::Run => self.start_run(scope, true),
                    Flow::Defer => {}
                    Flow::Switched => break,
                    Flow::Quit => return Ok(self.quit()),
                }
            }
        }
    }

    fn handle(&mut self, event: WatchEvent) -> Result<Flow> {
        Ok(match event {
            WatchEvent::Saved(path) if is_learner_file(self.state.exercise(), &path) => {
                if self.state.running {
                    self.rerun_after = true;
                    Flow::Defer
                } else {
                    self.state.saved()
                }
            }
            WatchEvent::Saved(_) => Flow::Defer,
            WatchEvent::Resized => Flow::Redraw,
            WatchEvent::RunFinished(checked) => {
                let flow = self.state.finished(checked)?;
                self.pending.extend(self.deferred.drain(..));
                if std::mem::take(&mut self.rerun_after) {
                    Flow::Run
                } else {
                    flow
                }
            }
            WatchEvent::Key(key) if self.state.running => {
                let flow = self.state.handle_key_while_running(key);
                if flow == Flow::Defer {
                    self.deferred.push_back(WatchEvent::Key(key));
                }
                flow
            }
            WatchEvent::Key(key) => self.state.handle_key(key)?,
            WatchEvent::InputClosed if self.state.running => {
                self.deferred.push_back(WatchEvent::InputClosed);
                Flow::Defer
            }
            WatchEvent::InputClosed => Flow::Quit,
        })
    }

    /// Shows "running…" at once, lets a burst of saves settle, then checks
    /// the exercise on another thread; its end arrives as an event.
    fn start_run<'scope>(&mut self, scope: &'scope Scope<'scope, '_>, after_save: bool)
    where
        'a: 'scope,
    {
        let (workbook, toolchain, exercise) = self.state.start_run();
        self.draw();
        if after_save {
            settle(&self.events, &mut self.pending);
        }
        let sender = self.sender.clone();
        scope.spawn(move || {
            let checked = check_and_record(workbook, toolchain, &exercise);
            let _ = sender.send(WatchEvent::RunFinished(checked));
        });
    }

    fn draw(&self) {
        match self.state.render() {
            Ok(text) => self.screen.draw(&text),
            Err(error) => self.screen.write(&format!("error: {error:#}\n")),
        }
    }

    fn watch_folder(&mut self) {
        let dir = self.state.exercise().dir.clone();
        let Some(watcher) = self.watcher.as_mut() else {
            self.state.reruns = Reruns::OnKey;
            return;
        };
        if let Some(old) = self.watched_dir.take() {
            let _ = watcher.unwatch(&old);
        }
        match watcher.watch(&dir, RecursiveMode::NonRecursive) {
            Ok(()) => self.watched_dir = Some(dir),
            Err(error) => {
                self.state.note(&fall_back(&error));
                self.watcher = None;
                self.state.reruns = Reruns::OnKey;
            }
        }
    }

    /// Leaves `watch`; a run still going is stopped with every process it started.
    fn quit(&self) -> ExitCode {
        self.screen.write("Bye. Your progress is saved.\n");
        if self.state.running {
            self.screen.restore();
            runner::process::exit_killing_children(0);
        }
        ExitCode::SUCCESS
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
