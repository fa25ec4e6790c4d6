//! The stretches of a drawing in which a thread or a stack waits, derived
//! from the rows alone so they are as deterministic as the rows:
//!
//! - **blocked**: a thread cannot run its event loop. From the thread's last
//!   event before an `Atomics.wait` ended to that end; or, for a busy wait (a
//!   collapsed run of import calls), the whole export call that spins.
//! - **suspended** (JSPI): from the suspension to the resume on that wasm lane.
//! - **unwound** (Asyncify): from the unwind to the rewind on that wasm lane.

use super::collapse::Row;
use super::sequence::thread_and_role;

/// What a span shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SpanKind {
    /// A thread in `Atomics.wait` or in a busy wait.
    Blocked,
    /// A JSPI stack between its suspension and its resume.
    Suspended,
    /// An Asyncify stack between its unwind and its rewind.
    Unwound,
}

impl SpanKind {
    /// The word a figure's legend and tooltip use.
    pub fn name(self) -> &'static str {
        match self {
            Self::Blocked => "blocked",
            Self::Suspended => "suspended",
            Self::Unwound => "unwound",
        }
    }

    /// What the span means, for the legend.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Blocked => "the thread is stuck and its event loop cannot run",
            Self::Suspended => "JSPI keeps the wasm stack aside until the promise settles",
            Self::Unwound => "Asyncify saved the wasm stack in memory until the rewind",
        }
    }
}

/// A stretch of rows during which a lane waits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The lane that waits.
    pub lane: String,
    /// The row the span starts at (0-based).
    pub first: usize,
    /// The row it ends at.
    pub last: usize,
    /// What it shows.
    pub kind: SpanKind,
}

/// Every span of `rows`: blocked ones first, then the stack spans.
pub fn spans(rows: &[Row]) -> Vec<Span> {
    let mut found = blocked_by_waits(rows);
    found.extend(busy_waits(rows));
    found.extend(stack_spans(rows));
    found
}

fn blocked_by_waits(rows: &[Row]) -> Vec<Span> {
    let mut found = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let text = &row.event.text;
        let ended = text.contains("is over") || text.contains("timed out");
        if !(text.starts_with("Atomics.wait on") && ended) {
            continue;
        }
        let thread = thread_and_role(&row.event.from).0;
        let first = rows[..index]
            .iter()
            .rposition(|earlier| thread_and_role(&earlier.event.from).0 == thread)
            .unwrap_or(index);
        found.push(Span {
            lane: row.event.from.clone(),
            first,
            last: index,
            kind: SpanKind::Blocked,
        });
    }
    found
}

/// A collapsed run of import calls: wasm asks JavaScript again and again
/// without letting the event loop run, inside the export call around it.
fn busy_waits(rows: &[Row]) -> Vec<Span> {
    let mut found = Vec::new();
    for (end, row) in rows.iter().enumerate() {
        let Some(size) = row.repeats else { continue };
        let start = end + 1 - size;
        let Some(import) = rows[start..=end]
            .iter()
            .find(|row| row.event.text.starts_with("import "))
        else {
            continue;
        };
        let thread = thread_and_role(&import.event.from).0;
        let (first, last) = enclosing_call(rows, thread, start, end).unwrap_or((start, end));
        found.push(Span {
            lane: js_lane(thread),
            first,
            last,
            kind: SpanKind::Blocked,
        });
    }
    found
}

/// The rows of the innermost export call on `thread` that is running from
/// row `start` to row `end`, and of its return.
fn enclosing_call(rows: &[Row], thread: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let mut open: Vec<(usize, &str)> = Vec::new();
    for (index, row) in rows[..start].iter().enumerate() {
        if thread_and_role(&row.event.from).0 != thread {
            continue;
        }
        if let Some(name) = call_name(&row.event.text) {
            open.push((index, name));
        } else if open
            .last()
            .is_some_and(|(_, name)| ends_call(&row.event.text, name))
        {
            open.pop();
        }
    }
    let (first, name) = *open.last()?;
    let last = rows[end + 1..]
        .iter()
        .position(|row| ends_call(&row.event.text, name))
        .map_or(end, |offset| end + 1 + offset);
    Some((first, last))
}

fn call_name(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("call ")?;
    rest.split_once('(').map(|(name, _)| name)
}

fn ends_call(text: &str, name: &str) -> bool {
    text.strip_prefix(name)
        .is_some_and(|rest| rest == " returned" || rest.starts_with(" threw"))
}

/// The suspended (JSPI) and unwound (Asyncify) stretches: each ends at the
/// next resume on its lane, innermost first.
fn stack_spans(rows: &[Row]) -> Vec<Span> {
    let mut open: Vec<Span> = Vec::new();
    let mut done = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let text = row.event.text.as_str();
        let lane = wasm_lane(thread_and_role(&row.event.from).0);
        let starts = if text.starts_with("suspended") || text.contains("suspends, resumes") {
            Some(SpanKind::Suspended)
        } else if text.starts_with("unwound:") || text.starts_with("call asyncify_stop_unwind") {
            Some(SpanKind::Unwound)
        } else {
            None
        };
        if let Some(kind) = starts {
            open.push(Span {
                lane,
                first: index,
                last: index,
                kind,
            });
        } else if resumes(text)
            && let Some(position) = open.iter().rposition(|span| span.lane == lane)
        {
            let mut span = open.remove(position);
            span.last = index;
            done.push(span);
        }
    }
    done
}

/// Whether an event ends a suspension (JSPI) or an unwind (Asyncify).
fn resumes(text: &str) -> bool {
    ["resumed", "thrown into wasm", "to rewind"]
        .iter()
        .any(|words| text.contains(words))
        || text.starts_with("call asyncify_start_rewind")
}

fn wasm_lane(thread: &str) -> String {
    if thread == "main" {
        "wasm".to_string()
    } else {
        format!("{thread} wasm")
    }
}

fn js_lane(thread: &str) -> String {
    thread.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::collapse::collapse;
    use crate::trace::test_event as event;

    fn shown(spans: &[Span]) -> Vec<(&str, usize, usize, &str)> {
        spans
            .iter()
            .map(|span| (span.lane.as_str(), span.first, span.last, span.kind.name()))
            .collect()
    }

    #[test]
    fn a_wait_blocks_its_thread_from_its_last_event_to_the_wake() {
        let events = [
            event("worker A wasm", Some("worker A"), "import js_timeout(50)"),
            event(
                "worker A",
                Some("worker B"),
                "port message {durationMs, cell}",
            ),
            event("worker B", Some("worker B timers"), "setTimeout: sleep(50)"),
            event("worker B", Some("worker A"), "Atomics.notify on [0]"),
            event(
                "worker A",
                None,
                "Atomics.wait on [0] is over: the value changed",
            ),
        ];
        let rows = collapse(&events);
        assert_eq!(shown(&spans(&rows)), [("worker A", 1, 4, "blocked")]);
    }

    #[test]
    fn a_busy_wait_blocks_the_whole_call_that_spins() {
        let mut events = vec![event("main", Some("wasm"), "call sleep(100)")];
        for _ in 0..3 {
            events.push(event("wasm", Some("main"), "import now_ms()"));
            events.push(event("main", Some("wasm"), "now_ms returned"));
        }
        events.push(event("wasm", Some("main"), "sleep returned"));
        let rows = collapse(&events);
        assert_eq!(shown(&spans(&rows)), [("main", 0, 3, "blocked")]);
    }

    #[test]
    fn suspended_and_unwound_stacks_end_at_their_resume() {
        let events = [
            event(
                "wasm",
                Some("main"),
                "suspended: the stack waits for the promise",
            ),
            event("main", Some("wasm"), "wait's promise fulfilled: resumed"),
            event("main", Some("wasm"), "call asyncify_stop_unwind()"),
            event("main", Some("wasm"), "call asyncify_start_rewind(1024)"),
        ];
        let rows = collapse(&events);
        assert_eq!(
            shown(&spans(&rows)),
            [("wasm", 0, 1, "suspended"), ("wasm", 2, 3, "unwound")]
        );
    }
}
