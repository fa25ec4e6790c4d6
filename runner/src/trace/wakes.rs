//! Arrows between threads for `Atomics.notify`: each thread's tracer sees only
//! its own side (a notify, or a wait that ended), so the drawing pairs them by
//! the shared cell's index and draws the notify as an arrow to the thread it woke.

use super::TraceEvent;

/// `events`, with each notify that a later wait on the same cell (on
/// another lane) ended as an arrow from the notifier to the waiter.
pub fn link_wakes(events: &[TraceEvent]) -> Vec<TraceEvent> {
    let mut linked = events.to_vec();
    for index in 0..linked.len() {
        let Some(cell) = linked[index].notify else {
            continue;
        };
        let notifier = linked[index].from.clone();
        let waiter = linked[index + 1..]
            .iter()
            .find(|event| event.woken == Some(cell) && event.from != notifier)
            .map(|event| event.from.clone());
        if let Some(waiter) = waiter {
            let event = &mut linked[index];
            event.text = format!("{}: wakes {waiter}'s wait", event.text);
            event.to = Some(waiter);
        }
    }
    linked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notify_points_at_the_thread_whose_wait_it_ended() {
        let notify = TraceEvent {
            from: "worker B".into(),
            text: "Atomics.notify on [0]".into(),
            notify: Some(0),
            ..TraceEvent::default()
        };
        let woken = TraceEvent {
            from: "worker A".into(),
            text: "Atomics.wait on [0] is over".into(),
            woken: Some(0),
            ..TraceEvent::default()
        };
        let linked = link_wakes(&[notify.clone(), woken.clone()]);
        assert_eq!(linked[0].to.as_deref(), Some("worker A"));
        assert_eq!(
            linked[0].text,
            "Atomics.notify on [0]: wakes worker A's wait"
        );
        assert_eq!(linked[1], woken);
        // A notify nobody waited for stays a note.
        assert_eq!(link_wakes(std::slice::from_ref(&notify))[0], notify);
    }
}
