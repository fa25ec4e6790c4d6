//! `grade` against a class that tries everything: a solution importer, a
//! file writer, a background process, a 250-character folder name, a file
//! at the wrong path, errors that must keep their line and cause.

use std::path::Path;

use serde_json::Value;

use super::support::{ScratchWorkbook, repo_root};

pub const GREET: &str = "numbers/exercises/greet-js/greeting.mjs";
pub const ADD: &str = "numbers/exercises/add-wat/add.wat";
pub const CORRECT_GREET: &str = "export function greet(name) {\n  return `hello, ${name}`;\n}\n";
pub const CORRECT_ADD: &str = "(module\n  (func (export \"add\") (param $a i32) (param $b i32) (result i32)\n    (i32.add (local.get $a) (local.get $b))))\n";

/// The two-exercise workbook that grading is tried on.
pub fn classroom() -> ScratchWorkbook {
    ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/classroom"))
}

/// Writes `text` to `relative` in `student`'s folder of `class`.
pub fn hand_in(class: &Path, student: &str, relative: &str, text: &str) {
    let path = class.join(student).join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn student<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["students"]
        .as_array()
        .unwrap()
        .iter()
        .find(|student| student["name"] == name)
        .unwrap_or_else(|| panic!("no student {name} in {report:#}"))
}

fn greet_of<'a>(report: &'a Value, name: &str) -> (&'a str, &'a str) {
    let exercise = student(report, name)["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|exercise| exercise["name"] == "greet-js")
        .unwrap();
    (
        exercise["status"].as_str().unwrap(),
        exercise["reason"].as_str().unwrap_or_default(),
    )
}

/// The class folder and a folder outside it that the writer aims at.
struct MischievousClass {
    class: tempfile::TempDir,
    outside: tempfile::TempDir,
    long_name: String,
}

fn mischievous_class(scratch: &ScratchWorkbook) -> MischievousClass {
    let class = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let marker = scratch.root().join("background-child-marker");
    let long_name = "x".repeat(250);
    let class_dir = class.path();
    for name in [
        "ada",
        "importer",
        "writer",
        "background",
        "syntax",
        "import-error",
        long_name.as_str(),
    ] {
        hand_in(class_dir, name, ADD, CORRECT_ADD);
    }
    hand_in(class_dir, "ada", GREET, CORRECT_GREET);
    hand_in(class_dir, long_name.as_str(), GREET, CORRECT_GREET);
    hand_in(
        class_dir,
        "importer",
        GREET,
        "export * from './solution/greeting.mjs';\n",
    );
    let pwned = outside.path().join("pwned.txt");
    hand_in(
        class_dir,
        "writer",
        GREET,
        &format!(
            "import {{ writeFileSync }} from 'node:fs';\nwriteFileSync({:?}, 'written');\n{CORRECT_GREET}",
            pwned.display()
        ),
    );
    hand_in(
        class_dir,
        "background",
        GREET,
        &format!(
            "import {{ spawn }} from 'node:child_process';\nspawn(process.execPath, ['-e', 'setInterval(() => {{}}, 1000)', {:?}], {{ stdio: 'inherit', detached: true }});\n{CORRECT_GREET}",
            marker.display()
        ),
    );
    hand_in(
        class_dir,
        "syntax",
        GREET,
        "export function greet(name) {\n  return 'hello, ' + ;\n}\n",
    );
    hand_in(
        class_dir,
        "import-error",
        GREET,
        &format!("import {{ nope }} from './check.mjs';\n{CORRECT_GREET}"),
    );
    hand_in(class_dir, "near-miss", "Greeting.mjs", CORRECT_GREET);
    std::fs::create_dir_all(class_dir.join("not-a-file").join(ADD)).unwrap();
    MischievousClass {
        class,
        outside,
        long_name,
    }
}

#[test]
fn a_mischievous_class_is_graded_student_by_student_and_nothing_escapes() {
    let scratch = classroom();
    let MischievousClass {
        class,
        outside,
        long_name,
    } = mischievous_class(&scratch);
    let class_dir = class.path();
    let pwned = outside.path().join("pwned.txt");
    let output = scratch
        .command(&["grade", "--format", "json"])
        .arg(class_dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let text = report.to_string();
    assert!(
        !text.contains("scratch"),
        "a scratch path leaked: {report:#}"
    );

    assert_eq!(greet_of(&report, "ada"), ("pass", ""));
    assert_eq!(greet_of(&report, &long_name), ("pass", ""));
    assert_eq!(student(&report, &long_name)["status"], "pass");

    let (status, reason) = greet_of(&report, "importer");
    assert_eq!(status, "fail", "{reason}");
    assert!(
        reason.contains("Cannot find module") && reason.contains("solution/greeting.mjs"),
        "{reason}"
    );

    let (status, reason) = greet_of(&report, "writer");
    assert_eq!(status, "fail", "{reason}");
    assert!(
        reason.contains("ERR_ACCESS_DENIED")
            || reason.contains("Access to this API has been restricted"),
        "{reason}"
    );
    assert!(!pwned.exists(), "the writer wrote outside its scratch copy");

    let (status, reason) = greet_of(&report, "background");
    assert_eq!(status, "fail", "{reason}");
    assert!(reason.contains("restricted"), "{reason}");
    assert_eq!(scratch.leftover_processes(), Vec::<String>::new());

    let (status, reason) = greet_of(&report, "syntax");
    assert_eq!(status, "fail", "{reason}");
    assert!(
        reason.contains("SyntaxError")
            && reason.contains("chapters/numbers/exercises/greet-js/greeting.mjs:2"),
        "{reason}"
    );

    let (status, reason) = greet_of(&report, "import-error");
    assert_eq!(status, "fail", "{reason}");
    assert!(
        reason.contains("does not provide an export named 'nope'")
            && reason.contains("chapters/numbers/exercises/greet-js/greeting.mjs:1"),
        "{reason}"
    );

    let (status, reason) = greet_of(&report, "near-miss");
    assert_eq!(status, "not_submitted");
    assert_eq!(
        reason,
        "not submitted: found `Greeting.mjs` at the top level; expected `chapters/numbers/exercises/greet-js/greeting.mjs`"
    );
    assert_eq!(student(&report, "near-miss")["status"], "not_submitted");

    let add = &student(&report, "not-a-file")["exercises"][0];
    assert_eq!(add["status"], "error", "{add}");
    assert_eq!(student(&report, "not-a-file")["status"], "error");
}

#[test]
fn graded_copies_hold_no_solution_to_import() {
    let scratch = classroom();
    let class = tempfile::tempdir().unwrap();
    hand_in(
        class.path(),
        "importer",
        GREET,
        "export * from './solution/greeting.mjs';\n",
    );
    let output = scratch
        .command(&["grade", "--format", "json", "--exercise", "greet-js"])
        .arg(class.path())
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let (status, reason) = greet_of(&report, "importer");
    assert_eq!(status, "fail", "{report:#}");
    assert!(reason.contains("Cannot find module"), "{reason}");
}

#[test]
fn grade_exercise_is_repeatable_and_grades_only_those() {
    let scratch = classroom();
    let class = repo_root().join("runner/tests/fixtures/class");
    let only = |args: &[&str]| -> Vec<String> {
        let output = scratch
            .command(&[&["grade", "--format", "json"], args].concat())
            .arg(&class)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        report["exercises"]
            .as_array()
            .unwrap()
            .iter()
            .map(|tally| tally["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(only(&["--exercise", "greet-js"]), ["greet-js"]);
    assert_eq!(
        only(&["--exercise", "greet-js", "--exercise", "add-wat"]),
        ["greet-js", "add-wat"]
    );
}
