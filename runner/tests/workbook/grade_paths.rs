//! A relative `--workbook` gives the same located reasons as an absolute
//! one, and no reason names a path outside the student's own files.

use std::process::Command;

use serde_json::Value;

use super::grading::{ADD, GREET, classroom, hand_in};
use super::support::require_tool;

#[test]
#[cfg_attr(
    missing_bwrap,
    ignore = "needs bubblewrap: apt-get install -y bubblewrap"
)]
fn a_relative_workbook_gives_the_same_located_reasons() {
    require_tool("bwrap", "apt-get install -y bubblewrap");
    let scratch = classroom();
    let class = tempfile::tempdir().unwrap();
    hand_in(
        class.path(),
        "syntax",
        GREET,
        "export function greet(name) {\n  return 'hello, ' + ;\n}\n",
    );
    hand_in(
        class.path(),
        "thrower",
        GREET,
        "export function greet(name) {\n  throw new Error(`no ${name}`);\n}\n",
    );
    hand_in(
        class.path(),
        "thrower",
        ADD,
        "(module\n  (func (export \"add\") (param i32 i32) (result i32)\n    unreachable))\n",
    );
    let reasons = |workbook: &str| -> Value {
        let output = Command::new(env!("CARGO_BIN_EXE_runner"))
            .current_dir(scratch.root())
            .args(["--workbook", workbook, "grade", "--format", "json"])
            .arg(class.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let relative = reasons(".");
    let absolute = reasons(scratch.root().to_str().unwrap());
    assert_eq!(relative, absolute);
    let text = relative.to_string();
    for place in [
        "chapters/numbers/exercises/greet-js/greeting.mjs:2",
        "Error: no Ada (at chapters/numbers/exercises/greet-js/greeting.mjs:2:9)",
        "RuntimeError: unreachable",
    ] {
        assert!(text.contains(place), "{place} is missing: {relative:#}");
    }
    let root = scratch.root().display().to_string();
    assert!(
        !text.contains(&root) && !text.contains("scratch"),
        "{relative:#}"
    );
}
