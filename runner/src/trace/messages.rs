//! Arrows between threads for messages over a `MessagePort`. The host draws
//! most as arrows already: the sender knows which thread holds the other end
//! (see `node-harness/lib/trace/ports.mjs`). Where it does not, it records
//! what it posted, and the receiver what arrived; the drawing pairs them by
//! the message's label, in order, into one arrow where the message was
//! posted. When a message arrives depends on scheduling, so a receipt is
//! never drawn itself: it only names the receiver.

use super::TraceEvent;
use super::sequence::thread_and_role;

/// `events`, with each posted message that a later event on another thread
/// received drawn as an arrow to that thread, and every receipt left out.
pub fn link_messages(events: &[TraceEvent]) -> Vec<TraceEvent> {
    let mut linked = events.to_vec();
    let mut receipts = vec![false; linked.len()];
    for index in 0..linked.len() {
        let Some(label) = linked[index].sent.clone() else {
            continue;
        };
        let sender = thread_and_role(&linked[index].from).0.to_string();
        let receipt = (index + 1..linked.len()).find(|&later| {
            let event = &linked[later];
            !receipts[later]
                && event.received.as_ref() == Some(&label)
                && thread_and_role(&event.from).0 != sender
        });
        if let Some(receipt) = receipt {
            receipts[receipt] = true;
            let receiver = linked[receipt].from.clone();
            let event = &mut linked[index];
            event.text = format!("port message {label} to {receiver}");
            event.to = Some(receiver);
        }
    }
    linked.retain(|event| event.received.is_none());
    linked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(from: &str, label: &str) -> TraceEvent {
        TraceEvent {
            from: from.into(),
            text: format!("port.postMessage({label})"),
            sent: Some(label.into()),
            ..TraceEvent::default()
        }
    }

    fn received(from: &str, label: &str) -> TraceEvent {
        TraceEvent {
            from: from.into(),
            text: format!("port.onmessage({label})"),
            received: Some(label.into()),
            ..TraceEvent::default()
        }
    }

    #[test]
    fn a_message_becomes_one_arrow_from_sender_to_receiver() {
        let between = TraceEvent {
            from: "worker B".into(),
            to: Some("worker B timers".into()),
            text: "setTimeout".into(),
            ..TraceEvent::default()
        };
        let events = [
            sent("worker A", "{durationMs, cell}"),
            received("worker B", "{durationMs, cell}"),
            between.clone(),
        ];
        let linked = link_messages(&events);
        assert_eq!(linked.len(), 2);
        assert_eq!(linked[0].to.as_deref(), Some("worker B"));
        assert_eq!(
            linked[0].text,
            "port message {durationMs, cell} to worker B"
        );
        assert_eq!(linked[1], between);
    }

    #[test]
    fn messages_pair_in_order_an_unreceived_one_stays_a_note_and_receipts_go() {
        let events = [
            sent("worker A", "1"),
            sent("worker A", "1"),
            received("worker B", "1"),
            sent("worker A", "2"),
            received("worker A", "2"),
        ];
        let linked = link_messages(&events);
        let shown: Vec<_> = linked
            .iter()
            .map(|event| (event.text.as_str(), event.to.as_deref()))
            .collect();
        assert_eq!(
            shown,
            [
                ("port message 1 to worker B", Some("worker B")),
                ("port.postMessage(1)", None),
                ("port.postMessage(2)", None),
            ]
        );
    }
}
