//! The engine runs the machine holds at once: a few slots per core, one
//! taken by each variant for the length of its run. Most variants spend
//! most of their run waiting on a timer or a promise, not computing, so one
//! run per core leaves the cores idle; the bound keeps a burst of startups
//! from thrashing. A variant marked `alone` takes every slot, so nothing else
//! runs beside it. Each run records which others ran beside it, a fact the
//! reports keep (the tests prove `alone` from it, not from timing).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock, PoisonError};

/// How much of the machine a run needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    /// One slot, beside other runs.
    Shared,
    /// The whole machine: no other run starts until it ends.
    Alone,
}

/// Engine runs held at once per core. A lesson's process computes mainly
/// while Node starts and waits on timers for most of the rest, so a few per
/// core keep the cores busy; `bench/overhead.sh` measures the effect.
pub const RUNS_PER_CORE: usize = 5;

/// A fixed number of slots, handed out to runs in turn.
#[derive(Debug)]
pub struct CoreSlots {
    slots: usize,
    state: Mutex<SlotState>,
    freed: Condvar,
}

#[derive(Debug, Default)]
struct SlotState {
    busy: usize,
    /// Runs waiting to go alone: while any waits, no one-core run starts,
    /// so a stream of short runs cannot starve it.
    alone_waiting: usize,
    next_ticket: u64,
    running: BTreeMap<u64, RunningJob>,
}

#[derive(Debug)]
struct RunningJob {
    label: String,
    alongside: BTreeSet<String>,
}

impl CoreSlots {
    /// `slots` slots (at least one).
    pub fn new(slots: usize) -> Self {
        Self {
            slots: slots.max(1),
            state: Mutex::new(SlotState::default()),
            freed: Condvar::new(),
        }
    }

    /// The process's slots, [`RUNS_PER_CORE`] per core.
    pub fn machine() -> &'static Self {
        static MACHINE: OnceLock<CoreSlots> = OnceLock::new();
        MACHINE.get_or_init(|| Self::new(machine_cores() * RUNS_PER_CORE))
    }

    /// How many runs may hold a slot at once.
    pub fn count(&self) -> usize {
        self.slots
    }

    /// Waits for the slots `share` needs, runs `work` labelled `label`, and
    /// returns its result with the labels of every run that overlapped it.
    pub fn run<R>(&self, label: &str, share: Share, work: impl FnOnce() -> R) -> (R, Vec<String>) {
        let held = self.acquire(label, share);
        let result = work();
        let alongside = held.release();
        (result, alongside)
    }

    fn lock(&self) -> MutexGuard<'_, SlotState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn acquire(&self, label: &str, share: Share) -> HeldSlots<'_> {
        let needed = match share {
            Share::Shared => 1,
            Share::Alone => self.slots,
        };
        let mut state = self.lock();
        if share == Share::Alone {
            state.alone_waiting += 1;
        }
        loop {
            let room = state.busy + needed <= self.slots;
            let queued_behind_alone = share == Share::Shared && state.alone_waiting > 0;
            if room && !queued_behind_alone {
                break;
            }
            state = self
                .freed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        if share == Share::Alone {
            state.alone_waiting -= 1;
        }
        state.busy += needed;
        let ticket = state.next_ticket;
        state.next_ticket += 1;
        let mut alongside = BTreeSet::new();
        for other in state.running.values_mut() {
            other.alongside.insert(label.to_owned());
            alongside.insert(other.label.clone());
        }
        let label = label.to_owned();
        state
            .running
            .insert(ticket, RunningJob { label, alongside });
        HeldSlots {
            slots: self,
            ticket,
            count: needed,
            released: false,
        }
    }
}

/// The cores of this machine (at least one).
pub fn machine_cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Slots taken by one run; given back on release or when dropped (a panic).
struct HeldSlots<'a> {
    slots: &'a CoreSlots,
    ticket: u64,
    count: usize,
    released: bool,
}

impl HeldSlots<'_> {
    fn release(mut self) -> Vec<String> {
        self.give_back().into_iter().collect()
    }

    fn give_back(&mut self) -> BTreeSet<String> {
        self.released = true;
        let mut state = self.slots.lock();
        state.busy -= self.count;
        let job = state.running.remove(&self.ticket);
        drop(state);
        self.slots.freed.notify_all();
        job.map(|job| job.alongside).unwrap_or_default()
    }
}

impl Drop for HeldSlots<'_> {
    fn drop(&mut self) {
        if !self.released {
            self.give_back();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Barrier;

    #[test]
    fn shared_runs_overlap_up_to_the_slots() {
        let slots = CoreSlots::new(2);
        let both_in = Barrier::new(2);
        let results: Vec<Vec<String>> = std::thread::scope(|scope| {
            let handles: Vec<_> = ["a", "b"]
                .into_iter()
                .map(|label| {
                    let (slots, both_in) = (&slots, &both_in);
                    scope.spawn(move || {
                        slots
                            .run(label, Share::Shared, || {
                                both_in.wait();
                            })
                            .1
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(results, vec![vec!["b".to_owned()], vec!["a".to_owned()]]);
    }

    #[test]
    fn an_alone_run_overlaps_nothing() {
        let slots = CoreSlots::new(2);
        let overlaps: Vec<(String, Vec<String>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..12)
                .map(|n| {
                    let slots = &slots;
                    scope.spawn(move || {
                        let (label, share) = if n % 4 == 0 {
                            (format!("alone-{n}"), Share::Alone)
                        } else {
                            (format!("shared-{n}"), Share::Shared)
                        };
                        let alongside = slots.run(&label, share, std::thread::yield_now).1;
                        (label, alongside)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for (label, alongside) in overlaps {
            let is_alone = |name: &str| name.starts_with("alone");
            if is_alone(&label) {
                assert!(alongside.is_empty(), "{label} ran beside {alongside:?}");
            } else {
                assert!(
                    !alongside.iter().any(|name| is_alone(name)),
                    "{label}: {alongside:?}"
                );
            }
        }
    }
}
