//! The split needs both halves, and valid WAT.

use super::{Mutation, assert_rejected};

#[test]
fn callback_with_renamed_export_names_the_missing_export() {
    assert_rejected(&Mutation {
        chapter: "callback",
        file: "chapters/callback/sleep.wat",
        from: "(export \"sleep_callback\")",
        to: "(export \"sleep_done\")",
        stage: "harness",
        message: "module \"sleep\" has no export \"sleep_callback\" (it exports: sleep, sleep_done)",
    });
}

#[test]
fn callback_with_a_syntax_error_shows_file_line_and_caret() {
    assert_rejected(&Mutation {
        chapter: "callback",
        file: "chapters/callback/sleep.wat",
        from: "(global.set $started_at (call $now_ms))",
        to: "(global.set $started_at (call $now_ms)",
        stage: "parse",
        message: "--> chapters/callback/sleep.wat:",
    });
}

#[test]
fn callback_setter_taking_a_number_instead_of_a_reference_is_rejected() {
    assert_rejected(&Mutation {
        chapter: "callback",
        file: "chapters/callback/setter.wat",
        from: "(export \"set_complete_callback\") (param $callback externref)",
        to: "(export \"set_complete_callback\") (param $callback i32)",
        stage: "validate",
        message: "`chapters/callback/setter.wat` is not a valid module: type mismatch",
    });
}
