//! No process outlives the runner, and no output is lost: the fixture
//! workbook `tests/fixtures/escapes` holds harnesses that try.

use std::io::Read;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal};
use wait_timeout::ChildExt;

use super::support::{RunnerOutput, ScratchWorkbook, processes_mentioning, repo_root};

/// Longer than any fixture's time limit: a runner still going then is hung.
const WATCHDOG: Duration = Duration::from_secs(90);

fn escapes() -> ScratchWorkbook {
    ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/escapes"))
}

/// Runs the runner, failing the test (instead of hanging it) when the runner hangs.
fn run_guarded(scratch: &ScratchWorkbook, args: &[&str]) -> RunnerOutput {
    let child = scratch
        .command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    finish_guarded(scratch, child)
}

pub fn finish_guarded(scratch: &ScratchWorkbook, mut child: Child) -> RunnerOutput {
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let Some(status) = child.wait_timeout(WATCHDOG).unwrap() else {
        let _ = child.kill();
        let _ = child.wait();
        drop(scratch.leftover_processes());
        panic!("the runner did not finish within {WATCHDOG:?}");
    };
    let root = scratch.root().display().to_string();
    RunnerOutput {
        code: status.code(),
        stdout: out.join().unwrap().replace(&root, "<workbook>"),
        stderr: err.join().unwrap().replace(&root, "<workbook>"),
    }
}

fn assert_passes_and_leaves_nothing(chapter: &str) {
    let scratch = escapes();
    let output = run_guarded(&scratch, &["chapter", chapter]);
    assert_eq!(output.code, Some(0), "{output:?}");
    assert_eq!(scratch.leftover_processes(), Vec::<String>::new());
}

#[test]
fn a_child_holding_the_output_pipes_neither_hangs_the_runner_nor_survives() {
    assert_passes_and_leaves_nothing("inherited-child");
}

#[test]
fn a_child_with_ignored_output_does_not_survive() {
    assert_passes_and_leaves_nothing("ignored-child");
}

#[test]
fn a_detached_child_in_its_own_session_does_not_survive() {
    assert_passes_and_leaves_nothing("detached-child");
}

fn stop_a_busy_harness_with(signal: Signal, expected_code: i32) {
    let scratch = escapes();
    let child = scratch
        .command(&["chapter", "busy-loop"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let harness = scratch.root().join("chapters/busy-loop/main.mjs");
    let deadline = Instant::now() + WATCHDOG;
    while processes_mentioning(&harness).is_empty() {
        assert!(Instant::now() < deadline, "the harness never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    let runner = Pid::from_raw(i32::try_from(child.id()).unwrap()).unwrap();
    rustix::process::kill_process(runner, signal).unwrap();
    let output = finish_guarded(&scratch, child);
    assert_eq!(output.code, Some(expected_code), "{output:?}");
    assert!(output.stderr.contains("runner: stopped by"), "{output:?}");
    assert_eq!(scratch.leftover_processes(), Vec::<String>::new());
}

#[test]
fn sigterm_to_the_runner_kills_a_busy_harness() {
    stop_a_busy_harness_with(Signal::TERM, 143);
}

#[test]
fn sigint_to_the_runner_kills_a_busy_harness() {
    stop_a_busy_harness_with(Signal::INT, 130);
}

#[test]
fn ten_thousand_detail_lines_never_lose_the_last_fact_twenty_runs_in_a_row() {
    let scratch = escapes();
    for run in 1..=20 {
        let output = run_guarded(&scratch, &["chapter", "chatty"]);
        assert_eq!(output.code, Some(0), "run {run}: {output:?}");
    }
}

#[test]
fn output_past_the_cap_is_a_failure_that_says_so() {
    let scratch = escapes();
    let output = run_guarded(&scratch, &["chapter", "flood"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output.stdout.contains("FAIL at stage harness")
            && output
                .stdout
                .contains("output truncated at 4194304 bytes (stdout)"),
        "{output:?}"
    );
}

#[test]
fn a_log_that_differs_shows_what_the_harness_wrote_to_stderr() {
    let scratch = escapes();
    let output = run_guarded(&scratch, &["chapter", "stderr-only"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output.stdout.contains("FAIL at stage log")
            && output
                .stdout
                .contains("instantiate failed: no module called `anser` (stderr only)"),
        "{output:?}"
    );
}
