//! The runner against its fixture workbook (`tests/fixtures/`): one chapter
//! per behaviour, each checked for the shape of its message and its exit code.

use super::support::{RunnerOutput, ScratchWorkbook, assert_mentions, repo_root};

fn fixture(name: &str) -> ScratchWorkbook {
    ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures").join(name))
}

fn run_fixture_chapter(chapter: &str) -> RunnerOutput {
    fixture("workbook").runner(&["chapter", chapter])
}

fn assert_contains(output: &RunnerOutput, expected: &[&str]) {
    assert_mentions(&format!("{}{}", output.stdout, output.stderr), expected);
}

#[test]
fn passing_chapter_shows_every_stage_and_exits_zero() {
    let output = run_fixture_chapter("passes");
    assert_eq!(output.code, Some(0), "{output:?}");
    insta::with_settings!({ snapshot_path => "../fixtures/expected", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("passes", output.stdout);
    });
}

#[test]
fn broken_wat_shows_file_line_column_and_caret() {
    let output = run_fixture_chapter("broken-wat");
    assert_eq!(output.code, Some(1), "{output:?}");
    insta::with_settings!({ snapshot_path => "../fixtures/expected", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("broken-wat", output.stdout);
    });
}

#[test]
fn log_mismatch_shows_a_diff() {
    let output = run_fixture_chapter("mismatch");
    assert_eq!(output.code, Some(1), "{output:?}");
    assert_contains(
        &output,
        &[
            "FAIL at stage log (variant main)",
            "-answer() = 42",
            "+answer() = 43",
        ],
    );
}

#[test]
fn throwing_harness_reports_the_error() {
    let output = run_fixture_chapter("throws");
    assert_eq!(output.code, Some(1), "{output:?}");
    assert_contains(
        &output,
        &[
            "FAIL at stage harness (variant main)",
            "failed (exit code 1):",
            "Error: the lesson went wrong on purpose",
            "main.mjs:3:",
        ],
    );
}

#[test]
fn hanging_harness_times_out_and_leaves_no_process() {
    let scratch = fixture("workbook");
    let output = scratch.runner(&["chapter", "hangs"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert_contains(
        &output,
        &[
            "FAIL at stage harness (variant main)",
            "timed out after 1 s",
        ],
    );
    assert_eq!(scratch.leftover_processes(), Vec::<String>::new());
}

#[test]
fn harness_awaiting_forever_is_explained() {
    let output = run_fixture_chapter("never-settles");
    assert_eq!(output.code, Some(1), "{output:?}");
    assert_contains(
        &output,
        &[
            "FAIL at stage harness",
            "was still awaiting a promise that nothing can settle",
        ],
    );
}

#[test]
fn all_runs_every_chapter_and_counts_them() {
    let output = fixture("workbook").runner(&["all"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert_eq!(output.stdout.lines().last(), Some("1 passed, 5 failed"));
    assert!(
        output.stderr.contains("Next: make your own workspace"),
        "{output:?}"
    );
}

#[test]
fn all_as_json_reports_each_variant() {
    let output = fixture("workbook").runner(&["all", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&output.stdout).unwrap();
    assert_eq!(
        (report["passed"].as_u64(), report["failed"].as_u64()),
        (Some(1), Some(5))
    );
    let stages: Vec<_> = report["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|chapter| {
            (
                chapter["name"].as_str().unwrap(),
                chapter["variants"][0]["verdict"]["stage"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        stages,
        [
            ("passes", None),
            ("mismatch", Some("log")),
            ("throws", Some("harness")),
            ("hangs", Some("harness")),
            ("never-settles", Some("harness")),
            ("broken-wat", Some("parse")),
        ]
    );
}

#[test]
fn unknown_chapter_suggests_the_nearest() {
    let output = fixture("workbook").runner(&["chapter", "pases"]);
    assert_eq!(output.code, Some(2));
    assert_contains(
        &output,
        &["unknown chapter `pases`: did you mean `passes`?"],
    );
}

#[test]
fn unknown_manifest_field_names_the_file() {
    let output = fixture("unknown-field").runner(&["list"]);
    assert_eq!(output.code, Some(2));
    assert_contains(
        &output,
        &[
            "<workbook>/chapters/only/chapter.toml",
            "unknown field `retries`",
        ],
    );
}

#[test]
fn missing_harness_file_names_the_file() {
    let output = fixture("missing-file").runner(&["chapter", "only"]);
    assert_eq!(output.code, Some(2));
    assert_contains(
        &output,
        &[
            "<workbook>/chapters/only/chapter.toml",
            "harness of variant `main`: `<workbook>/chapters/only/main.mjs` does not exist",
        ],
    );
}

#[test]
fn chapter_folder_missing_from_workbook_toml_is_an_error() {
    let output = fixture("unlisted-folder").runner(&["list"]);
    assert_eq!(output.code, Some(2));
    assert_contains(
        &output,
        &[
            "<workbook>/chapters/workbook.toml",
            "folder `<workbook>/chapters/forgotten` is not listed",
        ],
    );
}

#[test]
fn missing_npm_is_explained() {
    let scratch = fixture("workbook");
    std::fs::remove_file(scratch.root().join("node-harness/node_modules")).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_runner"))
        .args(["chapter", "passes", "--workbook"])
        .arg(scratch.root())
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("`npm` was not found on PATH"), "{stderr}");
}
