//! Saves, from the file watcher: one event per changed path, and a pause
//! that lets an editor's burst of writes settle into one rerun.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use runner::exercise::Exercise;

use super::event::WatchEvent;

/// Editors save in bursts (write, rename, chmod): one rerun per burst.
const SETTLE: Duration = Duration::from_millis(150);

/// A watcher that sends every change (not mere reads) to `sender`.
pub fn file_watcher(sender: Sender<WatchEvent>) -> notify::Result<notify::RecommendedWatcher> {
    notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if event.kind.is_access() {
            return;
        }
        for path in event.paths {
            let _ = sender.send(WatchEvent::Saved(path));
        }
    })
}

/// True when `path` is one of the files the learner writes for `exercise`.
// Compared by their ends: the watcher may report canonical paths.
pub fn is_learner_file(exercise: &Exercise, path: &Path) -> bool {
    let folder = Path::new(exercise.name.as_str());
    exercise
        .files()
        .iter()
        .any(|file| path.ends_with(folder.join(file)))
}

/// Waits until saves stop arriving; keys that come meanwhile are kept.
pub fn settle(events: &Receiver<WatchEvent>, pending: &mut VecDeque<WatchEvent>) {
    loop {
        match events.recv_timeout(SETTLE) {
            Ok(WatchEvent::Saved(_)) => {}
            Ok(other) => pending.push_back(other),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return,
        }
    }
}
