//! The event trace a harness's host records beside its log (see
//! `node-harness/lib/trace/tracer.mjs`), and the drawing made from it: a sequence
//! diagram with one lane per thread, wasm and timer queue
//! ([`sequence`]), followed by the Asyncify stacks saved at each pause
//! ([`frames`]). The drawing holds logical order only, never timestamps, so
//! it is compared with a snapshot like the log.

pub mod chrome;
pub mod collapse;
pub mod frames;
pub mod messages;
pub mod sequence;
pub mod spans;
pub mod svg;
pub mod wakes;

use std::collections::BTreeMap;

use serde::Deserialize;

/// One recorded event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct TraceEvent {
    /// The lane it starts on: `main`, `wasm`, `timers`, a worker's name, ...
    pub from: String,
    /// The lane it goes to; `None` for a note on `from`.
    #[serde(default)]
    pub to: Option<String>,
    /// What happened, in words.
    pub text: String,
    /// At an Asyncify unwind: the wasm functions on the stack, innermost first.
    #[serde(default)]
    pub frames: Option<Vec<String>>,
    /// At an Asyncify unwind: the bytes the unwind saved, from the buffer's start.
    #[serde(default)]
    pub saved: Option<Vec<u8>>,
    /// At an Asyncify unwind: the buffer's start and end addresses.
    #[serde(default)]
    pub buffer: Option<[u32; 2]>,
    /// At `Atomics.notify`: the index of the shared cell it notified.
    #[serde(default)]
    pub notify: Option<u32>,
    /// When an `Atomics.wait` ended because the value changed: the cell's index.
    #[serde(default)]
    pub woken: Option<u32>,
    /// When a message was posted on a `MessagePort`: its label.
    #[serde(default)]
    pub sent: Option<String>,
    /// When a `MessagePort`'s `onmessage` received a message: its label.
    #[serde(default)]
    pub received: Option<String>,
}

/// The events of a trace (the lines after the wire's trace prefix, one JSON object each).
///
/// # Errors
///
/// Names the first line that is not a valid event, by its number.
pub fn parse_trace(trace: &str) -> Result<Vec<TraceEvent>, String> {
    parse_trace_as(trace)
}

/// The trace's lines as `T` (the drawn event, or one with its timestamps).
///
/// # Errors
///
/// Names the first line that is not a valid `T`, by its number.
pub fn parse_trace_as<T: serde::de::DeserializeOwned>(trace: &str) -> Result<Vec<T>, String> {
    trace
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            serde_json::from_str(line).map_err(|error| {
                format!("trace event {} is not valid ({error}): {line}", index + 1)
            })
        })
        .collect()
}

/// Shows as `…` the arguments of each call of `names` (`import NAME(...)`,
/// `call NAME(...)`): whole numbers stay in the trace, and these are the
/// ones a chapter declares as varying (`trace_varying` in chapter.toml).
pub fn elide_varying(events: &mut [TraceEvent], names: &[String]) {
    for event in events {
        for name in names {
            for kind in ["import", "call", "promising"] {
                let call = format!("{kind} {name}(");
                let Some(start) = event.text.find(&call) else {
                    continue;
                };
                let open = start + call.len();
                if let Some(close) = event.text[open..].find(')') {
                    event.text.replace_range(open..open + close, "…");
                }
            }
        }
    }
}

/// The SVG figure of `events` (see [`svg`]); `id` names its markers.
pub fn figure(events: &[TraceEvent], id: &str) -> String {
    let linked = link_threads(events);
    svg::draw_svg(&collapse::collapse(&linked), id)
}

/// The whole drawing of `events`: the sequence diagram, then the saved stacks.
/// `saved_locals` (see [`crate::build::saved_locals`]) lets the stacks
/// show what each frame saved; without it they show the saved bytes whole.
pub fn draw(events: &[TraceEvent], saved_locals: &BTreeMap<String, usize>) -> String {
    let linked = link_threads(events);
    let rows = collapse::collapse(&linked);
    let mut text = sequence::draw_rows(&rows);
    let stacks = frames::draw_stacks(&rows, saved_locals);
    if !stacks.is_empty() {
        text.push('\n');
        text.push_str(&stacks);
    }
    text
}

/// `events` with what one thread did to another drawn as arrows between
/// them: a notify to the wait it ended, a message to its receiver.
fn link_threads(events: &[TraceEvent]) -> Vec<TraceEvent> {
    messages::link_messages(&wakes::link_wakes(events))
}

/// An event for the drawers' unit tests.
#[cfg(test)]
pub(crate) fn test_event(from: &str, to: Option<&str>, text: &str) -> TraceEvent {
    TraceEvent {
        from: from.into(),
        to: to.map(Into::into),
        text: text.into(),
        ..TraceEvent::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elides_the_arguments_of_declared_calls_only() {
        let mut events = parse_trace(
            "{\"from\":\"wasm\",\"to\":\"main\",\"text\":\"import after(52)\"}\n\
             {\"from\":\"wasm\",\"to\":\"main\",\"text\":\"import before(50)\"}",
        )
        .unwrap();
        elide_varying(&mut events, &["after".to_string()]);
        assert_eq!(events[0].text, "import after(…)");
        assert_eq!(events[1].text, "import before(50)");
    }

    #[test]
    fn parses_events_and_names_a_bad_line() {
        let events = parse_trace(
            "{\"from\":\"main\",\"to\":\"wasm\",\"text\":\"call\",\"t\":1.5}\n\n{\"from\":\"wasm\",\"text\":\"x\"}",
        )
        .unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].to.as_deref(), Some("wasm"));
        assert_eq!(events[1].to, None);
        let error = parse_trace("{\"from\":1}").unwrap_err();
        assert!(error.starts_with("trace event 1 is not valid"), "{error}");
    }
}
