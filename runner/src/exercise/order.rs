//! Which exercise comes next: one rule for `watch`'s `n`, `exercise`'s
//! "Next:" line and anything else that suggests one.

use super::Exercise;
use crate::progress::Progress;

/// The first unfinished exercise after the one at `after`, in watch order,
/// wrapping around; `None` when every other exercise is done.
pub fn next_unfinished(exercises: &[Exercise], progress: &Progress, after: usize) -> Option<usize> {
    let count = exercises.len();
    (1..count)
        .map(|step| (after + step) % count)
        .find(|index| !progress.is_done(exercises[*index].name.as_str()))
}
