//! The spread of one technique's batches: median, min, max, and whether the
//! spread is too wide to trust.

use serde::{Deserialize, Serialize};

/// A spread above this is reported as noisy: the middle half of the batches
/// ((p75 - p25) / median) is that wide. Min and max are shown as well, but
/// one batch disturbed by another process would flag every run.
pub const NOISY_SPREAD: f64 = 0.10;

/// Nanoseconds per round trip over a technique's batches.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// The median batch.
    pub median_ns: f64,
    /// The fastest batch.
    pub min_ns: f64,
    /// The slowest batch.
    pub max_ns: f64,
    /// The 25th percentile.
    pub p25_ns: f64,
    /// The 75th percentile.
    pub p75_ns: f64,
}

impl Spread {
    /// The spread of `samples`; `None` when there are none or one is not finite.
    pub fn of(samples: &[f64]) -> Option<Self> {
        if samples.is_empty() || samples.iter().any(|sample| !sample.is_finite()) {
            return None;
        }
        let mut sorted = samples.to_vec();
        sorted.sort_by(f64::total_cmp);
        let middle = sorted.len() / 2;
        let median_ns = if sorted.len() % 2 == 1 {
            sorted[middle]
        } else {
            f64::midpoint(sorted[middle - 1], sorted[middle])
        };
        Some(Self {
            median_ns,
            min_ns: sorted[0],
            max_ns: sorted[sorted.len() - 1],
            p25_ns: percentile(&sorted, 0.25),
            p75_ns: percentile(&sorted, 0.75),
        })
    }

    /// (p75 - p25) / median, as a fraction.
    pub fn relative(&self) -> f64 {
        if self.median_ns > 0.0 {
            (self.p75_ns - self.p25_ns) / self.median_ns
        } else {
            0.0
        }
    }

    /// True when the spread is over [`NOISY_SPREAD`].
    pub fn is_noisy(&self) -> bool {
        self.relative() > NOISY_SPREAD
    }
}

/// Why a technique's median may not hold from one run to the next, from
/// the batches of each process that timed it: `None` when the processes'
/// medians lie within [`NOISY_SPREAD`] of their median. The cause is read
/// from the same data: processes that are each steady but disagree settled
/// at different speeds (JIT tiering, memory layout), while batches that also
/// vary within each process were disturbed in the timed region.
pub fn unsteadiness(per_process: &[Vec<f64>]) -> Option<String> {
    let spreads: Vec<Spread> = per_process.iter().filter_map(|b| Spread::of(b)).collect();
    let medians: Vec<f64> = spreads.iter().map(|spread| spread.median_ns).collect();
    let across = Spread::of(&medians).filter(|_| medians.len() > 1)?;
    let range = (across.max_ns - across.min_ns) / across.median_ns;
    if range <= NOISY_SPREAD {
        return None;
    }
    let within: Vec<f64> = spreads.iter().map(Spread::relative).collect();
    let within = Spread::of(&within).map_or(0.0, |spread| spread.median_ns);
    let cause = if within > NOISY_SPREAD {
        "its batches vary within each process too (garbage collection, or other processes on the machine, in the timed region)"
    } else {
        "each process is steady, but they settle at different speeds (JIT tiering and memory layout differ process to process)"
    };
    Some(format!(
        "the medians of {} processes ranged {}-{} ns ({:.0}% of their median): {cause}",
        medians.len(),
        super::report::format_ns(across.min_ns),
        super::report::format_ns(across.max_ns),
        range * 100.0
    ))
}

/// The `fraction` percentile of `sorted`, interpolated between neighbours.
fn percentile(sorted: &[f64], fraction: f64) -> f64 {
    let last = sorted.len() - 1;
    #[allow(clippy::cast_precision_loss)]
    let position = fraction * last as f64;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let below = position.floor() as usize;
    let above = (below + 1).min(last);
    #[allow(clippy::cast_precision_loss)]
    let weight = position - below as f64;
    sorted[below] + (sorted[above] - sorted[below]) * weight
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the samples are exact small integers
mod tests {
    use super::*;

    #[test]
    fn median_min_max_and_spread() {
        let spread = Spread::of(&[30.0, 10.0, 20.0, 22.0, 40.0]).unwrap();
        assert_eq!(
            (spread.median_ns, spread.min_ns, spread.max_ns),
            (22.0, 10.0, 40.0)
        );
        assert_eq!((spread.p25_ns, spread.p75_ns), (20.0, 30.0));
        assert!(spread.is_noisy());
        let steady = Spread::of(&[100.0, 101.0, 99.0]).unwrap();
        assert_eq!(steady.median_ns, 100.0);
        assert!(!steady.is_noisy());
        assert_eq!(Spread::of(&[]), None);
        assert_eq!(Spread::of(&[1.0, f64::NAN]), None);
    }

    #[test]
    fn processes_that_disagree_are_unsteady_with_the_cause_the_data_shows() {
        let steady = [vec![100.0, 101.0, 99.0], vec![104.0, 103.0, 105.0]];
        assert_eq!(unsteadiness(&steady), None);
        let settled_apart = [vec![100.0, 101.0, 99.0], vec![130.0, 131.0, 129.0]];
        let reason = unsteadiness(&settled_apart).unwrap();
        assert!(
            reason
                .starts_with("the medians of 2 processes ranged 100-130 ns (26% of their median)"),
            "{reason}"
        );
        assert!(reason.contains("JIT tiering"), "{reason}");
        let disturbed = [
            vec![100.0, 150.0, 80.0, 120.0],
            vec![140.0, 200.0, 90.0, 160.0],
        ];
        assert!(
            unsteadiness(&disturbed)
                .unwrap()
                .contains("garbage collection")
        );
        assert_eq!(
            unsteadiness(&[vec![1.0, 2.0]]),
            None,
            "one process says nothing about the next"
        );
    }
}
