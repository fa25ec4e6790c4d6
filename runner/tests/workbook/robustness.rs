//! No panic on any input or environment, and manifest paths that stay inside
//! the workbook: each case here once panicked or was followed.

use std::process::Stdio;

use super::support::{ScratchWorkbook, repo_root};

const PASSES: &str = "chapters/passes/chapter.toml";

fn fixture_workbook() -> ScratchWorkbook {
    ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/workbook"))
}

#[test]
fn a_broken_package_json_is_a_tool_failure_with_the_right_hint() {
    let scratch = fixture_workbook();
    std::fs::write(
        scratch.root().join("node-harness/package.json"),
        "{ not json",
    )
    .unwrap();
    let output = scratch.runner(&["chapter", "passes"]);
    assert_eq!(output.code, Some(2), "{output:?}");
    assert!(
        output
            .stderr
            .contains("git checkout node-harness/package.json")
            && output
                .stderr
                .contains("<workbook>/node-harness/package.json` is not valid JSON"),
        "{output:?}"
    );
}

#[test]
fn a_closed_stdout_ends_the_runner_quietly() {
    let scratch = fixture_workbook();
    let mut child = scratch
        .command(&["chapter", "passes", "--verbose"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // `| head` that has already gone
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}

#[test]
fn a_time_limit_too_large_for_a_timer_is_refused_with_its_line() {
    let scratch = fixture_workbook();
    scratch.mutate(
        PASSES,
        "node = \"node26\"",
        "node = \"node26\"\ntime_limit_secs = 2147484",
    );
    let output = scratch.runner(&["chapter", "passes", "--browser"]);
    assert_eq!(output.code, Some(2), "{output:?}");
    assert!(
        output
            .stderr
            .contains("<workbook>/chapters/passes/chapter.toml:14")
            && output
                .stderr
                .contains("`time_limit_secs = 2147484` is out of range: use 1 to 3600 seconds"),
        "{output:?}"
    );
}

#[test]
fn a_time_limit_past_every_integer_is_refused_with_its_line() {
    let scratch = fixture_workbook();
    scratch.mutate(
        PASSES,
        "node = \"node26\"",
        "node = \"node26\"\ntime_limit_secs = 18446744073709551615",
    );
    let output = scratch.runner(&["chapter", "passes"]);
    assert_eq!(output.code, Some(2), "{output:?}");
    assert!(
        output
            .stderr
            .contains("<workbook>/chapters/passes/chapter.toml:14")
            && output
                .stderr
                .contains("is out of range: use 1 to 3600 seconds"),
        "{output:?}"
    );
}

#[test]
fn a_manifest_path_outside_the_workbook_is_refused_without_reading_it() {
    for source in ["/etc/passwd", "../../../../../../etc/passwd"] {
        let scratch = fixture_workbook();
        scratch.mutate(
            PASSES,
            "source = \"answer.wat\"",
            &format!("source = \"{source}\""),
        );
        let output = scratch.runner(&["chapter", "passes"]);
        assert_eq!(output.code, Some(2), "{output:?}");
        assert!(
            output.stderr.contains("source of module `answer`") && !output.stderr.contains("root:"),
            "{output:?}"
        );
    }
}
