//! The Rust builder: a `.rs` module is compiled by the pinned rustc and
//! checked against its recorded build, or runs from that record without it.

use std::os::unix::fs::PermissionsExt;

use super::support::{RunnerOutput, ScratchWorkbook, repo_root, require_tool};

fn compiled() -> ScratchWorkbook {
    ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/rust"))
}

fn run_with_rustc(scratch: &ScratchWorkbook, rustc: &str) -> RunnerOutput {
    scratch.runner_with_env(&["chapter", "compiled"], &[("WORKBOOK_RUSTC", rustc)])
}

#[test]
fn without_rustc_the_module_runs_from_its_recorded_build() {
    let scratch = compiled();
    let output = run_with_rustc(&scratch, "/nonexistent/rustc");
    assert_eq!(output.code, Some(0), "{output:?}");
    assert!(
        output
            .stdout
            .contains("chapters/compiled/eight.rs: ran the recorded build (rustc skipped)")
            && output
                .stdout
                .contains("rebuilt eight from `snapshots/compiled/eight.compiled.snap`"),
        "{output:?}"
    );
    assert_eq!(
        output.stderr.trim(),
        "note: `/nonexistent/rustc` is not installed (rustc 1.63.0; install it with \
         `apt-get install -y rustc libstd-rust-dev-wasm32`): Rust modules run from their recorded builds",
        "said once, in one line"
    );
}

#[test]
fn without_rustc_a_source_changed_since_its_record_is_refused() {
    let scratch = compiled();
    scratch.mutate("chapters/compiled/eight.rs", "8\n", "9\n");
    let output = run_with_rustc(&scratch, "/nonexistent/rustc");
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output.stdout.contains(
            "`chapters/compiled/eight.rs` (or how it is built) changed since its build was recorded"
        ) && output.stdout.contains("FAIL at stage parse (variant main)"),
        "{output:?}"
    );
}

#[test]
fn another_rustc_version_is_refused_naming_both_versions() {
    let scratch = compiled();
    let fake = scratch.root().join("rustc");
    std::fs::write(
        &fake,
        "#!/bin/sh\necho 'rustc 1.70.0 (90c541806 2023-05-31)'\n",
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let output = run_with_rustc(&scratch, fake.to_str().unwrap());
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output.stdout.contains("FAIL at stage parse (variant main)")
            && output
                .stdout
                .contains("is rustc 1.70.0, but the recorded builds come from rustc 1.63.0"),
        "{output:?}"
    );
}

#[test]
#[cfg_attr(
    missing_rustc,
    ignore = "needs rustc for wasm32: apt-get install -y rustc libstd-rust-dev-wasm32"
)]
fn the_pinned_rustc_builds_the_record_and_locates_errors() {
    require_tool(runner::build::DEFAULT_RUSTC, runner::build::RUSTC_INSTALL);
    let scratch = compiled();
    let output = run_with_rustc(&scratch, runner::build::DEFAULT_RUSTC);
    assert_eq!(output.code, Some(0), "{output:?}");
    assert!(
        output
            .stdout
            .contains("eight matches `snapshots/compiled/eight.compiled.snap`"),
        "{output:?}"
    );

    scratch.mutate("chapters/compiled/eight.rs", "8\n", "eight\n");
    let output = run_with_rustc(&scratch, runner::build::DEFAULT_RUSTC);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output.stdout.contains("--> chapters/compiled/eight.rs:3:5")
            && output.stdout.contains("FAIL at stage parse (variant main)"),
        "{output:?}"
    );
}
