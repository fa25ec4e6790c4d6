//! Every snapshot file is exactly what insta writes and reads, and belongs to
//! a variant or module of the workbook (or of `bench/bench.toml`): `cargo insta review` and the book's
//! includes can never drift from what the runner writes.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use libtest_mimic::Trial;
use runner::files::files_with_extension;
use runner::names::SnapshotId;
use runner::snapshot::ASSERTING_TEST;
use runner::workbook::{Suite, Workbook};

/// The trial `snapshots::insta-format-and-owners`.
pub fn trial(workbook: &Arc<Workbook>) -> Trial {
    let workbook = Arc::clone(workbook);
    Trial::test("snapshots::insta-format-and-owners", move || {
        let owners = owned_snapshots(&workbook)?;
        let mut problems = Vec::new();
        for path in files_with_extension(&workbook.snapshots_dir(), "snap")? {
            let shown = workbook.shown(&path);
            match owners.get(&path) {
                None => problems.push(format!("`{shown}`: no chapter, exercise, variant or module owns it; delete it or rename it")),
                Some(id) => problems.extend(insta_problem(&path, id).map(|problem| format!("`{shown}`: {problem}"))),
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n").into())
        }
    })
}

/// Parses `path` with insta and saves it back: the bytes must not change.
fn insta_problem(path: &PathBuf, id: &SnapshotId) -> Option<String> {
    let snapshot = match insta::Snapshot::from_file(path) {
        Ok(snapshot) => snapshot,
        Err(error) => return Some(format!("insta cannot read it: {error}")),
    };
    let metadata = snapshot.metadata();
    if metadata.source() != Some(ASSERTING_TEST) || metadata.expression() != Some(id.expression()) {
        return Some(format!(
            "its header says source {:?}, expression {:?}; expected `{ASSERTING_TEST}` and `{}`",
            metadata.source(),
            metadata.expression(),
            id.expression()
        ));
    }
    let saved = tempfile::NamedTempFile::new().ok()?;
    snapshot.save(saved.path()).ok()?;
    let (original, roundtrip) = (std::fs::read(path).ok()?, std::fs::read(saved.path()).ok()?);
    (original != roundtrip)
        .then(|| "insta would write it differently; rerun with --accept".to_string())
}

/// Every snapshot file the workbook's suites may have, with its id.
fn owned_snapshots(workbook: &Workbook) -> anyhow::Result<BTreeMap<PathBuf, SnapshotId>> {
    let mut suites: Vec<Suite> = workbook.chapters()?;
    suites.extend(
        workbook
            .exercises()?
            .iter()
            .map(runner::exercise::Exercise::suite),
    );
    // The bench's instrumented modules are snapshotted like a chapter's.
    suites.push(runner::bench::bench_suite(workbook)?);
    let mut owned = BTreeMap::new();
    for suite in &suites {
        for id in suite_snapshots(suite) {
            owned.insert(workbook.snapshots_dir().join(id.relative_path()), id);
        }
    }
    Ok(owned)
}

fn suite_snapshots(suite: &Suite) -> Vec<SnapshotId> {
    let log = |name| SnapshotId::Log(suite.id.clone(), name);
    let mut ids: Vec<SnapshotId> = suite
        .manifest
        .variants
        .iter()
        .map(|v| log(v.name.clone()))
        .collect();
    let browser_logs = suite
        .manifest
        .variants
        .iter()
        .filter_map(|v| v.browser.as_ref()?.expected_log.clone());
    ids.extend(browser_logs.map(log));
    if matches!(suite.id, runner::names::SuiteId::Chapter(_)) {
        let drawings = suite.manifest.variants.iter();
        ids.extend(drawings.map(|v| SnapshotId::Drawing(suite.id.clone(), v.name.clone())));
        let figures = suite.manifest.variants.iter();
        ids.extend(figures.map(|v| SnapshotId::Figure(suite.id.clone(), v.name.clone())));
    }
    let instrumented = suite
        .manifest
        .modules
        .iter()
        .filter(|m| !m.wasm_opt.is_empty());
    ids.extend(instrumented.map(|m| SnapshotId::WasmOpt(suite.id.clone(), m.name.clone())));
    let compiled = suite
        .manifest
        .modules
        .iter()
        .filter(|m| m.source.extension().is_some_and(|e| e != "wat"));
    ids.extend(compiled.map(|m| SnapshotId::Compiled(suite.id.clone(), m.name.clone())));
    ids
}
