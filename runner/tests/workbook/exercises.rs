//! Exercises: the learner's commands, `dev check` and `grade`, on the fixture
//! workbook `tests/fixtures/classroom` and its class `tests/fixtures/class`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::support::{RunnerOutput, ScratchWorkbook, copy_tree, repo_root};

const ADD_WAT: &str = "chapters/numbers/exercises/add-wat";

fn classroom() -> ScratchWorkbook {
    ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/classroom"))
}

fn read(scratch: &ScratchWorkbook, relative: &str) -> String {
    std::fs::read_to_string(scratch.root().join(relative)).unwrap()
}

fn copy_solution_over_learner_file(scratch: &ScratchWorkbook) {
    std::fs::copy(
        scratch.root().join(ADD_WAT).join("solution/add.wat"),
        scratch.root().join(ADD_WAT).join("add.wat"),
    )
    .unwrap();
}

#[test]
fn a_starter_fails_and_points_to_the_hint() {
    let scratch = classroom();
    let output = scratch.runner(&["exercise", "add-wat"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    for expected in [
        "Made your copy `chapters/numbers/exercises/add-wat/add.wat` from its starter",
        "✗ failed variant check: add(2, 3) is 5",
        "at stage log:",
        "--- expected (- lines)",
        "+++ your code logged (+ lines)",
        "-add(2, 3) = 5",
        "+add(2, 3) = 0",
        "cargo run -p runner -- hint add-wat",
    ] {
        assert!(
            output.stdout.contains(expected),
            "no `{expected}` in:\n{}",
            output.stdout
        );
    }
    let hint = scratch.runner(&["hint", "add-wat"]);
    assert_eq!(hint.code, Some(0));
    assert!(
        hint.stdout.contains("Add the two parameters with i32.add."),
        "{hint:?}"
    );
}

#[test]
fn copying_the_solution_over_the_starter_passes_and_counts_as_done() {
    let scratch = classroom();
    scratch.runner(&["exercise", "add-wat"]);
    copy_solution_over_learner_file(&scratch);
    let output = scratch.runner(&["exercise", "add-wat"]);
    assert_eq!(output.code, Some(0), "{output:?}");
    assert!(
        output.stdout.contains("Exercise add-wat is done."),
        "{output:?}"
    );
    assert!(
        output
            .stdout
            .contains("Next: cargo run -p runner -- exercise greet-js")
    );
    let list = scratch.runner(&["list"]);
    assert!(list.stdout.contains("Exercises (1/2 done):"), "{list:?}");
    assert!(list.stdout.contains("[x] add-wat"), "{list:?}");
    assert!(list.stdout.contains("[ ] greet-js"), "{list:?}");
    // One "next" everywhere: the next unfinished exercise, wrapping around.
    let greet = "chapters/numbers/exercises/greet-js";
    std::fs::copy(
        scratch.root().join(greet).join("solution/greeting.mjs"),
        scratch.root().join(greet).join("greeting.mjs"),
    )
    .unwrap();
    let reset = scratch.runner(&["reset", "add-wat", "--yes"]);
    assert_eq!(reset.code, Some(0), "{reset:?}");
    let output = scratch.runner(&["exercise", "greet-js"]);
    assert!(
        output
            .stdout
            .contains("Next: cargo run -p runner -- exercise add-wat"),
        "{output:?}"
    );
    copy_solution_over_learner_file(&scratch);
    let output = scratch.runner(&["exercise", "add-wat"]);
    assert!(
        output.stdout.contains("Every exercise is done."),
        "{output:?}"
    );
}

#[test]
fn reset_restores_the_starter_and_keeps_a_backup() {
    let scratch = classroom();
    copy_solution_over_learner_file(&scratch);
    let learner = format!("{ADD_WAT}/add.wat");
    let work = read(&scratch, &learner);

    let declined = scratch.runner(&["reset", "add-wat"]);
    assert_eq!(declined.code, Some(1), "{declined:?}");
    assert!(declined.stdout.contains("Nothing changed."));
    assert_eq!(read(&scratch, &learner), work);

    let output = scratch.runner(&["reset", "add-wat", "--yes"]);
    assert_eq!(output.code, Some(0), "{output:?}");
    assert_eq!(
        read(&scratch, &learner),
        read(&scratch, &format!("{ADD_WAT}/starter/add.wat"))
    );
    let backups = files_under(&scratch.root().join(".workbook-backups"));
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(backups.values().next().unwrap(), work.as_bytes());
    assert!(output.stdout.contains(
        "Backed up `chapters/numbers/exercises/add-wat/add.wat` to `.workbook-backups/add-wat/"
    ));
}

#[test]
fn unknown_exercise_suggests_the_nearest() {
    let output = classroom().runner(&["hint", "add-wast"]);
    assert_eq!(output.code, Some(2));
    assert!(
        output
            .stderr
            .contains("unknown exercise or chapter `add-wast`: did you mean `add-wat`?"),
        "{output:?}"
    );
}

#[test]
fn grading_a_class_reports_each_student_and_never_writes_the_submissions() {
    let scratch = classroom();
    let class = tempfile::tempdir().unwrap();
    copy_tree(
        &repo_root().join("runner/tests/fixtures/class"),
        class.path(),
    );
    let before = files_under(class.path());
    let output = scratch
        .command(&["grade", "--format", "json"])
        .arg(class.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        files_under(class.path()),
        before,
        "grade wrote into the submissions"
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    insta::with_settings!({ snapshot_path => "../fixtures/expected", prepend_module_to_snapshot => false }, {
        insta::assert_json_snapshot!("grade-class", report);
    });
    assert_eq!(scratch.leftover_processes(), Vec::<String>::new());
}

#[test]
fn grading_as_text_ends_with_the_summary_line() {
    let scratch = classroom();
    let class = repo_root().join("runner/tests/fixtures/class");
    let output = scratch.command(&["grade"]).arg(class).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout.lines().last(),
        Some("2 passed, 4 failed"),
        "{stdout}"
    );
    assert!(stdout.contains("cy: 0/2 passed"), "{stdout}");
}

#[test]
fn dev_check_rejects_a_starter_that_already_passes() {
    let scratch = classroom();
    std::fs::copy(
        scratch.root().join(ADD_WAT).join("solution/add.wat"),
        scratch.root().join(ADD_WAT).join("starter/add.wat"),
    )
    .unwrap();
    let output = scratch.runner(&["dev", "check"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(output.stdout.contains("FAIL  add-wat:"), "{output:?}");
    assert!(output.stdout.contains("has no TODO marker"), "{output:?}");
    scratch.mutate(
        &format!("{ADD_WAT}/starter/add.wat"),
        "(module",
        ";; TODO nothing\n(module",
    );
    let output = scratch.runner(&["dev", "check"]);
    assert!(
        output.stdout.contains("the starter passes: it must fail"),
        "{output:?}"
    );
}

#[test]
fn dev_check_catches_an_exercise_passed_by_printing_its_log_by_hand() {
    let scratch = classroom();
    let output = scratch.runner(&["dev", "check", "greet-js"]);
    assert_eq!(output.code, Some(0), "{output:?}");
    // A host that says "finished" before the harness ran lets the forgery through.
    scratch.mutate(
        "node-harness/node-host.mjs",
        "const signed = lineSigner('WORKBOOK_RUN_KEY', Boolean(process.permission));",
        "const signed = lineSigner('WORKBOOK_RUN_KEY', Boolean(process.permission));\nprocess.stdout.write(signed.finished());",
    );
    let output = scratch.runner(&["dev", "check", "greet-js"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output
            .stdout
            .contains("a learner's script that prints the expected log by hand and exits passes"),
        "{output:?}"
    );
}

/// Runs the greet-js exercise of a fresh classroom with `source` as the learner's module.
fn greet_js_with(source: &str) -> RunnerOutput {
    let scratch = classroom();
    let learner = scratch
        .root()
        .join("chapters/numbers/exercises/greet-js/greeting.mjs");
    std::fs::write(&learner, source).unwrap();
    scratch.runner(&["exercise", "greet-js"])
}

#[test]
fn a_learner_module_that_exits_early_fails_at_the_harness() {
    let output = greet_js_with(
        "console.log('a line of the log');\nprocess.exit(0);\nexport function greet() {}\n",
    );
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output.stdout.contains("exited before `run(host)` finished"),
        "{output:?}"
    );
}

#[test]
fn dev_check_accept_records_a_new_exercise_log_and_names_the_file() {
    let scratch = classroom();
    let snapshot = "snapshots/numbers/exercises/add-wat/check.log.snap";
    std::fs::remove_file(scratch.root().join(snapshot)).unwrap();
    let output = scratch.runner(&["dev", "check", "add-wat"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output
            .stdout
            .contains("`cargo run -p runner -- dev check add-wat --accept`"),
        "{output:?}"
    );
    let output = scratch.runner(&["dev", "check", "add-wat", "--accept"]);
    assert_eq!(output.code, Some(0), "{output:?}");
    assert!(
        output
            .stdout
            .contains(&format!("recorded `{snapshot}`: read it")),
        "{output:?}"
    );
    assert!(scratch.root().join(snapshot).is_file());
}

#[test]
fn dev_check_rejects_a_failing_solution_an_empty_hint_and_a_missing_file() {
    let scratch = classroom();
    scratch.mutate(&format!("{ADD_WAT}/solution/add.wat"), "i32.add", "i32.sub");
    std::fs::write(
        scratch.root().join(ADD_WAT).join("starter/extra.wat"),
        "(module)",
    )
    .unwrap();
    let output = scratch.runner(&["dev", "check"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(output.stdout.contains("`chapters/numbers/exercises/add-wat/starter/extra.wat` is not in the exercise's `files`"), "{output:?}");
    std::fs::remove_file(scratch.root().join(ADD_WAT).join("starter/extra.wat")).unwrap();
    let output = scratch.runner(&["dev", "check"]);
    assert!(output.stdout.contains("the solution fails:"), "{output:?}");
    assert!(output.stdout.contains("+add(2, 3) = -1"), "{output:?}");
    std::fs::remove_file(scratch.root().join(ADD_WAT).join("solution/add.wat")).unwrap();
    let output = scratch.runner(&["dev", "check"]);
    assert!(
        output
            .stdout
            .contains("`chapters/numbers/exercises/add-wat/solution/add.wat` is missing"),
        "{output:?}"
    );
    scratch.mutate(
        "chapters/numbers/exercises/greet-js/exercise.toml",
        "Return a template string that uses `name`.",
        " ",
    );
    let output = scratch.runner(&["dev", "check"]);
    assert_eq!(output.code, Some(2), "{output:?}");
    assert!(
        output
            .stderr
            .contains("greet-js/exercise.toml`: `hint` is missing or empty"),
        "{output:?}"
    );
}

#[test]
fn dev_check_names_the_line_of_a_mutation_that_no_longer_applies_or_survives() {
    let scratch = classroom();
    let manifest = "chapters/numbers/mutations.toml";
    scratch.mutate(
        manifest,
        "find = \"(i32.const 42)\"",
        "find = \"(i32.const 43)\"",
    );
    let output = scratch.runner(&["dev", "check", "numbers"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output
            .stdout
            .contains("FAIL  mutation numbers/another-answer (chapters/numbers/mutations.toml:2):")
            && output
                .stdout
                .contains("the `find` text no longer occurs in `chapters/numbers/answer.wat`"),
        "{output:?}"
    );
    scratch.mutate(
        manifest,
        "find = \"(i32.const 43)\"",
        "find = \"(i32.const 42)\"",
    );
    scratch.mutate(
        manifest,
        "replace = \"(i32.const 41)\"",
        "replace = \"(i32.const  42)\"",
    );
    let output = scratch.runner(&["dev", "check", "numbers"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output
            .stdout
            .contains("(chapters/numbers/mutations.toml:2):")
            && output
                .stdout
                .contains("it survived: every variant passed; expected a failure at stage log"),
        "{output:?}"
    );
    scratch.mutate(
        manifest,
        "replace = \"(i32.const  42)\"",
        "replace = \"(i32.const 41)\"",
    );
    let output = scratch.runner(&["dev", "check", "numbers"]);
    assert_eq!(output.code, Some(0), "{output:?}");
    assert!(
        output
            .stdout
            .contains("ok    mutation numbers/another-answer: rejected"),
        "{output:?}"
    );
}

#[test]
fn an_exercise_folder_must_be_listed_and_a_listed_exercise_must_exist() {
    let scratch = classroom();
    let stray = scratch.root().join("chapters/numbers/exercises/stray");
    std::fs::create_dir_all(&stray).unwrap();
    let output = scratch.runner(&["list"]);
    assert_eq!(output.code, Some(2), "{output:?}");
    assert!(
        output
            .stderr
            .contains("folder `<workbook>/chapters/numbers/exercises/stray` is not listed: add \"stray\" to `exercises`"),
        "{output:?}"
    );
    std::fs::remove_dir(&stray).unwrap();
    std::fs::remove_dir_all(scratch.root().join(ADD_WAT)).unwrap();
    let output = scratch.runner(&["list"]);
    assert_eq!(output.code, Some(2), "{output:?}");
    assert!(
        output.stderr.contains("exercise `add-wat` is listed, but no `chapters/<chapter>/exercises/add-wat/` folder exists"),
        "{output:?}"
    );
}

/// Every file under `dir` with its contents.
fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.insert(
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    files
}

#[test]
fn a_syntax_error_in_a_learner_module_names_the_file_and_line() {
    let output = greet_js_with("export function greet(name) {\n  return 'hello, ' + ;\n}\n");
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output.stdout.contains("✗ failed variant check")
            && output.stdout.contains("at stage harness:"),
        "{output:?}"
    );
    assert!(
        output.stdout.contains(
            "SyntaxError in <workbook>/chapters/numbers/exercises/greet-js/greeting.mjs:2"
        ),
        "{output:?}"
    );
}

#[test]
fn a_validation_error_in_a_learner_module_points_at_its_line() {
    let scratch = classroom();
    std::fs::write(
        scratch.root().join(ADD_WAT).join("add.wat"),
        "(module\n  (global $total i32 (i32.const 0))\n  (func (export \"add\") (param $a i32) (param $b i32) (result i32)\n    (global.set $total (i32.add (local.get $a) (local.get $b)))\n    (global.get $total)))\n",
    )
    .unwrap();
    let output = scratch.runner(&["exercise", "add-wat"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output.stdout.contains(
            "global is immutable: cannot modify it with `global.set`\n         --> chapters/numbers/exercises/add-wat/add.wat:4:6\n          |\n        4 |     (global.set $total (i32.add (local.get $a) (local.get $b)))\n          |      ^"
        ),
        "{}",
        output.stdout
    );
}
