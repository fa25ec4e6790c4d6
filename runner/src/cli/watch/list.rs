//! The list inside `watch`: move with the arrows or j/k, Enter switches to
//! the selected exercise, `r` resets it (after a yes), d/p/a filter.

use std::fmt::Write as _;

use runner::exercise::Exercise;
use runner::progress::Progress;

use super::event::Key;

/// The list's keys, the last line of its screen.
pub const LIST_KEYS: &str = "keys: ↑/k ↓/j move · Enter work on it · r reset · d done · p pending · a all · l/Esc back · q quit";

/// Which exercises the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFilter {
    /// Every exercise.
    All,
    /// Those that passed.
    Done,
    /// Those that did not pass yet.
    Pending,
}

/// What a key asks of `watch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListAction {
    /// Stay in the list and redraw it.
    Stay,
    /// Work on the exercise at this index.
    Switch(usize),
    /// Reset the exercise at this index (the learner said yes).
    Reset(usize),
    /// Back to the exercise being watched.
    Back,
    /// Leave `watch`.
    Quit,
}

/// The list's state: the selected exercise, the filter, a pending question.
#[derive(Debug)]
pub struct ListView {
    selected: usize,
    filter: ListFilter,
    asking_reset: bool,
}

impl ListView {
    /// A list with the exercise at `current` selected.
    pub fn new(current: usize) -> Self {
        Self {
            selected: current,
            filter: ListFilter::All,
            asking_reset: false,
        }
    }

    /// Acts on `key`.
    pub fn handle(&mut self, key: Key, exercises: &[Exercise], progress: &Progress) -> ListAction {
        if self.asking_reset {
            self.asking_reset = false;
            return match key {
                Key::Char('y') => ListAction::Reset(self.selected),
                _ => ListAction::Stay,
            };
        }
        let visible = self.visible(exercises, progress);
        let position = visible.iter().position(|index| *index == self.selected);
        match key {
            Key::Up | Key::Char('k') => {
                if let Some(previous) = position.and_then(|p| p.checked_sub(1)) {
                    self.selected = visible[previous];
                }
            }
            Key::Down | Key::Char('j') => {
                if let Some(next) = position.and_then(|p| visible.get(p + 1)) {
                    self.selected = *next;
                }
            }
            Key::Enter if position.is_some() => return ListAction::Switch(self.selected),
            Key::Char('r') if position.is_some() => self.asking_reset = true,
            Key::Char('d') => self.set_filter(ListFilter::Done, exercises, progress),
            Key::Char('p') => self.set_filter(ListFilter::Pending, exercises, progress),
            Key::Char('a') => self.set_filter(ListFilter::All, exercises, progress),
            Key::Char('l') | Key::Escape => return ListAction::Back,
            Key::Char('q') | Key::Interrupt => return ListAction::Quit,
            _ => {}
        }
        ListAction::Stay
    }

    fn set_filter(&mut self, filter: ListFilter, exercises: &[Exercise], progress: &Progress) {
        self.filter = filter;
        let visible = self.visible(exercises, progress);
        if !visible.contains(&self.selected)
            && let Some(first) = visible.first()
        {
            self.selected = *first;
        }
    }

    fn visible(&self, exercises: &[Exercise], progress: &Progress) -> Vec<usize> {
        (0..exercises.len())
            .filter(|index| {
                let done = progress.is_done(exercises[*index].name.as_str());
                match self.filter {
                    ListFilter::All => true,
                    ListFilter::Done => done,
                    ListFilter::Pending => !done,
                }
            })
            .collect()
    }

    /// The list as screen text, without its keys; `current` is the exercise being watched.
    /// On a terminal `columns` is its width: a row is cut there, so it never wraps.
    pub fn render(
        &self,
        exercises: &[Exercise],
        progress: &Progress,
        current: usize,
        columns: Option<usize>,
    ) -> String {
        let done = exercises
            .iter()
            .filter(|e| progress.is_done(e.name.as_str()))
            .count();
        let showing = match self.filter {
            ListFilter::All => "all",
            ListFilter::Done => "done",
            ListFilter::Pending => "pending",
        };
        let mut text = format!(
            "Exercises ({done}/{} done), showing {showing}\n\n",
            exercises.len()
        );
        let width = exercises
            .iter()
            .map(|e| e.name.as_str().len())
            .max()
            .unwrap_or(0);
        let visible = self.visible(exercises, progress);
        if visible.is_empty() {
            let _ = writeln!(text, "  (none: press a to show all)");
        }
        for index in visible {
            let exercise = &exercises[index];
            let name = exercise.name.as_str();
            let mark = if progress.is_done(name) { "[x]" } else { "[ ]" };
            let watched = if index == current { "*" } else { " " };
            let pointer = if index == self.selected { ">" } else { " " };
            let row = format!(
                "{pointer}{watched} {mark} {name:<width$}  {}",
                exercise.manifest.summary
            );
            let row = match columns {
                Some(columns) => fit_to_width(row, columns),
                None => row,
            };
            let row = if columns.is_some() && index == self.selected {
                format!("\x1b[7m{row}\x1b[0m")
            } else {
                row
            };
            let _ = writeln!(text, "{row}");
        }
        text.push('\n');
        if self.asking_reset {
            let name = exercises[self.selected].name.as_str();
            let _ = writeln!(
                text,
                "Reset {name} to its starter? Your files are backed up first. Press y to reset, any other key to keep them."
            );
        }
        text
    }
}

/// `row` cut to `columns` characters, ending in `…` when it was longer.
fn fit_to_width(row: String, columns: usize) -> String {
    if row.chars().count() <= columns {
        return row;
    }
    let mut cut: String = row.chars().take(columns.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::fit_to_width;

    #[test]
    fn rows_longer_than_the_terminal_are_cut_with_an_ellipsis() {
        assert_eq!(fit_to_width("abcdef".into(), 4), "abc…");
        assert_eq!(fit_to_width("abcd".into(), 4), "abcd");
        assert_eq!(fit_to_width("zoë🦀x".into(), 4), "zoë…");
    }
}
