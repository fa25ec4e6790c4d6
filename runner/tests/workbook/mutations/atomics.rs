//! The waiter must be woken, and what wakes it must carry the asynchronous result.

use super::{Mutation, ScratchWorkbook, assert_rejected, repo_root};

/// Without `Atomics.notify`, worker A's safety timeout ends the wait and the
/// run fails well inside the time limit, naming the missing notify.
#[test]
fn atomics_without_notify_fails_in_time_and_names_the_lost_wake_up() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    scratch.mutate(
        "chapters/atomics/protocol.mjs",
        "Atomics.notify(",
        "((...ignored) => 0)(",
    );
    let output = scratch.runner(&["chapter", "atomics", "--variant", "two-workers"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output.stdout.contains("FAIL at stage log"),
        "expected a log failure in:\n{}",
        output.stdout
    );
    assert!(
        output
            .stdout
            .contains("is Atomics.notify missing? (a lost wake-up)"),
        "expected the lost wake-up to be named in:\n{}",
        output.stdout
    );
    assert!(
        !output.stdout.contains("timed out after"),
        "the run must end by itself, not at the time limit:\n{}",
        output.stdout
    );
    assert_eq!(scratch.leftover_processes(), Vec::<String>::new());
}

/// The value in the log is the one worker B's asynchronous operation produced:
/// change it there, and the log changes.
#[test]
fn atomics_result_comes_from_worker_b_async_work() {
    assert_rejected(&Mutation {
        chapter: "atomics",
        file: "chapters/atomics/worker_b.mjs",
        from: "return Math.ceil(host.now() - started);",
        to: "return Math.ceil(host.now() - started) + 1000;",
        stage: "log",
        message: "+sleep(50) returned the time worker B measured: no",
    });
}

/// Erratum: the source chapter's blocked worker returns a hard-coded 54321.
#[test]
fn atomics_hard_coded_result_is_rejected() {
    assert_rejected(&Mutation {
        chapter: "atomics",
        file: "chapters/atomics/blocking_timeout.mjs",
        from: "return value;",
        to: "return 54321;",
        stage: "log",
        message: "+sleep(50) returned the time worker B measured: no",
    });
}

/// Worker B that never answers: the run still ends, and leaves nothing behind.
#[test]
fn atomics_unanswered_wait_leaves_no_process_behind() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let output = scratch.runner(&["chapter", "atomics", "--variant", "no-answer"]);
    assert_eq!(output.code, Some(0), "{output:?}");
    assert_eq!(scratch.leftover_processes(), Vec::<String>::new());
}
