//! A text sequence diagram: one column per lane, in the order lanes first
//! appear, one row per event in logical order. An arrow runs between two
//! lanes' lines; a note is a dot on one lane. Each row ends with the event's
//! number and text, so long texts never push the lanes apart.

use std::fmt::Write as _;

use super::TraceEvent;
use super::collapse::{Row, collapse, repeat_mark};

/// Blank columns between two lanes' names.
const GAP: usize = 2;

/// The diagram of `events`; a line saying so when there are none.
pub fn draw_sequence(events: &[TraceEvent]) -> String {
    draw_rows(&collapse(events))
}

/// The diagram of `rows` (see [`collapse`]).
pub fn draw_rows(rows: &[Row]) -> String {
    if rows.is_empty() {
        return "(no events were traced)\n".into();
    }
    let lanes = lanes_in_order(rows);
    let layout = Layout::new(&lanes);
    let mut text = String::new();
    let _ = writeln!(text, "{}", layout.header().trim_end());
    let _ = writeln!(text, "{}", layout.blank_row().trim_end());
    for (index, row) in rows.iter().enumerate() {
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

/// Lanes grouped by thread, `main` first and the workers by name; in each
/// thread its JavaScript, then its wasm, then its timers.
pub(crate) fn lanes_in_order<'a>(rows: &[Row<'a>]) -> Vec<&'a str> {
    let mut lanes: Vec<&str> = Vec::new();
    for event in rows.iter().map(|row| row.event) {
        for lane in std::iter::once(event.from.as_str()).chain(event.to.as_deref()) {
            if !lanes.contains(&lane) {
                lanes.push(lane);
            }
        }
    }
    lanes.sort_by_key(|lane| {
        let (thread, role) = thread_and_role(lane);
        (thread != "main", thread, role_rank(role))
    });
    lanes
}

/// The thread a lane belongs to, and its role there (see tracer.mjs's lanes).
pub(crate) fn thread_and_role(lane: &str) -> (&str, &str) {
    match lane {
        "main" => ("main", "js"),
        "wasm" | "timers" => ("main", lane),
        _ => ["wasm", "timers"]
            .iter()
            .find_map(|role| {
                let thread = lane.strip_suffix(role)?.strip_suffix(' ')?;
                Some((thread, *role))
            })
            .unwrap_or((lane, "js")),
    }
}

fn role_rank(role: &str) -> usize {
    ["js", "wasm", "timers"]
        .iter()
        .position(|known| *known == role)
        .unwrap_or(3)
}

/// Where each lane's role name starts and where its line runs; a thread's
/// name stands above its first lane.
struct Layout<'a> {
    names: Vec<&'a str>,
    threads: Vec<(&'a str, usize)>,
    roles: Vec<&'a str>,
    starts: Vec<usize>,
    centers: Vec<usize>,
    width: usize,
}

impl<'a> Layout<'a> {
    fn new(names: &[&'a str]) -> Self {
        let (mut starts, mut centers, mut roles, mut threads) = (vec![], vec![], vec![], vec![]);
        let mut x = 0;
        let mut thread_end = 0;
        for name in names {
            let (thread, role) = thread_and_role(name);
            if threads.last().map(|(last, _)| *last) != Some(thread) {
                x = x.max(thread_end);
                threads.push((thread, x));
                thread_end = x + thread.chars().count() + GAP;
            }
            let length = role.chars().count().max(1);
            starts.push(x);
            centers.push(x + (length - 1) / 2);
            roles.push(role);
            x += length + GAP;
        }
        Self {
            names: names.to_vec(),
            threads,
            roles,
            starts,
            centers,
            width: x.max(thread_end).saturating_sub(GAP),
        }
    }

    fn column(&self, lane: &str) -> Option<usize> {
        self.names
            .iter()
            .position(|name| *name == lane)
            .map(|index| self.centers[index])
    }

    fn header(&self) -> String {
        let mut threads = vec![' '; self.width];
        for (thread, start) in &self.threads {
            for (offset, c) in thread.chars().enumerate() {
                threads[start + offset] = c;
            }
        }
        let mut roles = vec![' '; self.width];
        for (role, start) in self.roles.iter().zip(&self.starts) {
            for (offset, c) in role.chars().enumerate() {
                roles[start + offset] = c;
            }
        }
        let line = |cells: Vec<char>| cells.into_iter().collect::<String>().trim_end().to_string();
        format!("{}\n{}", line(threads), line(roles))
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

    use crate::trace::test_event as event;

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
            "main\n\
             js  wasm  timers\n\
             │    │      │\n\
             ├───▶│      │       1  call run()\n\
             │◀───┤      │       2  import sleep(5)\n\
             ├──────────▶│       3  setTimeout\n\
             │◀──────────┤       4  timer fired\n\
             │    ●      │       5  a note\n\
             │    │      │\n"
        );
    }

    #[test]
    fn lanes_group_by_thread_main_first_then_workers_by_name() {
        let events = [
            event("worker B", Some("worker B timers"), "setTimeout"),
            event("main", Some("timers"), "ticker"),
            event("worker A", Some("worker A wasm"), "call"),
            event("main", Some("worker A"), "start"),
        ];
        let drawing = draw_sequence(&events);
        let header: Vec<&str> = drawing.lines().take(2).collect();
        assert_eq!(
            header,
            [
                "main        worker A  worker B",
                "js  timers  js  wasm  js  timers"
            ]
        );
    }

    #[test]
    fn an_empty_trace_says_so() {
        assert_eq!(draw_sequence(&[]), "(no events were traced)\n");
    }
}
