//! The screens of `watch`, made from its state: the exercise screen (the
//! welcome, the status, the last run or "running…", the keys) and the list.

use std::fmt::Write as _;

use anyhow::Result;
use runner::progress::Progress;

use super::super::list::LIST_KEYS;
use super::super::wrap::wrap_text;
use super::{KEYS, Reruns, WatchState};

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
            let columns = self.terminal_size().map(|(columns, _)| columns);
            let mut text = list.render(&self.exercises, &progress, self.index, columns);
            text.push_str(&self.message);
            let _ = writeln!(text, "{LIST_KEYS}");
            return Ok(text);
        }
        let mut before = self.welcome.clone().unwrap_or_default();
        before.push_str(&self.status(&progress));
        let mut report = String::new();
        let mut after = String::new();
        if self.running {
            before.push_str("\nrunning… (h hint · q quit act now; other keys wait for the run)\n");
        } else if let Some((checked, _)) = &self.last_run
            && self.welcome.is_some()
            && !checked.passed()
        {
            // The first screen keeps the welcome whole: the report waits for a key.
            let stage =
                (checked.report.first_failure()).map_or("run", |failure| failure.stage.as_str());
            let _ = writeln!(
                before,
                "\nExercise {} is not done yet: it fails at stage {stage}, as every starter does until you edit it. Press Enter for the report, h for the hint.",
                checked.name
            );
        } else if let Some((checked, _)) = &self.last_run {
            before.push('\n');
            report = checked.report.render_for_learner(self.render);
            after.push_str(&checked.notes);
            after.push_str(&checked.verdict_line("Stuck? Press h for the hint."));
        }
        // The summary stays while every exercise is done, whatever key came since.
        if !self.running && self.all_done(&progress) {
            after.push_str(&self.completion()?);
        }
        // The keys come last, so a screen always ends with them.
        if !self.message.is_empty() {
            after.push('\n');
            after.push_str(&self.message);
        }
        let _ = writeln!(after, "\n{KEYS}");
        if let Some((columns, rows)) = self.terminal_size() {
            let others = wrapped_rows(&before, columns) + wrapped_rows(&after, columns);
            report = fit_report(&report, columns, rows.saturating_sub(others + 1));
        }
        Ok(format!("{before}{report}{after}"))
    }

    /// Columns and rows of the terminal, when `watch` draws on one.
    fn terminal_size(&self) -> Option<(usize, usize)> {
        let (columns, rows) = self.on_terminal.then(crossterm::terminal::size)?.ok()?;
        (columns > 0 && rows > 0).then(|| (usize::from(columns), usize::from(rows)))
    }

    fn status(&self, progress: &Progress) -> String {
        let exercise = self.exercise();
        let done = (self.exercises.iter())
            .filter(|e| progress.is_done(e.name.as_str()))
            .count();
        let files: Vec<String> = (exercise.files().iter())
            .map(|file| self.workbook.shown(&exercise.learner_file(file)))
            .collect();
        let when = if self.reruns == Reruns::OnKey {
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

/// Rows `text` takes once wrapped to `columns`.
fn wrapped_rows(text: &str, columns: usize) -> usize {
    wrap_text(text, columns).lines().count()
}

/// The report cut to `rows` rows (at least a few), so the exercise's name
/// above it and the verdict and keys below it stay on screen.
fn fit_report(report: &str, columns: usize, rows: usize) -> String {
    let wrapped = wrap_text(report, columns);
    let lines: Vec<&str> = wrapped.lines().collect();
    if lines.len() <= rows {
        return report.to_string();
    }
    let kept = rows.saturating_sub(1).max(3);
    let mut text = lines[..kept.min(lines.len())].join("\n");
    let _ = writeln!(
        text,
        "\n… {} more lines: a taller terminal shows them all",
        lines.len() - kept.min(lines.len())
    );
    text
}

#[cfg(test)]
mod tests {
    use super::fit_report;

    #[test]
    fn a_report_taller_than_its_rows_is_cut_and_says_how_much_is_hidden() {
        let report = "a\nb\nc\nd\ne\nf\n";
        assert_eq!(fit_report(report, 80, 6), report);
        assert_eq!(
            fit_report(report, 80, 4),
            "a\nb\nc\n… 3 more lines: a taller terminal shows them all\n"
        );
        assert_eq!(
            fit_report(report, 80, 0),
            "a\nb\nc\n… 3 more lines: a taller terminal shows them all\n"
        );
    }
}
