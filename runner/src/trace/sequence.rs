//! A text sequence diagram: one column per lane, in the order lanes first
//! appear, one row per event in logical order. An arrow runs between two
//! lanes' lines; a note is a dot on one lane. Each row ends with the event's
//! number and text, so long texts never push the lanes apart.

use std::fmt::Write as _;

use super::collapse::{collapse, repeat_mark};
use super::TraceEvent;

/// Blank columns between two lanes' names.
const GAP: usize = 3;

/// The diagram of `events`; a line saying so when there are none.
pub fn draw_sequence(events: &[TraceEvent]) -> String {
    if events.is_empty() {
        return "(no events were traced)\n".into();
    }
    let lanes = lanes_in_order(events);
    let layout = Layout::new(&lanes);
    let mut text = String::new();
    let _ = writeln!(text, "{}", layout.header().trim_end());
    let _ = writeln!(text, "{}", layout.blank_row().trim_end());
    for (index, row) in collapse(events).into_iter().enumerate() {
        let mark = row
            .repeats
            .map(|size| repeat_mark(size, index + 1))
            .unwrap_or_default();
        let lanes = layout.event_row(row.event);
        let _ = writeln!(text, "{lanes}  {:>3}  {}{mark}", index + 1, row.event.text);
    }
    let _ = writeln!(text, "{}", layout.blank_row().trim_end());
    text
}

/// Lane names in the order they first appear, `from` before `to`; `main` first.
fn lanes_in_order(events: &[TraceEvent]) -> Vec<&str> {
    let mut lanes: Vec<&str> = Vec::new();
    for event in events {
        for lane in std::iter::once(event.from.as_str()).chain(event.to.as_deref()) {
            if !lanes.contains(&lane) {
                lanes.push(lane);
            }
        }
    }
    // The main thread's lane leads, whichever lane spoke first.
    if let Some(main) = lanes.iter().position(|lane| *lane == "main") {
        let lane = lanes.remove(main);
        lanes.insert(0, lane);
    }
    lanes
}

/// Where each lane's name starts and where its line runs.
struct Layout<'a> {
    names: Vec<&'a str>,
    starts: Vec<usize>,
    centers: Vec<usize>,
    width: usize,
}

impl<'a> Layout<'a> {
    fn new(names: &[&'a str]) -> Self {
        let mut starts = Vec::new();
        let mut centers = Vec::new();
        let mut x = 0;
        for name in names {
            let length = name.chars().count().max(1);
            starts.push(x);
            centers.push(x + (length - 1) / 2);
            x += length + GAP;
        }
        Self {
            names: names.to_vec(),
            starts,
            centers,
            width: x.saturating_sub(GAP),
        }
    }

    fn column(&self, lane: &str) -> Option<usize> {
        self.names
            .iter()
            .position(|name| *name == lane)
            .map(|index| self.centers[index])
    }

    fn header(&self) -> String {
        let mut row = vec![' '; self.width];
        for (name, start) in self.names.iter().zip(&self.starts) {
            for (offset, c) in name.chars().enumerate() {
                row[start + offset] = c;
            }
        }
        row.into_iter().collect()
    }

    fn blank_cells(&self) -> Vec<char> {
        let mut row = vec![' '; self.width];
        for &center in &self.centers {
            row[center] = '│';
        }
        row
    }

    fn blank_row(&self) -> String {
        self.blank_cells().into_iter().collect()
    }

    fn event_row(&self, event: &TraceEvent) -> String {
        let mut row = self.blank_cells();
        let from = self.column(&event.from);
        let to = event.to.as_deref().and_then(|lane| self.column(lane));
        match (from, to) {
            (Some(from), Some(to)) if from < to => {
                row[from] = '├';
                row[from + 1..to].fill('─');
                row[to - 1] = '▶';
            }
            (Some(from), Some(to)) if from > to => {
                row[to + 1..from].fill('─');
                row[to + 1] = '◀';
                row[from] = '┤';
            }
            (Some(at), _) => row[at] = '●',
            (None, _) => {}
        }
        row.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(from: &str, to: Option<&str>, text: &str) -> TraceEvent {
        TraceEvent {
            from: from.into(),
            to: to.map(Into::into),
            text: text.into(),
            frames: None,
            saved: None,
            buffer: None,
        }
    }

    #[test]
    fn draws_arrows_both_ways_and_notes() {
        let events = [
            event("main", Some("wasm"), "call run()"),
            event("wasm", Some("main"), "import sleep(5)"),
            event("main", Some("timers"), "setTimeout"),
            event("timers", Some("main"), "timer fired"),
            event("wasm", None, "a note"),
        ];
        assert_eq!(
            draw_sequence(&events),
            "main   wasm   timers\n\
             \x20│      │       │\n\
             \x20├─────▶│       │       1  call run()\n\
             \x20│◀─────┤       │       2  import sleep(5)\n\
             \x20├─────────────▶│       3  setTimeout\n\
             \x20│◀─────────────┤       4  timer fired\n\
             \x20│      ●       │       5  a note\n\
             \x20│      │       │\n"
        );
    }

    #[test]
    fn an_empty_trace_says_so() {
        assert_eq!(draw_sequence(&[]), "(no events were traced)\n");
    }
}
