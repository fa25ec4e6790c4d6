//! `grade` against a class that attacks the grader: forged output, patched
//! built-ins, signals to the runner, memory, links, control characters and
//! workers that try to drop the permission model. Every attack is that
//! student's grade, the run ends with a full report, and the workbook, the
//! packages and the class folder are left exactly as they were.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::grading::{ADD, CORRECT_ADD, CORRECT_GREET, GREET, classroom, hand_in};
use super::support::{ScratchWorkbook, require_tool};

/// Every file under `root` (links as links), with its bytes; `skip` names
/// folders left out (the runner's own `target/`).
pub fn tree_bytes(root: &Path, skip: &[&str]) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            let relative = path.strip_prefix(root).unwrap().to_path_buf();
            if skip.iter().any(|name| relative == Path::new(name)) {
                continue;
            }
            let kind = entry.file_type().unwrap();
            if kind.is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                files.insert(relative, target.into_os_string().into_encoded_bytes());
            } else if kind.is_dir() {
                pending.push(path);
            } else {
                files.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// Every file of the installed packages with its size and modification time:
/// their bytes are hundreds of megabytes, and any write changes one or the other.
fn packages_fingerprint() -> BTreeMap<PathBuf, (u64, std::time::SystemTime)> {
    let root = super::support::repo_root().join("node-harness/node_modules");
    let mut files = BTreeMap::new();
    let mut pending = vec![root.clone()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let meta = entry.path().symlink_metadata().unwrap();
            if meta.is_dir() {
                pending.push(entry.path());
            }
            files.insert(entry.path(), (meta.len(), meta.modified().unwrap()));
        }
    }
    files
}

fn exercise<'a>(report: &'a Value, student: &str, name: &str) -> (&'a str, &'a str) {
    let student = report["students"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["name"] == student)
        .unwrap_or_else(|| panic!("no student {student:?} in {report:#}"));
    let exercise = student["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["name"] == name)
        .unwrap();
    (
        exercise["status"].as_str().unwrap(),
        exercise["reason"].as_str().unwrap_or_default(),
    )
}

/// Each hostile greet-js submission, by student name.
fn hostile_greetings() -> Vec<(&'static str, String)> {
    let expected = "hello, Ada 42";
    vec![
        (
            "forger",
            format!(
                "const real = process.stdout._write.bind(process.stdout);\nlet done = false;\nprocess.stdout._write = (chunk, encoding, callback) => {{ if (!done) {{ done = true; real(Buffer.from('{expected}\\n'), encoding, () => {{}}); }} callback(); }};\n{CORRECT_GREET}"
            ),
        ),
        (
            "printer",
            format!("process.stdout.write('{expected}\\n');\n{CORRECT_GREET}"),
        ),
        (
            "patcher",
            format!("Array.prototype.join = function () {{ return '{expected}'; }};\n{CORRECT_GREET}"),
        ),
        (
            "global-patcher",
            format!("globalThis.WebAssembly = {{}};\n{CORRECT_GREET}"),
        ),
        (
            "parent-killer",
            format!("try {{ process.kill(process.ppid, 'SIGTERM'); process.kill(process.ppid, 'SIGSTOP'); }} catch {{}}\ntry {{ process.kill(-1, 'SIGKILL'); }} catch {{}}\n{CORRECT_GREET}"),
        ),
        (
            "stopper",
            format!("process.kill(process.pid, 'SIGSTOP');\n{CORRECT_GREET}"),
        ),
        (
            "hog",
            format!("const kept = [];\nfor (let i = 0; i < 6; i++) kept.push(new ArrayBuffer(2 ** 30));\n{CORRECT_GREET}"),
        ),
        (
            "escaper",
            "export function greet(name) {\n  return `\\r  ok   \\u001b[2K${name}\\nnext line`;\n}\n".to_string(),
        ),
    ]
}

fn hostile_class(scratch: &ScratchWorkbook, class: &Path) {
    for (student, text) in hostile_greetings() {
        hand_in(class, student, GREET, &text);
        hand_in(class, student, ADD, CORRECT_ADD);
    }
    hand_in(
        class,
        "big-memory",
        ADD,
        "(module (memory 65535) (func (export \"add\") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))\n",
    );
    hand_in(class, "ada", GREET, CORRECT_GREET);
    hand_in(class, "ada", ADD, CORRECT_ADD);
    // A folder linked to the teacher's solution, and a student folder linked to ada's.
    let linked = class.join("linker/numbers/exercises");
    std::fs::create_dir_all(&linked).unwrap();
    let solution = scratch
        .root()
        .join("chapters/numbers/exercises/greet-js/solution");
    std::os::unix::fs::symlink(solution, linked.join("greet-js")).unwrap();
    std::os::unix::fs::symlink(class.join("ada"), class.join("copycat")).unwrap();
    hand_in(class, "line\nbreak", GREET, CORRECT_GREET);
}

#[test]
#[cfg_attr(
    missing_bwrap,
    ignore = "needs bubblewrap: apt-get install -y bubblewrap"
)]
fn a_hostile_class_fails_itself_never_the_run_and_leaves_everything_as_it_was() {
    require_tool("bwrap", "apt-get install -y bubblewrap");
    let scratch = classroom();
    let class = tempfile::tempdir().unwrap();
    hostile_class(&scratch, class.path());
    let workbook_before = tree_bytes(scratch.root(), &["target"]);
    let class_before = tree_bytes(class.path(), &[]);
    let packages_before = packages_fingerprint();

    let output = scratch
        .command(&["grade", "--format", "json"])
        .arg(class.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let students = report["students"].as_array().unwrap().len();
    assert_eq!(
        students, 13,
        "every folder of the class is in the report: {report:#}"
    );

    assert_eq!(exercise(&report, "ada", "greet-js"), ("pass", ""));
    for (student, fragment) in [
        ("printer", "the host did not write"),
        ("patcher", "read only property 'join'"),
        ("global-patcher", "read only property 'WebAssembly'"),
        // V8 refuses the allocation with a RangeError the submission could catch.
        ("hog", "Array buffer allocation failed"),
    ] {
        let (status, reason) = exercise(&report, student, "greet-js");
        assert_eq!(status, "fail", "{student}: {reason}");
        assert!(reason.contains(fragment), "{student}: {reason}");
    }
    // A job that does not end by itself is that job's error, with its reason.
    let (status, reason) = exercise(&report, "stopper", "greet-js");
    assert_eq!(status, "error", "{reason}");
    assert!(reason.contains("timed out"), "{reason}");
    // Patching stdout's internals may crash Node itself; either way it is no pass.
    let (status, reason) = exercise(&report, "forger", "greet-js");
    assert_eq!(status, "fail", "{reason}");
    // Inside its own PID namespace its signals reach neither the runner nor
    // another job: the run went on, and its correct greeting still passes.
    assert_eq!(exercise(&report, "parent-killer", "greet-js"), ("pass", ""));
    let (status, reason) = exercise(&report, "big-memory", "add-wat");
    assert_eq!(status, "fail", "{reason}");
    assert!(reason.contains("memory"), "{reason}");
    for (student, link) in [
        ("linker", "`numbers/exercises/greet-js` is a symbolic link"),
        ("copycat", "`copycat` is a symbolic link"),
    ] {
        for name in ["greet-js", "add-wat"] {
            let (status, reason) = exercise(&report, student, name);
            assert_eq!(status, "error", "{student}: {reason}");
            assert!(reason.contains(link), "{student}: {reason}");
        }
    }
    let text = report.to_string();
    assert!(
        !text.contains("/tmp/") && !text.contains("scratch"),
        "a path outside the student's files: {report:#}"
    );

    assert_eq!(
        tree_bytes(scratch.root(), &["target"]),
        workbook_before,
        "the workbook changed"
    );
    assert_eq!(
        tree_bytes(class.path(), &[]),
        class_before,
        "the class folder changed"
    );
    assert_eq!(
        packages_fingerprint(),
        packages_before,
        "the packages changed"
    );
    assert_eq!(scratch.leftover_processes(), Vec::<String>::new());
    let scratch_copies = scratch.root().join("target/workbook/scratch");
    let left: Vec<_> = std::fs::read_dir(&scratch_copies)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert_eq!(left, Vec::<PathBuf>::new(), "scratch copies left behind");
}

#[test]
#[cfg_attr(
    missing_bwrap,
    ignore = "needs bubblewrap: apt-get install -y bubblewrap"
)]
fn the_text_report_escapes_what_students_print_and_name() {
    require_tool("bwrap", "apt-get install -y bubblewrap");
    let scratch = classroom();
    let class = tempfile::tempdir().unwrap();
    let (_, escaper) = hostile_greetings()
        .into_iter()
        .find(|(name, _)| *name == "escaper")
        .unwrap();
    hand_in(class.path(), "esc\u{1b}[31mred", GREET, &escaper);
    hand_in(class.path(), "line\nbreak", GREET, CORRECT_GREET);
    let output = scratch
        .command(&["grade", "--exercise", "greet-js"])
        .arg(class.path())
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(!text.contains('\r') && !text.contains('\u{1b}'), "{text:?}");
    // Two students of one exercise, a tally header and line, and the summary.
    assert_eq!(text.lines().count(), 2 * 2 + 2 + 1, "{text}");
    assert!(text.contains("line\\nbreak: 1/1 passed"), "{text}");
    assert!(text.contains("esc\\u{1b}[31mred: 0/1 passed"), "{text}");
    for format in ["json", "gradescope", "exercism"] {
        let one = tempfile::tempdir().unwrap();
        hand_in(one.path(), "esc\u{1b}", GREET, &escaper);
        let output = scratch
            .command(&["grade", "--exercise", "greet-js", "--format", format])
            .arg(one.path())
            .output()
            .unwrap();
        let parsed: Result<Value, _> = serde_json::from_slice(&output.stdout);
        assert!(parsed.is_ok(), "{format}: {output:?}");
    }
}

#[test]
#[cfg_attr(
    missing_bwrap,
    ignore = "needs bubblewrap: apt-get install -y bubblewrap"
)]
fn a_worker_cannot_drop_the_permission_model() {
    require_tool("bwrap", "apt-get install -y bubblewrap");
    let scratch = classroom();
    scratch.mutate(
        "chapters/numbers/exercises/greet-js/exercise.toml",
        "node = \"node26\"",
        "node = \"node26\"\nallow = [\"worker\"]",
    );
    let check = scratch
        .root()
        .join("chapters/numbers/exercises/greet-js/check.mjs");
    let before = std::fs::read(&check).unwrap();
    let class = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    for (student, exec_argv) in [
        ("no-permission", "['--no-permission']"),
        ("write-all", "['--allow-fs-write=*']"),
        ("no-flags", "[]"),
    ] {
        let write = format!(
            "require('fs').writeFileSync({:?}, 'pwned'); require('fs').writeFileSync({:?}, 'x');",
            check.display(),
            outside.path().join(student).display()
        );
        let text = format!(
            "import {{ Worker }} from 'node:worker_threads';\nconst worker = new Worker({write:?}, {{ eval: true, execArgv: {exec_argv} }});\nawait new Promise((done) => worker.on('exit', done).on('error', done));\n{CORRECT_GREET}"
        );
        hand_in(class.path(), student, GREET, &text);
    }
    let output = scratch
        .command(&["grade", "--format", "json", "--exercise", "greet-js"])
        .arg(class.path())
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    for student in ["no-permission", "write-all", "no-flags"] {
        let (status, reason) = exercise(&report, student, "greet-js");
        assert_eq!(status, "fail", "{student}: {reason}");
        assert!(
            reason.contains("`execArgv` is not allowed"),
            "{student}: {reason}"
        );
        assert!(
            !outside.path().join(student).exists(),
            "{student} wrote outside"
        );
    }
    assert_eq!(
        std::fs::read(&check).unwrap(),
        before,
        "a worker rewrote the check"
    );
}
