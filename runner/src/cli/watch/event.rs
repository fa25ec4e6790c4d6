//! What `watch` waits for, from every source: keys, saves, resizes and the
//! end of a run. Defined apart from the sources so none imports another.

use std::path::PathBuf;

use runner::exercise::CheckedExercise;

/// One key the learner pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A printable key, lower-cased.
    Char(char),
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Enter.
    Enter,
    /// Escape.
    Escape,
    /// Ctrl-C, which raw mode delivers as a key instead of a signal.
    Interrupt,
}

/// What `watch` waits for.
pub enum WatchEvent {
    /// A key the learner pressed.
    Key(Key),
    /// A file changed.
    Saved(PathBuf),
    /// The terminal changed size.
    Resized,
    /// The run started in the background ended.
    RunFinished(anyhow::Result<CheckedExercise>),
    /// The piped keys ended.
    InputClosed,
}
