//! What `watch` shows and where it is: the exercise, its last run, the
//! verbose switch, the list when it is open, and the screen made from them.

use std::fmt::Write as _;

use anyhow::Result;
use runner::exercise::{CheckedExercise, Exercise, make_learner_copies, next_unfinished};
use runner::progress::Progress;
use runner::report::render::RenderOptions;
use runner::toolchain::Toolchain;
use runner::workbook::Workbook;

mod render;

use super::event::Key;
use super::list::{ListAction, ListView};
use crate::cli::welcome::welcome;

/// The keys of the exercise screen, the last line of it.
pub const KEYS: &str = "keys: h hint · v verbose · l list · n next · r rerun · q quit";

/// What reruns the exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reruns {
    /// Every save of a learner's file (and `r`).
    OnSave,
    /// Only `r`: saves are not watched.
    OnKey,
}

/// What the loop does after a key.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    /// Draw the screen again.
    Redraw,
    /// Another exercise: watch its folder, then draw.
    Switched,
    /// Check the exercise again, in the background.
    Run,
    /// The run must end before this key can act: keep it until then.
    Defer,
    /// Leave `watch`.
    Quit,
}

/// The exercise screen's keys.
enum ExerciseKey {
    Hint,
    Verbose,
    List,
    Next,
    Rerun,
    Quit,
    Unknown(char),
}

impl ExerciseKey {
    fn from_key(key: Key) -> Option<Self> {
        Some(match key {
            Key::Char('h') => Self::Hint,
            Key::Char('v') => Self::Verbose,
            Key::Char('l') => Self::List,
            Key::Char('n') => Self::Next,
            Key::Char('r') => Self::Rerun,
            Key::Char('q') | Key::Escape | Key::Interrupt => Self::Quit,
            Key::Char(other) => Self::Unknown(other),
            Key::Up | Key::Down | Key::Enter => return None,
        })
    }
}

/// Everything `watch` knows.
pub struct WatchState<'a> {
    workbook: &'a Workbook,
    toolchain: &'a Toolchain,
    /// Every exercise, in watch order.
    pub exercises: Vec<Exercise>,
    /// The one being watched.
    pub index: usize,
    /// What reruns the exercise: saves, or only `r`.
    pub reruns: Reruns,
    /// Colors, and `v`'s details; never the lesson's log.
    render: RenderOptions,
    runs: u32,
    last_run: Option<(CheckedExercise, String)>,
    welcome: Option<String>,
    message: String,
    list: Option<ListView>,
    saved_while_listing: bool,
    /// A check is running in the background.
    pub running: bool,
    /// The screen is a terminal: text is fitted to its size (colors aside).
    pub on_terminal: bool,
}

impl<'a> WatchState<'a> {
    /// Starts at `index`; `first_time` shows the welcome on the first screen.
    pub fn new(
        workbook: &'a Workbook,
        toolchain: &'a Toolchain,
        exercises: Vec<Exercise>,
        index: usize,
        color: bool,
        first_time: bool,
    ) -> Self {
        Self {
            welcome: first_time.then(|| welcome(workbook)),
            workbook,
            toolchain,
            exercises,
            index,
            reruns: Reruns::OnSave,
            render: RenderOptions {
                color,
                verbose: false,
                show_log: false,
            },
            runs: 0,
            last_run: None,
            message: String::new(),
            list: None,
            saved_while_listing: false,
            running: false,
            on_terminal: false,
        }
    }

    /// The exercise being watched.
    pub fn exercise(&self) -> &Exercise {
        &self.exercises[self.index]
    }

    /// True while the list is open (saves then wait until it closes).
    pub fn listing(&self) -> bool {
        self.list.is_some()
    }

    /// Adds a line below the keys on the next screen.
    pub fn note(&mut self, text: &str) {
        self.message.push_str(text);
        self.message.push('\n');
    }

    /// Makes `index` the exercise being watched: saved as current, and the
    /// learner's copies made; the caller runs it once its folder is watched.
    ///
    /// # Errors
    ///
    /// Fails when progress cannot be saved or a starter cannot be copied.
    pub fn enter_without_run(&mut self) -> Result<()> {
        Progress::load(self.workbook)?.set_current(self.exercise().name.as_str())?;
        let made = make_learner_copies(self.workbook, self.exercise())?;
        self.message.push_str(&made);
        self.runs = 0;
        self.last_run = None;
        Ok(())
    }

    /// Marks a check as started and returns what the background run needs.
    pub fn start_run(&mut self) -> (&'a Workbook, &'a Toolchain, Exercise) {
        self.running = true;
        (self.workbook, self.toolchain, self.exercise().clone())
    }

    /// The background check ended with `checked`.
    ///
    /// # Errors
    ///
    /// Passes on the run's tool errors (Node missing, I/O), not a failing exercise.
    pub fn finished(&mut self, checked: Result<CheckedExercise>) -> Result<Flow> {
        self.running = false;
        self.runs += 1;
        self.last_run = Some((checked?, render::clock_time()));
        Ok(Flow::Redraw)
    }

    /// A save of a learner's file arrived.
    pub fn saved(&mut self) -> Flow {
        self.welcome = None;
        if self.listing() {
            self.saved_while_listing = true;
            return Flow::Redraw;
        }
        self.message.clear();
        Flow::Run
    }

    /// Acts on `key` while a check runs: the hint, the details and leaving
    /// act at once; anything else waits for the run to end.
    pub fn handle_key_while_running(&mut self, key: Key) -> Flow {
        if self.listing() {
            return Flow::Defer;
        }
        match ExerciseKey::from_key(key) {
            Some(ExerciseKey::Hint) => {
                self.message.clear();
                self.show_hint();
                Flow::Redraw
            }
            Some(ExerciseKey::Verbose) => {
                self.render.verbose = !self.render.verbose;
                Flow::Redraw
            }
            Some(ExerciseKey::Quit) => Flow::Quit,
            _ => Flow::Defer,
        }
    }

    fn show_hint(&mut self) {
        let hint = format!(
            "Hint for {}:\n{}\n",
            self.exercise().name,
            self.exercise().hint()
        );
        self.message.push_str(&hint);
    }

    /// Acts on `key`.
    ///
    /// # Errors
    ///
    /// Fails on tool errors while rerunning, resetting or saving progress.
    pub fn handle_key(&mut self, key: Key) -> Result<Flow> {
        self.welcome = None;
        if let Some(list) = self.list.as_mut() {
            let progress = Progress::load(self.workbook)?;
            let action = list.handle(key, &self.exercises, &progress);
            return self.list_action(action);
        }
        self.message.clear();
        let Some(key) = ExerciseKey::from_key(key) else {
            return Ok(Flow::Redraw);
        };
        match key {
            ExerciseKey::Hint => self.show_hint(),
            ExerciseKey::Verbose => self.render.verbose = !self.render.verbose,
            ExerciseKey::List => self.list = Some(ListView::new(self.index)),
            ExerciseKey::Rerun => return Ok(Flow::Run),
            ExerciseKey::Next => return self.next(),
            ExerciseKey::Quit => return Ok(Flow::Quit),
            ExerciseKey::Unknown(other) => {
                let _ = writeln!(self.message, "Unknown key `{other}`. {KEYS}");
            }
        }
        Ok(Flow::Redraw)
    }

    fn list_action(&mut self, action: ListAction) -> Result<Flow> {
        match action {
            ListAction::Stay => {}
            ListAction::Quit => return Ok(Flow::Quit),
            ListAction::Back => {
                self.list = None;
                if std::mem::take(&mut self.saved_while_listing) {
                    return Ok(Flow::Run);
                }
            }
            ListAction::Switch(index) => {
                self.list = None;
                self.message.clear();
                self.saved_while_listing = false;
                self.index = index;
                return Ok(Flow::Switched);
            }
            ListAction::Reset(index) => {
                let exercise = &self.exercises[index];
                self.message.clear();
                for (learner, backup) in exercise.reset(self.workbook.learner_root())? {
                    let _ = writeln!(
                        self.message,
                        "Backed up `{}` to `{}`.",
                        self.workbook.shown(&learner),
                        self.workbook.shown(&backup)
                    );
                }
                for removed in exercise.remove_revealed_solution()? {
                    let _ = writeln!(
                        self.message,
                        "Removed the revealed solution `{}`.",
                        self.workbook.shown(&removed)
                    );
                }
                Progress::load(self.workbook)?.record(exercise.name.as_str(), false)?;
                let _ = writeln!(self.message, "Reset {} to its starter.", exercise.name);
                if index == self.index {
                    self.saved_while_listing = true;
                }
            }
        }
        Ok(Flow::Redraw)
    }

    /// `n`: the next unfinished exercise after this one, wrapping around.
    fn next(&mut self) -> Result<Flow> {
        let progress = Progress::load(self.workbook)?;
        if let Some(next) = next_unfinished(&self.exercises, &progress, self.index) {
            self.index = next;
            return Ok(Flow::Switched);
        }
        if !progress.is_done(self.exercise().name.as_str()) {
            self.note("This is the last unfinished exercise: n moves on once it passes.");
        }
        Ok(Flow::Redraw)
    }
}
