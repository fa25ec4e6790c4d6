//! What `watch` shows and where it is: the exercise, its last run, the
//! verbose switch, the list when it is open, and the screen made from them.

use std::fmt::Write as _;

use anyhow::Result;
use runner::exercise::Exercise;
use runner::progress::Progress;
use runner::report::render::RenderOptions;
use runner::toolchain::Toolchain;
use runner::workbook::Workbook;

use super::list::{LIST_KEYS, ListAction, ListView};
use super::terminal_event::Key;
use crate::cli::exercises::{CheckedExercise, check_and_record, make_learner_copies};
use crate::cli::welcome::welcome;

/// The keys of the exercise screen, the last line of it.
pub const KEYS: &str = "keys: h hint · v verbose · l list · n next · r rerun · q quit";

/// What the loop does after a key.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    /// Draw the screen again.
    Redraw,
    /// Another exercise: watch its folder, then draw.
    Switched,
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
    /// Rerun only on `r`: saves are not watched.
    pub manual_run: bool,
    /// Colors, and `v`'s details; never the lesson's log.
    render: RenderOptions,
    runs: u32,
    last_run: Option<(CheckedExercise, String)>,
    welcome: Option<String>,
    message: String,
    list: Option<ListView>,
    saved_while_listing: bool,
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
            manual_run: false,
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

    /// Checks the exercise once more.
    ///
    /// # Errors
    ///
    /// Fails on tool errors (Node missing, I/O), not on a failing exercise.
    pub fn run(&mut self) -> Result<()> {
        let checked = check_and_record(self.workbook, self.toolchain, self.exercise())?;
        self.runs += 1;
        if checked.passed() && self.all_done()? {
            self.message.push_str(&self.completion()?);
        }
        self.last_run = Some((checked, clock_time()));
        Ok(())
    }

    /// A save of a learner's file arrived.
    ///
    /// # Errors
    ///
    /// As [`Self::run`].
    pub fn saved(&mut self) -> Result<Flow> {
        self.welcome = None;
        if self.listing() {
            self.saved_while_listing = true;
            return Ok(Flow::Redraw);
        }
        self.message.clear();
        self.run()?;
        Ok(Flow::Redraw)
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
            ExerciseKey::Hint => {
                let hint = format!(
                    "Hint for {}:\n{}\n",
                    self.exercise().name,
                    self.exercise().hint()
                );
                self.message.push_str(&hint);
            }
            ExerciseKey::Verbose => self.render.verbose = !self.render.verbose,
            ExerciseKey::List => self.list = Some(ListView::new(self.index)),
            ExerciseKey::Rerun => self.run()?,
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
                    self.run()?;
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
        let count = self.exercises.len();
        let next = (1..count)
            .map(|step| (self.index + step) % count)
            .find(|index| !progress.is_done(self.exercises[*index].name.as_str()));
        if let Some(next) = next {
            self.index = next;
            return Ok(Flow::Switched);
        }
        if progress.is_done(self.exercise().name.as_str()) {
            self.message.push_str(&self.completion()?);
        } else {
            self.note("This is the last unfinished exercise: n moves on once it passes.");
        }
        Ok(Flow::Redraw)
    }

    fn all_done(&self) -> Result<bool> {
        let progress = Progress::load(self.workbook)?;
        Ok(self
            .exercises
            .iter()
            .all(|exercise| progress.is_done(exercise.name.as_str())))
    }

    /// The message for a learner who finished every exercise.
    fn completion(&self) -> Result<String> {
        let mut text = format!(
            "\nAll {} exercises are done. You have now seen, by running it, how synchronous\nWebAssembly waits for asynchronous JavaScript:\n",
            self.exercises.len()
        );
        for chapter in self.workbook.chapters()? {
            let name = chapter.id.name();
            if self
                .exercises
                .iter()
                .any(|exercise| exercise.chapter == *name)
            {
                let _ = writeln!(text, "  - {name}: {}", chapter.manifest.summary);
            }
        }
        text.push_str("Press l to revisit any exercise, or q to quit.\n");
        Ok(text)
    }

    /// The whole screen.
    ///
    /// # Errors
    ///
    /// Fails when the progress file cannot be read.
    pub fn render(&self) -> Result<String> {
        let progress = Progress::load(self.workbook)?;
        if let Some(list) = &self.list {
            let columns = self
                .render
                .color
                .then(crossterm::terminal::size)
                .and_then(Result::ok)
                .map(|(columns, _)| usize::from(columns));
            let mut text = list.render(&self.exercises, &progress, self.index, columns);
            text.push_str(&self.message);
            let _ = writeln!(text, "{LIST_KEYS}");
            return Ok(text);
        }
        let mut text = self.welcome.clone().unwrap_or_default();
        text.push_str(&self.status(&progress));
        if let Some((checked, _)) = &self.last_run {
            text.push('\n');
            text.push_str(&checked.report.render_for_learner(self.render));
            text.push_str(&checked.notes);
            text.push_str(&checked.verdict_line("Stuck? Press h for the hint."));
        }
        // The keys come last, so a screen always ends with them.
        if !self.message.is_empty() {
            text.push('\n');
            text.push_str(&self.message);
        }
        let _ = writeln!(text, "\n{KEYS}");
        Ok(text)
    }

    fn status(&self, progress: &Progress) -> String {
        let exercise = self.exercise();
        let done = (self.exercises.iter())
            .filter(|e| progress.is_done(e.name.as_str()))
            .count();
        let files: Vec<String> = (exercise.files().iter())
            .map(|file| self.workbook.shown(&exercise.learner_file(file)))
            .collect();
        let when = if self.manual_run {
            "press r to rerun"
        } else {
            "reruns when you save"
        };
        let run = match &self.last_run {
            Some((_, time)) => format!("run {} at {time}", self.runs),
            None => "not run yet".to_string(),
        };
        let verbose = if self.render.verbose { "on" } else { "off" };
        let title = format!(
            "Exercise {}/{}: {} ({} chapter)",
            self.index + 1,
            self.exercises.len(),
            exercise.name,
            exercise.chapter
        );
        let title = if self.render.color {
            format!("\x1b[1m{title}\x1b[0m")
        } else {
            title
        };
        format!(
            "{title}\n{}\nEdit: {}\n[watching {}: {when}] {run} · {done}/{} done · verbose {verbose}\n",
            exercise.manifest.summary,
            files.join(", "),
            exercise.name,
            self.exercises.len()
        )
    }
}

/// The time of day, UTC, as HH:MM:SS: enough to see that a run happened.
fn clock_time() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
        % 86_400;
    format!(
        "{:02}:{:02}:{:02} UTC",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}
