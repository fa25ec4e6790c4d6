//! `[variant.timeline]`: what the browser host page's live timeline must
//! show while the variant runs, checked in Chromium by `cargo test`
//! (`timeline::<chapter>::<variant>`) from the lanes and marks the page drew.

use serde::Deserialize;

/// One `[variant.timeline]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineSpec {
    /// Lanes the page must draw, such as `"worker A"`.
    #[serde(default)]
    pub lanes: Vec<String>,
    /// Whether the main thread's ticks come between `from` and `to`.
    pub ticks: Ticks,
    /// Where the span starts: the first mark that matches.
    pub from: MarkSpec,
    /// Where the span ends: the last mark that matches.
    pub to: MarkSpec,
    /// A wait the timeline must show whole, collapsed into one group.
    pub whole: Option<WholeSpec>,
}

/// `[variant.timeline.whole]`: a wait of `ms` milliseconds from the mark
/// `after`, drawn whole: a group of repeated events (`group`, 2 or more in a
/// row) lasts to its end, and no event the timeline drew is cut before it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WholeSpec {
    /// The mark the wait starts at (the first that matches).
    pub after: MarkSpec,
    /// How long the wait lasts, in milliseconds.
    pub ms: f64,
    /// The group of repeated events that fills the wait.
    pub group: MarkSpec,
}

/// The main thread's ticks during the span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ticks {
    /// At least one tick: the main thread's event loop kept running.
    Some,
    /// Not one tick: the main thread was blocked.
    None,
}

/// A mark on the timeline: its lane, and text it contains (any mark of the
/// lane when there is none).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkSpec {
    /// The lane, as the page names it: `main`, `wasm`, `timers`, `worker A`.
    pub lane: String,
    /// Text the mark's label contains.
    pub text: Option<String>,
}

impl MarkSpec {
    /// True when a mark on `lane` labelled `label` matches.
    pub fn matches(&self, lane: &str, label: &str) -> bool {
        self.lane == lane && self.text.as_deref().is_none_or(|text| label.contains(text))
    }
}
