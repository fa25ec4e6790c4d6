//! The wire from a JavaScript host to the runner, defined once in
//! `node-harness/lib/wire.json`: the prefixes that mark a host's stdout lines
//! (detail, trace event, record, bench result) and the records' shapes. The
//! hosts build their lines from the same file (`node-harness/lib/wire.mjs`);
//! the tests here and in `tests/workbook/wire.rs` bind both sides to it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// The definition, as the hosts import it.
pub const DEFINITION: &str = include_str!("../../node-harness/lib/wire.json");

/// The prefixes of the kinds of line a host prints; any other line is a log line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefixes {
    /// `host.detail()`: raw values, shown with `--verbose`, never compared.
    pub detail: String,
    /// One trace event, a JSON object.
    pub trace: String,
    /// One [`Record`], a JSON object.
    pub record: String,
    /// One bench technique's measurement (`runner bench` only).
    pub bench_result: String,
}

/// A record a host printed: a failure with its cause, or the end of a run.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Record {
    /// `run(host)`, the harness's import, or an uncaught error failed the run.
    HarnessThrew {
        /// The error's name and message.
        error: String,
        /// The first place in the lesson's own files the stack names.
        location: Option<String>,
        /// The whole stack, then each cause it wraps.
        stack: String,
    },
    /// Node's permission model refused the harness an access.
    Refused {
        /// The error's name and message.
        error: String,
        /// The missing permission, `FileSystemRead`, `ChildProcess`, ...
        permission: Option<String>,
        /// What the harness tried to reach.
        resource: Option<String>,
    },
    /// `run(host)` returned and every worker ended, with the runner's token.
    RunFinished {
        /// The token the runner handed the run.
        token: String,
    },
    /// The browser driver, after each page: what it saw of the page.
    Page {
        /// Whether the page could use `SharedArrayBuffer`; `None` when it did not answer.
        cross_origin_isolated: Option<bool>,
    },
}

impl Record {
    /// Every record type, as `wire.json` names them.
    pub const TYPES: [&'static str; 4] = ["harness-threw", "page", "refused", "run-finished"];
}

/// A host's stdout, split by kind of line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostOutput {
    /// Log lines and detail lines, in order, each ending in a newline.
    pub printed: String,
    /// The trace events (without their prefix), one JSON object a line.
    pub trace: String,
    /// The records, in order.
    pub records: Vec<Record>,
}

#[derive(Deserialize)]
struct Definition {
    lines: BTreeMap<String, LineKind>,
}

#[derive(Deserialize)]
struct LineKind {
    prefix: String,
}

/// The prefixes `wire.json` defines.
pub fn prefixes() -> &'static Prefixes {
    static PREFIXES: OnceLock<Prefixes> = OnceLock::new();
    PREFIXES.get_or_init(|| {
        // wire.json is compiled in, and a unit test parses it: this cannot fail at run time.
        let definition: Definition =
            serde_json::from_str(DEFINITION).expect("node-harness/lib/wire.json is valid");
        let prefix = |kind: &str| {
            definition.lines.get(kind).map_or_else(
                || panic!("node-harness/lib/wire.json defines lines.{kind}"),
                |line| line.prefix.clone(),
            )
        };
        Prefixes {
            detail: prefix("detail"),
            trace: prefix("trace"),
            record: prefix("record"),
            bench_result: prefix("bench_result"),
        }
    })
}

/// Splits a host's `stdout` into printed lines, trace events and records.
pub fn split(stdout: &str) -> HostOutput {
    let prefixes = prefixes();
    let mut output = HostOutput::default();
    for line in stdout.split_inclusive('\n') {
        if let Some(event) = line.strip_prefix(&prefixes.trace) {
            output.trace.push_str(event);
            if !event.ends_with('\n') {
                output.trace.push('\n');
            }
        } else if let Some(record) = line
            .strip_prefix(&prefixes.record)
            .and_then(|record| serde_json::from_str(record).ok())
        {
            output.records.push(record);
        } else {
            // A line that only looks like a record stays in the log, where a diff shows it.
            output.printed.push_str(line);
        }
    }
    output
}

/// The lines of printed output that are compared with the expected log: all but detail lines.
pub fn compared_log(printed: &str) -> String {
    printed
        .lines()
        .filter(|line| !line.starts_with(&prefixes().detail))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::TraceEvent;

    fn definition() -> serde_json::Value {
        serde_json::from_str(DEFINITION).unwrap()
    }

    #[test]
    fn every_record_of_the_definition_is_a_record_here_with_the_same_fields() {
        let records = definition()["records"].as_object().unwrap().clone();
        let mut names: Vec<&str> = records.keys().map(String::as_str).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            Record::TYPES,
            "wire.json's records and Record::TYPES"
        );
        for (name, shape) in &records {
            let mut sample = serde_json::Map::new();
            sample.insert("type".into(), name.as_str().into());
            for (field, meaning) in shape["fields"].as_object().unwrap() {
                sample.insert(field.clone(), meaning["example"].clone());
            }
            let parsed: Result<Record, _> = serde_json::from_value(sample.clone().into());
            assert!(parsed.is_ok(), "{name}: {parsed:?}");
            sample.insert("unknown".into(), "x".into());
            let extra: Result<Record, _> = serde_json::from_value(sample.into());
            assert!(extra.is_err(), "{name} must refuse a field wire.json lacks");
        }
    }

    #[test]
    fn a_trace_event_with_every_field_of_the_definition_parses() {
        let fields = definition()["trace_fields"].as_object().unwrap().clone();
        let sample = serde_json::json!({
            "from": "main", "to": "wasm", "text": "call", "t": 1.5,
            "frames": ["f"], "saved": [1, 2], "buffer": [16, 1024],
        });
        let sample_fields: Vec<&String> = sample.as_object().unwrap().keys().collect();
        assert_eq!(sample_fields, fields.keys().collect::<Vec<_>>());
        let event: TraceEvent = serde_json::from_value(sample).unwrap();
        assert_eq!(event.buffer, Some([16, 1024]));
    }

    #[test]
    fn prefixes_are_distinct_and_none_starts_another() {
        let p = prefixes();
        let all = [&p.detail, &p.trace, &p.record, &p.bench_result];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!(
                    !a.starts_with(b.as_str()) && !b.starts_with(a.as_str()),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn split_sorts_lines_by_kind_and_logs_what_only_looks_like_a_record() {
        let p = prefixes();
        let stdout = format!(
            "one\n{}raw 5\n{}{{\"from\":\"main\",\"text\":\"x\"}}\n{}{{\"type\":\"run-finished\",\"token\":\"t\"}}\n{}{{\"type\":\"nope\"}}\ntwo",
            p.detail, p.trace, p.record, p.record
        );
        let output = split(&stdout);
        let nope = format!("{}{{\"type\":\"nope\"}}", p.record);
        assert_eq!(
            output.printed,
            format!("one\n{}raw 5\n{nope}\ntwo", p.detail)
        );
        assert_eq!(output.trace, "{\"from\":\"main\",\"text\":\"x\"}\n");
        assert_eq!(output.records, [Record::RunFinished { token: "t".into() }]);
        assert_eq!(compared_log(&output.printed), format!("one\n{nope}\ntwo"));
    }
}
