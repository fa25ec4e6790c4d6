//! The asyncify driver must stop each unwind and return the export's result;
//! the instrumented snapshots must follow the WAT; the overflow must happen;
//! and the chapter runs from its snapshots alone, or from a warm cache.

use super::super::support::{ScratchWorkbook, repo_root};
use super::{Mutation, assert_rejected};

const VARIANTS: [&str; 4] = [
    "before-after",
    "running-total",
    "call-chain",
    "imports-list",
];

#[test]
fn asyncify_driver_that_never_stops_the_unwind_fails_every_variant() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    scratch.mutate(
        "node-harness/lib/asyncify.mjs",
        "exports.asyncify_stop_unwind();",
        "exports.asyncify_get_state();",
    );
    let output = scratch.runner(&["chapter", "asyncify"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    for variant in VARIANTS {
        let verdict = format!("FAIL at stage harness (variant {variant})");
        assert!(
            output.stdout.contains(&verdict),
            "expected `{verdict}` in:\n{}",
            output.stdout
        );
    }
    let cause = "before starting a rewind, the state must be 'normal', but it is 'unwinding'";
    assert!(
        output.stdout.contains(cause),
        "expected `{cause}` in:\n{}",
        output.stdout
    );
}

/// Erratum: the source chapter's loop never returns the result. The same
/// mistake in the shared driver must show up as `undefined` in the log.
#[test]
fn asyncify_driver_that_drops_the_result_is_rejected() {
    assert_rejected(&Mutation {
        chapter: "asyncify",
        file: "node-harness/lib/asyncify.mjs",
        from: "return result; // finished",
        to: "break; // finished",
        stage: "log",
        message: "+driver returned: undefined",
    });
}

#[test]
fn asyncify_wat_changed_without_its_snapshot_is_rejected() {
    assert_rejected(&Mutation {
        chapter: "asyncify",
        file: "chapters/asyncify/call_chain.wat",
        from: "(i32.mul (local.get $seed) (i32.const 10))",
        to: "(i32.mul (local.get $seed) (i32.const 20))",
        stage: "snapshot",
        message: "the instrumented `call_chain` differs from `snapshots/asyncify__call_chain__instrumented.snap`",
    });
}

#[test]
fn asyncify_buffer_that_fits_does_not_show_the_overflow_lesson() {
    assert_rejected(&Mutation {
        chapter: "asyncify",
        file: "chapters/asyncify/call_chain.mjs",
        from: "const TINY_STACK_BYTES = 8;",
        to: "const TINY_STACK_BYTES = 256;",
        stage: "log",
        message: "-the call failed: asyncify data buffer overflowed",
    });
}

#[test]
fn asyncify_runs_from_its_snapshots_without_wasm_opt() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let output = scratch.runner(&["chapter", "asyncify", "--no-wasm-opt"]);
    assert_eq!(output.code, Some(0), "{output:?}");
    assert!(
        output.stdout.contains("skipped (--no-wasm-opt)"),
        "{}",
        output.stdout
    );
    assert!(
        output.stdout.contains(
            "rebuilt call_chain from `snapshots/asyncify__call_chain__instrumented.snap`"
        ),
        "{}",
        output.stdout
    );
    assert!(!output.stdout.contains("ran wasm-opt"), "{}", output.stdout);
}

#[test]
fn asyncify_warm_rerun_does_not_run_wasm_opt() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let first = scratch.runner(&["chapter", "asyncify", "--verbose"]);
    assert_eq!(first.code, Some(0), "{first:?}");
    let warm = scratch.runner(&["chapter", "asyncify", "--verbose"]);
    assert_eq!(warm.code, Some(0), "{warm:?}");
    // Six modules go through wasm-opt, each shown in the variant that loads it.
    assert_eq!(
        warm.stdout.matches("cache hit, wasm-opt not run").count(),
        6,
        "{}",
        warm.stdout
    );
    assert!(!warm.stdout.contains("ran wasm-opt"), "{}", warm.stdout);
}

#[test]
fn asyncify_driver_rejects_a_bad_data_layout_before_use() {
    assert_rejected(&Mutation {
        chapter: "asyncify",
        file: "chapters/asyncify/before_after.mjs",
        from: "{ dataAddress: 1024, stackBytes: 1016 }",
        to: "{ dataAddress: 1026, stackBytes: 70000 }",
        stage: "harness",
        message: "asyncify driver: bad layout: dataAddress 1026 must be a multiple of 4 (the header holds two i32); the data (1026..71034) ends past the memory's 65536 bytes",
    });
}
