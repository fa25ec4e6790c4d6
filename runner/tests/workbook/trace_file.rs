//! `runner chapter X --variant V --trace FILE`: the file holds the run's
//! trace in the Chrome Trace Event Format, with the fields that format
//! documents for every event (`ph`, `ts`, `pid`, `tid`, `name`), duration
//! events as `B`/`E` pairs that nest on their track, and names for the tracks.

use serde_json::Value;

use super::support::{RunnerOutput, ScratchWorkbook, repo_root};

fn fixture() -> ScratchWorkbook {
    ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/workbook"))
}

/// `runner chapter passes --variant main --trace <path>` in `workbook`.
fn run_with_trace(workbook: &ScratchWorkbook, path: &std::path::Path) -> RunnerOutput {
    let path_arg = path.display().to_string();
    workbook.runner(&[
        "chapter",
        "passes",
        "--variant",
        "main",
        "--trace",
        &path_arg,
    ])
}

#[test]
fn a_trace_file_has_the_documented_fields_and_paired_durations() {
    let workbook = fixture();
    let path = workbook.root().join("passes.trace.json");
    let output = run_with_trace(&workbook, &path);
    assert_eq!(output.code, Some(0), "{output:?}");
    assert!(
        output.stdout.contains("Chrome Trace Event Format"),
        "{output:?}"
    );
    let document: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let events = document["traceEvents"]
        .as_array()
        .expect("a traceEvents array");
    for event in events {
        for field in ["ph", "name"] {
            assert!(event[field].is_string(), "{field} of {event}");
        }
        for field in ["ts", "pid", "tid"] {
            assert!(event[field].is_number(), "{field} of {event}");
        }
        let phase = event["ph"].as_str().unwrap();
        assert!(["B", "E", "X", "i", "M"].contains(&phase), "{event}");
    }
    let durations: Vec<(&str, &str)> = events
        .iter()
        .filter(|event| ["B", "E"].contains(&event["ph"].as_str().unwrap()))
        .map(|event| {
            (
                event["ph"].as_str().unwrap(),
                event["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(durations, [("B", "answer"), ("E", "answer")]);
    let begin = events.iter().find(|event| event["ph"] == "B").unwrap();
    let end = events.iter().find(|event| event["ph"] == "E").unwrap();
    assert_eq!(begin["tid"], end["tid"], "a B/E pair shares its track");
    assert!(end["ts"].as_f64() >= begin["ts"].as_f64());
    let tracks: Vec<&str> = events
        .iter()
        .filter(|event| event["name"] == "thread_name")
        .map(|event| event["args"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(tracks, ["main", "wasm"]);
}

#[test]
fn trace_needs_a_variant_and_a_writable_path() {
    let workbook = fixture();
    let output = workbook.runner(&["chapter", "passes", "--trace", "x.json"]);
    assert_eq!(output.code, Some(2), "{output:?}");
    assert!(output.stderr.contains("--variant"), "{output:?}");
    let missing = workbook.root().join("no-such-folder/t.json");
    let output = run_with_trace(&workbook, &missing);
    assert_ne!(output.code, Some(0), "{output:?}");
    assert!(output.stderr.contains("cannot write"), "{output:?}");
    assert!(!missing.exists());
}
