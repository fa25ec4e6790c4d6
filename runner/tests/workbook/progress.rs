//! The progress line of `grade` and `all`: drawn on a terminal for text
//! output, and never a byte of it in captured output or with `--format json`.

use std::path::Path;
use std::process::Command;

use super::grading::classroom;
use super::support::{ScratchWorkbook, repo_root, require_tool};

/// What the line always says, whatever the counts.
const PROGRESS_MARK: &str = " done, ";

fn assert_no_progress(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(
        !text.contains(PROGRESS_MARK) && !text.contains('\r') && !text.contains('\u{1b}'),
        "{what} holds progress output:\n{text:?}"
    );
}

fn class() -> std::path::PathBuf {
    repo_root().join("runner/tests/fixtures/class")
}

#[test]
fn captured_output_holds_no_progress_in_any_format() {
    let scratch = classroom();
    for format in ["json", "text"] {
        let output = scratch
            .command(&["grade", "--format", format])
            .arg(class())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        assert_no_progress(&format!("grade --format {format}: stderr"), &output.stderr);
        assert_no_progress(&format!("grade --format {format}: stdout"), &output.stdout);
    }
    let output = scratch
        .command(&["all", "--format", "json"])
        .output()
        .unwrap();
    assert_no_progress("all --format json: stderr", &output.stderr);
    assert_no_progress("all --format json: stdout", &output.stdout);
}

/// Runs the runner on a pseudo-terminal (util-linux `script`), so stdout
/// and stderr are both a terminal, and returns all it wrote there.
fn on_a_terminal(scratch: &ScratchWorkbook, args: &[&str], class: &Path) -> String {
    let mut command_line = format!(
        "{} --workbook {} {}",
        env!("CARGO_BIN_EXE_runner"),
        scratch.root().display(),
        args.join(" ")
    );
    command_line = format!("{command_line} {}", class.display());
    let output = Command::new("script")
        .args([
            "--quiet",
            "--return",
            "--command",
            &command_line,
            "/dev/null",
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
#[cfg_attr(missing_script, ignore = "needs script: apt-get install -y util-linux")]
fn a_terminal_shows_the_line_for_text_and_not_for_json() {
    require_tool("script", "apt-get install -y util-linux");
    let scratch = classroom();
    let text = on_a_terminal(&scratch, &["grade"], &class());
    assert!(
        text.contains("/6 done, ") && text.contains(" failed"),
        "no progress line on a terminal:\n{text:?}"
    );
    assert!(text.contains("2 passed, 4 failed"), "{text:?}");

    let json = on_a_terminal(&scratch, &["grade", "--format", "json"], &class());
    assert!(!json.contains(PROGRESS_MARK), "{json:?}");
    assert!(json.trim_start().starts_with('{'), "{json:?}");
}
