//! One line on stderr while long work runs: done/total, failures so far and
//! the item being worked on. Only people read it, so it is drawn only for
//! text output on a terminal and leaves no trace in captured output.

use std::io::IsTerminal;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// The progress of `total` items, some running at once.
pub struct ProgressLine {
    bar: ProgressBar,
    counts: Mutex<Counts>,
}

#[derive(Default)]
struct Counts {
    failed: usize,
    running: Vec<String>,
}

/// True when a progress line may be drawn: text output, and stderr is a terminal.
pub fn progress_shown(text_output: bool) -> bool {
    text_output && std::io::stderr().is_terminal()
}

impl ProgressLine {
    /// A line counting `total` items, drawn only when `shown`.
    pub fn new(total: usize, shown: bool) -> Self {
        let bar = if shown {
            let bar = ProgressBar::new(total as u64);
            // A hang holds every count still; the clock shows the run is alive.
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        } else {
            ProgressBar::hidden()
        };
        if let Ok(style) = ProgressStyle::with_template("[{elapsed}] {pos}/{len} done, {msg}") {
            bar.set_style(style);
        }
        Self {
            bar,
            counts: Mutex::new(Counts::default()),
        }
    }

    /// `item` is being worked on.
    pub fn started(&self, item: &str) {
        let mut counts = self.counts();
        counts.running.push(item.to_string());
        self.bar.set_message(counts.message());
    }

    /// `item` is done; `passed` says how it went.
    pub fn finished(&self, item: &str, passed: bool) {
        let mut counts = self.counts();
        if let Some(index) = counts.running.iter().position(|running| running == item) {
            counts.running.remove(index);
        }
        counts.failed += usize::from(!passed);
        self.bar.set_message(counts.message());
        self.bar.inc(1);
    }

    /// Removes the line, so that what follows starts on a clean line.
    pub fn clear(&self) {
        self.bar.finish_and_clear();
    }

    fn counts(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.counts.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Counts {
    fn message(&self) -> String {
        let current = match self.running.as_slice() {
            [] => String::new(),
            [only] => format!(": {only}"),
            [.., last] => format!(": {last} (+{} more)", self.running.len() - 1),
        };
        format!("{} failed{current}", self.failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_counts_failures_and_names_the_latest_running_item() {
        let line = ProgressLine::new(3, false);
        line.started("ada/greet-js");
        line.started("bob/greet-js");
        assert_eq!(line.counts().message(), "0 failed: bob/greet-js (+1 more)");
        line.finished("bob/greet-js", false);
        assert_eq!(line.counts().message(), "1 failed: ada/greet-js");
        line.finished("ada/greet-js", true);
        assert_eq!(line.counts().message(), "1 failed");
        assert_eq!(line.bar.position(), 2);
    }
}
