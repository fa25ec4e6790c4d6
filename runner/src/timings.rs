//! Where a run's wall time goes, for whoever tunes the runner: with
//! `WORKBOOK_TIMINGS=1` in the environment, each [`span`] prints one line to
//! stderr when it ends (its start and length, in ms since the first span).
//! Off by default, and never written to a report or a snapshot.

use std::sync::OnceLock;
use std::time::Instant;

/// The environment variable that turns the lines on.
pub const TIMINGS_VARIABLE: &str = "WORKBOOK_TIMINGS";

fn origin() -> Option<Instant> {
    static ORIGIN: OnceLock<Option<Instant>> = OnceLock::new();
    *ORIGIN.get_or_init(|| std::env::var_os(TIMINGS_VARIABLE).map(|_| Instant::now()))
}

/// A step being timed; its line is printed when it is dropped.
pub struct Span {
    label: Option<(String, Instant)>,
}

/// Starts timing `label` (built only when timings are on).
pub fn span(label: impl FnOnce() -> String) -> Span {
    Span {
        label: origin().map(|_| (label(), Instant::now())),
    }
}

impl Drop for Span {
    fn drop(&mut self) {
        if let (Some((label, started)), Some(origin)) = (self.label.take(), origin()) {
            let from = started.duration_since(origin).as_secs_f64() * 1e3;
            let took = started.elapsed().as_secs_f64() * 1e3;
            eprintln!("timing {from:8.1} ms +{took:7.1} ms  {label}");
        }
    }
}
