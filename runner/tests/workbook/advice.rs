//! Advice for the mistakes learners make, under a failed check: leftover
//! debug output and WAT parse errors in plain words (the C and `QuickJS`
//! mistakes are pinned by the unit tests of `exercise/advice.rs`).

use super::support::{ScratchWorkbook, repo_root};

const EXERCISES: &str = "chapters/numbers/exercises";

fn classroom() -> ScratchWorkbook {
    ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/classroom"))
}

#[test]
fn leftover_debug_output_is_named_as_the_cause() {
    let scratch = classroom();
    let file = scratch.root().join(EXERCISES).join("greet-js/greeting.mjs");
    std::fs::write(
        &file,
        "export function greet(name) {\n  console.log('got', name);\n  return `hello, ${name}`;\n}\n",
    )
    .unwrap();
    let output = scratch.runner(&["exercise", "greet-js"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output
            .stdout
            .contains("Advice: Your file still calls `console.log`"),
        "{output:?}"
    );
    // Without the debug line the same answer passes, and no advice is given.
    std::fs::write(
        &file,
        "export function greet(name) {\n  return `hello, ${name}`;\n}\n",
    )
    .unwrap();
    let output = scratch.runner(&["exercise", "greet-js"]);
    assert_eq!(output.code, Some(0), "{output:?}");
    assert!(!output.stdout.contains("Advice:"), "{output:?}");
}

#[test]
fn a_wat_parse_error_is_said_in_plain_words() {
    let scratch = classroom();
    let file = scratch.root().join(EXERCISES).join("add-wat/add.wat");
    std::fs::write(
        &file,
        "(module\n  (table 1 (ref null extrn))\n  (func (export \"add\") (param i32 i32) (result i32)\n    (i32.add (local.get 0) (local.get 1))))\n",
    )
    .unwrap();
    let output = scratch.runner(&["exercise", "add-wat"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(output.stdout.contains("absheaptype"), "{output:?}");
    assert!(
        output.stdout.contains(
            "Advice: In plain words: the parser expected an index (a number, or a `$name`), or an opening `(`, or a heap type such as `func` or `extern` there."
        ),
        "{output:?}"
    );
}
