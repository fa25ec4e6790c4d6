//! The rule that keeps a drawing independent of machine speed: a run of one
//! event, or of a pair of events, repeated back to back is drawn once and
//! marked "× many". How many times a busy wait asks the clock depends on the
//! machine; that it asks again and again does not. The host stops printing a
//! run once it has repeated twice (`node-harness/lib/trace/tracer.mjs`), so the
//! runner sees two or more repetitions, never how many there were.

use super::TraceEvent;

/// One row of a drawing: an event, and whether it ends a repeated group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row<'a> {
    /// The event drawn on this row.
    pub event: &'a TraceEvent,
    /// `Some(n)`: this row and the `n - 1` before it repeated, 2 or more times.
    pub repeats: Option<usize>,
}

/// The longest group a repetition is looked for in: a call and its return.
const LONGEST_GROUP: usize = 2;

/// The rows of `events`, each back-to-back repetition collapsed into one group.
pub fn collapse(events: &[TraceEvent]) -> Vec<Row<'_>> {
    let mut rows = Vec::new();
    let mut start = 0;
    while start < events.len() {
        let repeated = (1..=LONGEST_GROUP)
            .map(|size| (size, repetitions(events, start, size)))
            .find(|&(_, times)| times >= 2);
        let Some((size, times)) = repeated else {
            rows.push(Row {
                event: &events[start],
                repeats: None,
            });
            start += 1;
            continue;
        };
        let group = &events[start..start + size];
        rows.extend(group.iter().enumerate().map(|(offset, event)| Row {
            event,
            repeats: (offset + 1 == size).then_some(size),
        }));
        start += size * times;
    }
    rows
}

/// How many times the `size` events from `start` occur back to back there.
fn repetitions(events: &[TraceEvent], start: usize, size: usize) -> usize {
    let Some(group) = events.get(start..start + size) else {
        return 0;
    };
    // A pair of equal events is a run of one event, found first; an Asyncify
    // pause is drawn with its stack, each time (the host never holds one back).
    let pair_of_one = size > 1 && group.windows(2).all(|pair| pair[0] == pair[1]);
    if pair_of_one || group.iter().any(|event| event.frames.is_some()) {
        return 0;
    }
    events[start..]
        .chunks(size)
        .take_while(|chunk| *chunk == group)
        .count()
}

/// The words a drawing appends to the row that ends a repeated group.
pub fn repeat_mark(size: usize, last_row: usize) -> String {
    if size == 1 {
        "   × many (2 or more in a row)".into()
    } else {
        format!(
            "   ↑ rows {}–{last_row} × many (2 or more in a row)",
            last_row + 1 - size
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(text: &str) -> TraceEvent {
        TraceEvent {
            from: "main".into(),
            to: Some("wasm".into()),
            text: text.into(),
            ..TraceEvent::default()
        }
    }

    fn shown(events: &[TraceEvent]) -> Vec<(String, Option<usize>)> {
        collapse(events)
            .into_iter()
            .map(|row| (row.event.text.clone(), row.repeats))
            .collect()
    }

    #[test]
    fn two_or_two_hundred_repetitions_draw_the_same() {
        let few: Vec<_> = ["start", "call", "return", "call", "return", "end"]
            .map(event)
            .to_vec();
        let mut many = vec![event("start")];
        for _ in 0..200 {
            many.extend([event("call"), event("return")]);
        }
        many.push(event("end"));
        let expected = vec![
            ("start".to_string(), None),
            ("call".to_string(), None),
            ("return".to_string(), Some(2)),
            ("end".to_string(), None),
        ];
        assert_eq!(shown(&few), expected);
        assert_eq!(shown(&many), expected);
    }

    #[test]
    fn a_run_of_one_event_and_single_events_stay_apart() {
        let events = ["a", "tick", "tick", "tick", "b", "a"].map(event);
        assert_eq!(
            shown(&events),
            vec![
                ("a".to_string(), None),
                ("tick".to_string(), Some(1)),
                ("b".to_string(), None),
                ("a".to_string(), None),
            ]
        );
    }
}
