//! Every chapter proves it can fail: each mutation in `mutations/<chapter>.rs`
//! breaks one lesson, and the runner must reject it at the right stage with a
//! message that names the cause.

mod asyncify;
mod atomics;
mod blocking;
mod callback;
mod jspi;

use super::support::{ScratchWorkbook, repo_root};

/// One edit to a copy of the workbook, and the failure it must cause.
struct Mutation {
    chapter: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
    stage: &'static str,
    message: &'static str,
}

/// Applies `mutation` to a scratch copy and checks the runner rejects it as described.
fn assert_rejected(mutation: &Mutation) {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    scratch.mutate(mutation.file, mutation.from, mutation.to);
    let output = scratch.runner(&["chapter", mutation.chapter]);
    assert_eq!(output.code, Some(1), "{output:?}");
    let verdict = format!("FAIL at stage {}", mutation.stage);
    assert!(
        output.stdout.contains(&verdict),
        "expected `{verdict}` in:\n{}",
        output.stdout
    );
    assert!(
        output.stdout.contains(mutation.message),
        "expected `{}` in:\n{}",
        mutation.message,
        output.stdout
    );
}
