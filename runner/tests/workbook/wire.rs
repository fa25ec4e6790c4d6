//! The wire binds both sides to `node-harness/lib/wire.json`: the lines the
//! JavaScript host builds (`lib/wire.mjs`) are the records the runner reads
//! (`runner::wire`), and no other file spells a prefix of its own.

use std::path::Path;
use std::process::Command;

use runner::node_packages::NodePackages;
use runner::wire::{self, Record};

use super::support::{repo_root, toolchain};

/// What `script` (an ES module run beside `lib/wire.mjs`) prints under the pinned Node.
fn run_beside_wire_mjs(script: &str) -> String {
    toolchain();
    let harness = repo_root().join("node-harness");
    let node = NodePackages::new(harness.clone())
        .node_binary("node26")
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("probe.mjs");
    let wire_url = format!("file://{}", harness.join("lib/wire.mjs").display());
    std::fs::write(&file, script.replace("WIRE_MJS", &wire_url)).unwrap();
    let output = Command::new(node).arg(&file).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr, "", "the probe wrote to stderr");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_hosts_records_are_the_runners_records() {
    let stdout = run_beside_wire_mjs(
        r"
import { WIRE, failureLine, recordLine } from 'WIRE_MJS';
function greet() { throw new TypeError('no greeting', { cause: new Error('deeper') }); }
try { greet(); } catch (error) { console.log(failureLine(error)); }
const denied = Object.assign(new Error('Access to this API has been restricted'), {
  code: 'ERR_ACCESS_DENIED', permission: 'FileSystemWrite', resource: '/tmp/x',
});
console.log(failureLine(denied));
console.log(failureLine('a string'));
console.log(failureLine(Object.create(null)));
for (const [type, shape] of Object.entries(WIRE.records)) {
  const fields = Object.fromEntries(Object.entries(shape.fields).map(([name, { example }]) => [name, example]));
  console.log(recordLine(type, fields));
}
try { recordLine('run-finished', { token: 't', extra: 1 }); } catch (error) { console.log(error.message); }
",
    );
    let output = wire::split(&stdout);
    let [threw, refused, thrown_string, thrown_bare, ..] = output.records.as_slice() else {
        panic!("{stdout}");
    };
    let Record::HarnessThrew {
        error,
        location,
        stack,
    } = threw
    else {
        panic!("{threw:?}");
    };
    assert_eq!(error, "TypeError: no greeting");
    let location = location.as_deref().unwrap_or_default();
    assert!(
        location.starts_with("file://") && location.contains("probe.mjs:3:"),
        "{location}"
    );
    assert!(stack.contains("caused by: Error: deeper"), "{stack}");
    assert_eq!(
        refused,
        &Record::Refused {
            error: "Error: Access to this API has been restricted".into(),
            permission: Some("FileSystemWrite".into()),
            resource: Some("/tmp/x".into()),
        }
    );
    assert!(
        matches!(thrown_string, Record::HarnessThrew { error, location: None, .. } if error == "a string")
    );
    assert!(
        matches!(thrown_bare, Record::HarnessThrew { error, .. } if error == "[object Object]"),
        "{thrown_bare:?}"
    );
    let types = output.records.len() - 4;
    assert_eq!(
        types,
        Record::TYPES.len(),
        "one record of each type: {stdout}"
    );
    assert_eq!(
        output.printed.trim(),
        "record \"run-finished\" needs the fields (token), was given (extra, token)"
    );
}

#[test]
fn the_hosts_prefixes_are_the_runners_prefixes() {
    let stdout = run_beside_wire_mjs(
        r"
import { BENCH_RESULT_PREFIX, DETAIL_PREFIX, RECORD_PREFIX, TRACE_PREFIX } from 'WIRE_MJS';
console.log(JSON.stringify([DETAIL_PREFIX, TRACE_PREFIX, RECORD_PREFIX, BENCH_RESULT_PREFIX]));
",
    );
    let prefixes = wire::prefixes();
    let expected = serde_json::to_string(&[
        &prefixes.detail,
        &prefixes.trace,
        &prefixes.record,
        &prefixes.bench_result,
    ])
    .unwrap();
    assert_eq!(stdout.trim(), expected);
}

/// Every `.mjs` and `.rs` file under `dir`, `node_modules` aside.
fn sources(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() && !path.ends_with("node_modules") {
            sources(&path, found);
        } else if path
            .extension()
            .is_some_and(|ext| ext == "mjs" || ext == "rs" || ext == "html")
        {
            found.push(path);
        }
    }
}

#[test]
fn no_file_spells_a_prefix_of_its_own() {
    let root = repo_root();
    let mut files = Vec::new();
    sources(&root.join("node-harness"), &mut files);
    sources(&root.join("runner/src"), &mut files);
    let prefixes = wire::prefixes();
    let spelled = [
        format!("'{}'", prefixes.trace),
        format!("\"{}\"", prefixes.trace),
        format!("'{}'", prefixes.record),
        format!("\"{}\"", prefixes.record),
        format!("'{}'", prefixes.bench_result),
        format!("\"{}\"", prefixes.bench_result),
        format!("'{}'", prefixes.detail),
        // The prose prefix the Node host once put before a failure on stderr.
        "harness error: ".to_string(),
    ];
    let mut offenders = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for literal in &spelled {
            if text.contains(literal.as_str()) {
                offenders.push(format!("{}: {literal}", file.display()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "define prefixes in node-harness/lib/wire.json only:\n{}",
        offenders.join("\n")
    );
}
