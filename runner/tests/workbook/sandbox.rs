//! The OS sandbox of a graded job, tried directly, and a grader that a
//! signal stops cleanly: no panic, no process and no scratch copy left.

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use runner::sandbox::{Bubblewrap, FILE_SIZE_LIMIT_BYTES, PROCESS_LIMIT};
use rustix::process::{Pid, Signal};

use super::grading::{ADD, CORRECT_ADD, GREET, classroom, hand_in};
use super::processes::finish_guarded;
use super::support::{ScratchWorkbook, processes_mentioning, repo_root, require_tool};

/// The sandbox (the tests that call this are compiled as ignored without bubblewrap).
fn bubblewrap() -> Bubblewrap {
    require_tool("bwrap", "apt-get install -y bubblewrap");
    Bubblewrap::locate().expect("bubblewrap makes a sandbox here")
}

/// `sh -c script` in a job's sandbox that can read `readable`.
fn in_sandbox(sandbox: &Bubblewrap, script: &str, readable: &[PathBuf]) -> Output {
    let (mut command, _identity) = sandbox.command(
        Path::new("/bin/sh"),
        &["-c".into(), script.into()],
        readable,
        Path::new("/"),
    );
    command.output().unwrap()
}

fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
#[cfg_attr(
    missing_bwrap,
    ignore = "needs bubblewrap: apt-get install -y bubblewrap"
)]
fn a_job_cannot_start_more_than_its_processes() {
    let sandbox = bubblewrap();
    let tries = PROCESS_LIMIT * 2;
    let script =
        format!("i=0; while [ $i -lt {tries} ]; do sleep 30 & i=$((i+1)); done; echo started $i");
    let output = in_sandbox(&sandbox, &script, &[]);
    let text = said(&output);
    assert!(!text.contains(&format!("started {tries}")), "{text}");
    assert!(text.to_lowercase().contains("fork"), "{text}");
}

#[test]
#[cfg_attr(
    missing_bwrap,
    ignore = "needs bubblewrap: apt-get install -y bubblewrap"
)]
fn a_job_has_no_network_and_cannot_see_the_runner() {
    let sandbox = bubblewrap();
    let node = std::fs::canonicalize(repo_root().join("node-harness/node_modules/node26/bin/node"))
        .unwrap();
    let packages = node.parent().unwrap().parent().unwrap().to_path_buf();
    let connect = "require('net').connect(80, '1.1.1.1').on('error', (e) => console.log(e.code)).on('connect', () => console.log('connected'))";
    let script = format!(
        "{} -e \"{connect}\"; kill -0 {} && echo runner-visible; echo done",
        node.display(),
        std::process::id()
    );
    let output = in_sandbox(&sandbox, &script, &[packages]);
    let text = said(&output);
    assert!(text.contains("ENETUNREACH"), "{text}");
    assert!(
        !text.contains("connected") && !text.contains("runner-visible"),
        "{text}"
    );
    assert!(text.contains("done"), "{text}");
}

#[test]
#[cfg_attr(
    missing_bwrap,
    ignore = "needs bubblewrap: apt-get install -y bubblewrap"
)]
fn a_job_reads_but_cannot_write_its_folders_and_its_files_are_bounded() {
    let sandbox = bubblewrap();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("given.txt"), "given").unwrap();
    let big = FILE_SIZE_LIMIT_BYTES * 2;
    let script = format!(
        "cat {dir}/given.txt; echo; echo x > {dir}/written.txt || echo refused; head -c {big} /dev/zero > /tmp/big; wc -c < /tmp/big",
        dir = folder.path().display()
    );
    let output = in_sandbox(&sandbox, &script, &[folder.path().to_path_buf()]);
    let text = said(&output);
    assert!(text.starts_with("given"), "{text}");
    assert!(
        text.contains("Read-only file system") && text.contains("refused"),
        "{text}"
    );
    let written = FILE_SIZE_LIMIT_BYTES.to_string();
    assert!(text.lines().any(|line| line == written), "{text}");
    assert!(!folder.path().join("written.txt").exists());
}

fn scratch_copies(scratch: &ScratchWorkbook) -> Vec<PathBuf> {
    std::fs::read_dir(scratch.root().join("target/workbook/scratch"))
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default()
}

/// Starts `args`, waits until a process mentioning `running` runs, sends `signal`.
fn stop_while_a_job_runs(
    scratch: &ScratchWorkbook,
    args: &[&str],
    running: &Path,
    signal: Signal,
) -> super::support::RunnerOutput {
    let child = scratch
        .command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_mins(1);
    while processes_mentioning(running).is_empty() {
        assert!(Instant::now() < deadline, "no harness ever started");
        std::thread::sleep(Duration::from_millis(10));
    }
    let runner = Pid::from_raw(i32::try_from(child.id()).unwrap()).unwrap();
    rustix::process::kill_process(runner, signal).unwrap();
    finish_guarded(scratch, child)
}

#[test]
#[cfg_attr(
    missing_bwrap,
    ignore = "needs bubblewrap: apt-get install -y bubblewrap"
)]
fn ctrl_c_during_grade_stops_it_without_a_panic_and_removes_its_copies() {
    bubblewrap();
    let scratch = classroom();
    let class = tempfile::tempdir().unwrap();
    for student in ["a", "b", "c", "d", "e", "f"] {
        hand_in(
            class.path(),
            student,
            GREET,
            "while (true) {}\nexport const greet = () => '';\n",
        );
        hand_in(class.path(), student, ADD, CORRECT_ADD);
    }
    let class_dir = class.path().to_str().unwrap();
    for _ in 0..3 {
        let output = stop_while_a_job_runs(
            &scratch,
            &["grade", class_dir],
            &scratch.root().join("target/workbook/scratch"),
            Signal::INT,
        );
        assert_eq!(output.code, Some(130), "{output:?}");
        assert!(!output.stderr.contains("panicked"), "{output:?}");
        assert_eq!(scratch_copies(&scratch), Vec::<PathBuf>::new());
        assert_eq!(scratch.leftover_processes(), Vec::<String>::new());
    }
}

#[test]
fn sigterm_during_all_stops_it_without_a_panic() {
    let scratch = ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/escapes"));
    for _ in 0..3 {
        let output = stop_while_a_job_runs(
            &scratch,
            &["all"],
            &scratch.root().join("node-harness/node-host.mjs"),
            Signal::TERM,
        );
        assert_eq!(output.code, Some(143), "{output:?}");
        assert!(!output.stderr.contains("panicked"), "{output:?}");
        assert_eq!(scratch.leftover_processes(), Vec::<String>::new());
    }
}

#[test]
fn the_readme_states_the_limits_the_sandbox_sets() {
    use runner::sandbox::{MEMORY_LIMIT_BYTES, OPEN_FILES_LIMIT, TMP_SIZE_BYTES};
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let readme = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    for stated in [
        format!("{} GiB of committed memory", MEMORY_LIMIT_BYTES >> 30),
        format!("{PROCESS_LIMIT} processes and threads"),
        format!("{} MiB per file", FILE_SIZE_LIMIT_BYTES >> 20),
        format!("{OPEN_FILES_LIMIT} open files"),
        format!("a private {} MiB `/tmp`", TMP_SIZE_BYTES >> 20),
        format!(
            "within {} GiB, {PROCESS_LIMIT} threads",
            MEMORY_LIMIT_BYTES >> 30
        ),
    ] {
        assert!(readme.contains(&stated), "README.md should say `{stated}`");
    }
}

#[test]
fn without_bubblewrap_grade_refuses_unless_told_unsandboxed() {
    let scratch = classroom();
    let class = tempfile::tempdir().unwrap();
    hand_in(class.path(), "ada", ADD, CORRECT_ADD);
    let class_dir = class.path().to_str().unwrap();
    let no_tools = [("PATH", "/nonexistent")];
    let refused = scratch.runner_with_env(&["grade", class_dir], &no_tools);
    assert_ne!(refused.code, Some(0), "{refused:?}");
    assert!(
        refused
            .stderr
            .contains("bubblewrap (`bwrap`) is not installed")
            && refused.stderr.contains("sudo apt-get install bubblewrap")
            && refused.stdout.is_empty(),
        "{refused:?}"
    );
    let graded = scratch.runner_with_env(&["grade", class_dir, "--unsandboxed"], &no_tools);
    assert_eq!(graded.code, Some(0), "{graded:?}");
    assert!(
        graded.stderr.contains("warning: --unsandboxed"),
        "{graded:?}"
    );
    assert!(graded.stdout.contains("ok    add-wat"), "{graded:?}");
}
