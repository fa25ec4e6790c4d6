//! The screens of `watch`, made from its state: the exercise screen (the
//! welcome, the status, the last run or "running…", the keys) and the list.

use std::fmt::Write as _;

use anyhow::Result;
use runner::progress::Progress;

use super::super::list::LIST_KEYS;
use super::{KEYS, WatchState};

impl WatchState<'_> {
    fn all_done(&self, progress: &Progress) -> bool {
        (self.exercises.iter()).all(|exercise| progress.is_done(exercise.name.as_str()))
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
        if self.running {
            text.push_str("\nrunning… (h hint · q quit act now; other keys wait for the run)\n");
        } else if let Some((checked, _)) = &self.last_run
            && self.welcome.is_some()
            && !checked.passed()
        {
            // The first screen keeps the welcome whole: the report waits for a key.
            let stage =
                (checked.report.first_failure()).map_or("run", |failure| failure.stage.as_str());
            let _ = writeln!(
                text,
                "\nExercise {} is not done yet: it fails at stage {stage}, as every starter does until you edit it. Press Enter for the report, h for the hint.",
                checked.name
            );
        } else if let Some((checked, _)) = &self.last_run {
            text.push('\n');
            text.push_str(&checked.report.render_for_learner(self.render));
            text.push_str(&checked.notes);
            text.push_str(&checked.verdict_line("Stuck? Press h for the hint."));
        }
        // The summary stays while every exercise is done, whatever key came since.
        if !self.running && self.all_done(&progress) {
            text.push_str(&self.completion()?);
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
            _ if self.running => format!("run {} running", self.runs + 1),
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
pub(super) fn clock_time() -> String {
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
