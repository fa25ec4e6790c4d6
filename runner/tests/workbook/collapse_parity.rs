//! One collapsing rule: the live timeline's (`node-harness/lib/trace/collapse.mjs`,
//! fed one event at a time) and the drawings' (`runner::trace::collapse`) make
//! the same rows of every sequence of up to 7 events drawn from a few: a call,
//! its return, a note, and an Asyncify pause (which never collapses).

use runner::trace::TraceEvent;
use runner::trace::collapse::collapse;
use serde_json::{Value, json};

use super::support::run_node_script;

/// The events sequences are made of: two that pair up, one more, a pause.
fn alphabet() -> Vec<TraceEvent> {
    let event = |from: &str, to: Option<&str>, text: &str| TraceEvent {
        from: from.into(),
        to: to.map(String::from),
        text: text.into(),
        ..TraceEvent::default()
    };
    vec![
        event("wasm", Some("main"), "import now_ms()"),
        event("main", Some("wasm"), "now_ms returned"),
        event("main", None, "a note"),
        TraceEvent {
            frames: Some(vec!["sleep".into()]),
            ..event("wasm", Some("main"), "unwound: sleep")
        },
    ]
}

/// Every sequence of `alphabet` events up to `longest` long.
fn sequences(alphabet: &[TraceEvent], longest: u32) -> Vec<Vec<TraceEvent>> {
    let letters = alphabet.len();
    (0..=longest)
        .flat_map(|length| (0..letters.pow(length)).map(move |number| (length, number)))
        .map(|(length, mut number)| {
            (0..length)
                .map(|_| {
                    let event = alphabet[number % letters].clone();
                    number /= letters;
                    event
                })
                .collect()
        })
        .collect()
}

fn as_json(event: &TraceEvent) -> Value {
    json!({ "from": event.from, "to": event.to, "text": event.text, "frames": event.frames, "t": 0 })
}

#[test]
fn the_live_timeline_and_the_drawings_collapse_every_sequence_alike() {
    let all = sequences(&alphabet(), 7);
    let file = tempfile::NamedTempFile::new().unwrap();
    let wire: Vec<Vec<Value>> = all
        .iter()
        .map(|events| events.iter().map(as_json).collect())
        .collect();
    std::fs::write(file.path(), serde_json::to_vec(&wire).unwrap()).unwrap();
    let printed = run_node_script("collapse-rows.mjs", &[file.path().as_os_str()]);
    let live: Vec<Vec<(String, Option<usize>)>> = serde_json::from_str(&printed).unwrap();
    assert_eq!(live.len(), all.len());
    let mut collapsed = 0;
    for (events, live_rows) in all.iter().zip(&live) {
        let drawn: Vec<(String, Option<usize>)> = collapse(events)
            .into_iter()
            .map(|row| (row.event.text.clone(), row.repeats))
            .collect();
        assert_eq!(
            &drawn,
            live_rows,
            "the rows of {:?}",
            events.iter().map(|e| &e.text).collect::<Vec<_>>()
        );
        collapsed += usize::from(drawn.len() < events.len());
    }
    println!(
        "{} sequences, {collapsed} of them collapsed, alike in both",
        all.len()
    );
    assert!(
        collapsed > 1000,
        "too few sequences collapse to test the rule"
    );
}
