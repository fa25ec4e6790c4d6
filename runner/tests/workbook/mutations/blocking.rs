//! The busy-wait must really wait.

use super::{Mutation, assert_rejected};

#[test]
fn blocking_sleep_that_does_not_wait_is_rejected() {
    assert_rejected(&Mutation {
        chapter: "blocking",
        file: "chapters/blocking/sleep.wat",
        from: "i32.lt_s",
        to: "i32.gt_s",
        stage: "log",
        message: "+sleep returned only after 100 ms: no",
    });
}
