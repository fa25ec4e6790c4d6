//! `grade --format gradescope|exercism` and `classroom/run_autograder`,
//! validated against JSON Schemas written from the published specs
//! (`tests/fixtures/autograders/`).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::grading::{ADD, CORRECT_ADD, CORRECT_GREET, GREET, classroom, hand_in};
use super::json_schema::JsonSchema;
use super::support::{ScratchWorkbook, repo_root};

fn fixtures() -> PathBuf {
    repo_root().join("runner/tests/fixtures/autograders")
}

fn gradescope_schema() -> JsonSchema {
    JsonSchema::load(&fixtures().join("gradescope.schema.json"))
}

fn exercism_schema() -> JsonSchema {
    JsonSchema::load(&fixtures().join("exercism-v3.schema.json"))
}

fn assert_valid(schema: &JsonSchema, document: &Value) {
    let violations = schema.violations(document);
    assert!(violations.is_empty(), "{violations:#?}\nin {document:#}");
}

/// Grades `class` (one student) in `format` and returns the parsed stdout.
fn graded(scratch: &ScratchWorkbook, class: &Path, format: &str) -> Value {
    let output = scratch
        .command(&["grade", "--format", format])
        .arg(class)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| panic!("{error}: {output:?}"))
}

/// A class folder whose one student, `learner`, handed in `files` (path, text).
fn class_of_one(files: &[(&str, &str)]) -> tempfile::TempDir {
    let class = tempfile::tempdir().unwrap();
    std::fs::create_dir(class.path().join("learner")).unwrap();
    for (path, text) in files {
        hand_in(class.path(), "learner", path, text);
    }
    class
}

#[test]
fn the_schemas_accept_their_valid_examples_and_refuse_the_invalid_ones() {
    for (folder, schema) in [
        ("gradescope", gradescope_schema()),
        ("exercism", exercism_schema()),
    ] {
        let mut seen = (0, 0);
        for entry in std::fs::read_dir(fixtures().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let document: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let violations = schema.violations(&document);
            if name.starts_with("valid-") {
                assert!(violations.is_empty(), "{folder}/{name}: {violations:#?}");
                seen.0 += 1;
            } else {
                assert!(!violations.is_empty(), "{folder}/{name} was accepted");
                seen.1 += 1;
            }
        }
        assert!(
            seen.0 >= 2 && seen.1 >= 4,
            "{folder}: too few examples {seen:?}"
        );
    }
}

#[test]
fn gradescope_results_validate_and_give_one_point_per_passed_exercise() {
    let scratch = classroom();
    let class = tempfile::tempdir().unwrap();
    hand_in(class.path(), "ada", ADD, CORRECT_ADD);
    hand_in(class.path(), "ada", GREET, "export function greet( {\n");
    let results = graded(&scratch, class.path(), "gradescope");
    assert_valid(&gradescope_schema(), &results);
    assert_eq!(results["score"], 1.0);
    let tests = results["tests"].as_array().unwrap();
    assert_eq!(tests[0]["name"], "add-wat");
    assert_eq!(
        (
            &tests[0]["status"],
            &tests[0]["score"],
            &tests[0]["max_score"]
        ),
        (&Value::from("passed"), &Value::from(1.0), &Value::from(1.0))
    );
    assert_eq!(tests[1]["name"], "greet-js");
    assert_eq!(tests[1]["status"], "failed");
    assert_eq!(tests[1]["score"], 0.0);
    let output = tests[1]["output"].as_str().unwrap();
    assert!(
        output.contains("SyntaxError") && output.contains(GREET),
        "{output}"
    );
}

#[test]
fn exercism_results_validate_when_passing_failing_and_erroring() {
    let scratch = classroom();
    let schema = exercism_schema();
    let passing = class_of_one(&[(ADD, CORRECT_ADD), (GREET, CORRECT_GREET)]);
    let results = graded(&scratch, passing.path(), "exercism");
    assert_valid(&schema, &results);
    assert_eq!(results["status"], "pass");
    assert_eq!(
        results["tests"][1]["test_code"],
        "cargo run -p runner -- exercise greet-js"
    );

    let failing = class_of_one(&[(ADD, CORRECT_ADD)]);
    let results = graded(&scratch, failing.path(), "exercism");
    assert_valid(&schema, &results);
    assert_eq!(results["status"], "fail");
    assert_eq!(results["tests"][0]["status"], "pass");
    assert_eq!(results["tests"][1]["status"], "fail");
    assert_eq!(
        results["tests"][1]["message"],
        format!("not submitted: `{GREET}`")
    );

    let erroring = class_of_one(&[]);
    for file in [ADD, GREET] {
        std::fs::create_dir_all(erroring.path().join("learner").join(file)).unwrap();
    }
    let results = graded(&scratch, erroring.path(), "exercism");
    assert_valid(&schema, &results);
    assert_eq!(results["status"], "error", "{results:#}");
    assert!(results["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(results["tests"][0]["status"], "error");
}

#[test]
fn one_submission_formats_refuse_a_class_of_several_students() {
    let scratch = classroom();
    let class = repo_root().join("runner/tests/fixtures/class");
    for format in ["gradescope", "exercism"] {
        let output = scratch
            .command(&["grade", "--format", format])
            .arg(&class)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(output.stdout.is_empty());
        assert!(
            stderr.contains(&format!("`--format {format}` reports one submission"))
                && stderr.contains("3 student folders (ada, bob, cy)")
                && stderr.contains("classroom/run_autograder"),
            "{stderr}"
        );
    }
}

/// `classroom/run_autograder` with /autograder at `autograder`.
fn run_autograder(scratch: &ScratchWorkbook, autograder: &Path, runner: &Path) -> Value {
    let status = Command::new(repo_root().join("classroom/run_autograder"))
        .env("AUTOGRADER", autograder)
        .env("WORKBOOK", scratch.root())
        .env("RUNNER", runner)
        .status()
        .unwrap();
    assert!(status.success(), "run_autograder exited with {status}");
    let results = std::fs::read_to_string(autograder.join("results/results.json")).unwrap();
    serde_json::from_str(&results).unwrap()
}

#[test]
fn run_autograder_places_loose_files_and_writes_valid_results() {
    let scratch = classroom();
    let runner = Path::new(env!("CARGO_BIN_EXE_runner"));
    let autograder = tempfile::tempdir().unwrap();
    hand_in(autograder.path(), "submission", ADD, CORRECT_ADD);
    let loose = autograder.path().join("submission/greeting.mjs");
    std::fs::write(&loose, CORRECT_GREET).unwrap();
    let results = run_autograder(&scratch, autograder.path(), runner);
    assert_valid(&gradescope_schema(), &results);
    assert_eq!(results["score"], 2.0, "{results:#}");
    assert!(loose.is_file(), "the submission was changed");

    let repository = tempfile::tempdir().unwrap();
    let chapters = repository.path().join("submission/chapters");
    hand_in(&chapters, "", ADD, CORRECT_ADD);
    hand_in(&chapters, "", GREET, "export const greet = 1;\n");
    let results = run_autograder(&scratch, repository.path(), runner);
    assert_valid(&gradescope_schema(), &results);
    assert_eq!(results["score"], 1.0, "{results:#}");
    assert_eq!(results["tests"][1]["status"], "failed", "{results:#}");

    let broken = run_autograder(&scratch, autograder.path(), Path::new("/bin/false"));
    assert_valid(&gradescope_schema(), &broken);
    assert_eq!(broken["score"], 0);
    assert!(
        broken["output"]
            .as_str()
            .unwrap()
            .contains("could not grade"),
        "{broken:#}"
    );
}
