//! JSPI needs both wrappers, the right engine, and WAT that validates; the
//! Overview example's shape is rejected where the erratum says it is wrong.

use super::{Mutation, assert_rejected};

#[test]
fn jspi_standard_without_promising_throws_the_suspend_error_lesson() {
    assert_rejected(&Mutation {
        chapter: "jspi",
        file: "chapters/jspi/standard.mjs",
        from: "WebAssembly.promising(exports.sleep)",
        to: "exports.sleep",
        stage: "harness",
        message: "SuspendError: trying to suspend without WebAssembly.promising",
    });
}

#[test]
fn jspi_standard_under_node20_names_the_api_it_needs() {
    assert_rejected(&Mutation {
        chapter: "jspi",
        file: "chapters/jspi/chapter.toml",
        from: "harness = \"standard.mjs\"\nmodules = [\"sleep\"]\nnode = \"node26\"",
        to: "harness = \"standard.mjs\"\nmodules = [\"sleep\"]\nnode = \"node20\"\nnode_flags = [\"--experimental-wasm-stack-switching\"]",
        stage: "harness",
        message: "this lesson needs the standard JSPI API (WebAssembly.Suspending and WebAssembly.promising), but node 20.20.2 offers the original Suspender API",
    });
}

#[test]
fn jspi_suspender_without_its_flag_says_which_flag() {
    assert_rejected(&Mutation {
        chapter: "jspi",
        file: "chapters/jspi/chapter.toml",
        from: "node_flags = [\"--experimental-wasm-stack-switching\"]",
        to: "node_flags = []",
        stage: "harness",
        message: "but node 20.20.2 offers no JSPI API at all: run it under node20 with --experimental-wasm-stack-switching",
    });
}

/// Erratum: the Overview example declares `$state` without `mut`.
#[test]
fn jspi_update_state_with_an_immutable_global_fails_validation() {
    assert_rejected(&Mutation {
        chapter: "jspi",
        file: "chapters/jspi/update_state.wat",
        from: "(global $state (mut i32) (i32.const 0))",
        to: "(global $state i32 (i32.const 0))",
        stage: "validate",
        message: "`chapters/jspi/update_state.wat` is not a valid module: global is immutable: cannot modify it with `global.set`",
    });
}

/// Erratum: the Overview example has a `global.set` that names no global.
#[test]
fn jspi_update_state_with_a_targetless_global_set_fails_to_parse() {
    assert_rejected(&Mutation {
        chapter: "jspi",
        file: "chapters/jspi/update_state.wat",
        from: "(global.set $state (i32.add",
        to: "(global.set (i32.add",
        stage: "parse",
        message: "--> chapters/jspi/update_state.wat:",
    });
}

/// Reading `$state` before the awaited call (the Overview's operand order)
/// loses an update when two calls overlap.
#[test]
fn jspi_update_state_reading_the_global_before_the_wait_loses_an_update() {
    assert_rejected(&Mutation {
        chapter: "jspi",
        file: "chapters/jspi/update_state.wat",
        from: "    (local.set $delta (call $compute_delta))\n    ;; ... then read the state: whatever ran during the wait is included\n    (global.set $state (i32.add (global.get $state) (local.get $delta)))",
        to: "    (global.set $state (i32.add (global.get $state) (call $compute_delta)))",
        stage: "log",
        message: "+no update was lost (5 + 7 + 30 = 42): no",
    });
}
