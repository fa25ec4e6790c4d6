//! The run's trace in the Chrome Trace Event Format (the JSON Object Format
//! that Perfetto UI and `chrome://tracing` open), for `runner chapter X
//! --variant V --trace FILE`. Each lane of the drawing is a track (`tid`) of
//! one process; a call or an import is a `B`/`E` pair on the lane it runs
//! on, closed by its return; every other event is an instant (`i`). Times are
//! the host's stamps, in microseconds from the first event.

use serde::Deserialize;
use serde_json::{Value, json};

use super::TraceEvent;

/// An event as the host printed it, with its stamp.
#[derive(Deserialize)]
struct Stamped {
    #[serde(flatten)]
    event: TraceEvent,
    /// Milliseconds since the epoch (see tracer.mjs).
    #[serde(default)]
    t: Option<f64>,
}

/// The Trace Event Format document of `trace` (the events after the trace
/// prefix, one JSON object a line).
///
/// # Errors
///
/// Names the first line that is not a valid event, by its number.
pub fn chrome_trace(trace: &str) -> Result<Value, String> {
    let stamped: Vec<Stamped> = super::parse_trace_as(trace)?;
    // Threads stamp with one clock, but print in log order, not time order.
    let origin = stamped
        .iter()
        .filter_map(|event| event.t)
        .fold(None, |earliest: Option<f64>, t| {
            Some(earliest.map_or(t, |e| e.min(t)))
        })
        .unwrap_or(0.0);
    let mut tracks = Tracks::default();
    let mut last_ts = 0.0;
    for Stamped { event, t } in &stamped {
        // An event without a stamp keeps the time of the one before it.
        let ts = t.map_or(last_ts, |t| (t - origin) * 1000.0);
        last_ts = ts;
        tracks.add(event, ts);
    }
    let end = stamped
        .iter()
        .filter_map(|event| event.t)
        .fold(origin, f64::max);
    tracks.close_all((end - origin) * 1000.0);
    let mut events = tracks.names();
    events.append(&mut tracks.events);
    Ok(json!({ "traceEvents": events, "displayTimeUnit": "ms" }))
}

/// The lanes seen so far (a lane's `tid` is its position plus one), the
/// calls open on each, and the events written.
#[derive(Default)]
struct Tracks {
    lanes: Vec<String>,
    open: Vec<Vec<String>>,
    events: Vec<Value>,
}

impl Tracks {
    fn tid(&mut self, lane: &str) -> usize {
        if let Some(index) = self.lanes.iter().position(|known| known == lane) {
            return index + 1;
        }
        self.lanes.push(lane.to_string());
        self.open.push(Vec::new());
        self.lanes.len()
    }

    fn add(&mut self, event: &TraceEvent, ts: f64) {
        let from = self.tid(&event.from);
        if let Some(to) = event.to.as_deref().map(|lane| self.tid(lane)) {
            if self.close(from, &event.text, ts) {
                return;
            }
            if let Some(name) = called_name(&event.text) {
                self.open[to - 1].push(name.to_string());
                self.push("B", to, name, ts, &event.text);
                return;
            }
        }
        let mut instant = record("i", from, &event.text, ts, &event.text);
        instant["s"] = json!("t");
        self.events.push(instant);
    }

    /// Closes the call open on `tid` that `text` says returned or threw
    /// (and any opened inside it that never returned, such as a paused one).
    fn close(&mut self, tid: usize, text: &str, ts: f64) -> bool {
        let Some(name) = text
            .split_once(" returned")
            .or_else(|| text.split_once(" threw"))
            .map(|(name, _)| name)
        else {
            return false;
        };
        let Some(depth) = self.open[tid - 1].iter().rposition(|open| open == name) else {
            return false;
        };
        for _ in depth..self.open[tid - 1].len() {
            let closed = self.open[tid - 1].pop().unwrap_or_default();
            self.push("E", tid, &closed, ts, text);
        }
        true
    }

    fn close_all(&mut self, ts: f64) {
        for tid in 1..=self.lanes.len() {
            while let Some(name) = self.open[tid - 1].pop() {
                self.push("E", tid, &name, ts, "still open when the trace ended");
            }
        }
    }

    fn push(&mut self, ph: &str, tid: usize, name: &str, ts: f64, text: &str) {
        self.events.push(record(ph, tid, name, ts, text));
    }

    /// Metadata events naming the process and each lane's track.
    fn names(&self) -> Vec<Value> {
        let process = json!({ "ph": "M", "name": "process_name", "pid": 1, "tid": 0, "ts": 0,
            "args": { "name": "workbook run" } });
        std::iter::once(process)
            .chain(self.lanes.iter().enumerate().map(|(index, lane)| {
                json!({ "ph": "M", "name": "thread_name", "pid": 1, "tid": index + 1, "ts": 0,
                    "args": { "name": lane } })
            }))
            .collect()
    }
}

fn record(ph: &str, tid: usize, name: &str, ts: f64, text: &str) -> Value {
    json!({ "ph": ph, "name": name, "ts": ts, "pid": 1, "tid": tid, "args": { "event": text } })
}

/// `sleep` in `call sleep(50)`, `import now_ms()` or `promising sleep(60): new stack`.
fn called_name(text: &str) -> Option<&str> {
    let rest = ["call ", "import ", "promising "]
        .iter()
        .find_map(|kind| text.strip_prefix(kind))?;
    let name = &rest[..rest.find('(')?];
    (!name.is_empty() && !name.contains(' ')).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRACE: &str = concat!(
        "{\"from\":\"main\",\"to\":\"wasm\",\"text\":\"call sleep(100)\",\"t\":1000.0}\n",
        "{\"from\":\"wasm\",\"to\":\"main\",\"text\":\"import now_ms()\",\"t\":1000.5}\n",
        "{\"from\":\"main\",\"to\":\"wasm\",\"text\":\"now_ms returned\",\"t\":1000.75}\n",
        "{\"from\":\"wasm\",\"to\":\"main\",\"text\":\"sleep returned\",\"t\":1100.0}\n",
        "{\"from\":\"main\",\"text\":\"a note\",\"t\":1101.0}\n",
    );

    #[test]
    fn calls_become_begin_end_pairs_on_their_lane_and_notes_instants() {
        let document = chrome_trace(TRACE).unwrap();
        let events = document["traceEvents"].as_array().unwrap();
        let shown: Vec<(&str, &str, u64, f64)> = events
            .iter()
            .filter(|event| event["ph"] != "M")
            .map(|event| {
                (
                    event["ph"].as_str().unwrap(),
                    event["name"].as_str().unwrap(),
                    event["tid"].as_u64().unwrap(),
                    event["ts"].as_f64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("B", "sleep", 2, 0.0),
                ("B", "now_ms", 1, 500.0),
                ("E", "now_ms", 1, 750.0),
                ("E", "sleep", 2, 100_000.0),
                ("i", "a note", 1, 101_000.0),
            ]
        );
        let names: Vec<&str> = events
            .iter()
            .filter(|event| event["name"] == "thread_name")
            .map(|event| event["args"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["main", "wasm"]);
    }

    #[test]
    fn a_call_that_never_returned_is_closed_at_the_end_and_a_bad_line_named() {
        let document =
            chrome_trace("{\"from\":\"main\",\"to\":\"wasm\",\"text\":\"call run()\",\"t\":5}")
                .unwrap();
        let phases: Vec<&str> = document["traceEvents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|event| event["ph"].as_str().unwrap())
            .collect();
        assert_eq!(phases, ["M", "M", "M", "B", "E"]);
        let error = chrome_trace("{}\nnot json").unwrap_err();
        assert!(error.starts_with("trace event 1 is not valid"), "{error}");
    }
}
