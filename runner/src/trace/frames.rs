//! The Asyncify stacks saved at each pause: which wasm functions were on the
//! stack when the import started the unwind (each one saved its locals and
//! where it was), and the bytes the unwind left in the data buffer.

use std::fmt::Write as _;

use super::TraceEvent;

/// Saved words shown per line.
const WORDS_PER_LINE: usize = 8;

/// One block per unwind event, or an empty string when the trace has none.
/// A pause that saved the same frames and bytes as an earlier one refers to it.
pub fn draw_stacks(events: &[TraceEvent]) -> String {
    let mut text = String::new();
    let mut shown: Vec<(usize, &[String], &[u8])> = Vec::new();
    for (index, event) in events.iter().enumerate() {
        let (Some(frames), Some(saved)) = (&event.frames, &event.saved) else {
            continue;
        };
        let number = index + 1;
        let _ = writeln!(text, "Asyncify pause at event {number}: {}", event.text);
        if let Some((earlier, ..)) = shown
            .iter()
            .find(|(_, f, s)| *f == frames.as_slice() && *s == saved.as_slice())
        {
            let _ = writeln!(text, "  the same frames and bytes as at event {earlier}\n");
            continue;
        }
        shown.push((number, frames, saved));
        draw_frames(&mut text, frames);
        draw_saved(&mut text, saved, event.buffer);
        text.push('\n');
    }
    text
}

fn draw_frames(text: &mut String, frames: &[String]) {
    if frames.is_empty() {
        let _ = writeln!(text, "  (the engine named no wasm frames)");
        return;
    }
    let width = frames.iter().map(|f| f.chars().count()).max().unwrap_or(0) + 2;
    let _ = writeln!(
        text,
        "  wasm stack at the pause, outermost on top (it unwound last, and rewinds first):"
    );
    let _ = writeln!(text, "  ┌{}┐", "─".repeat(width));
    for (depth, frame) in frames.iter().enumerate().rev() {
        let mark = if depth == 0 {
            "  ← called the import; unwound first"
        } else {
            ""
        };
        let _ = writeln!(text, "  │ {frame:<0$} │{mark}", width - 2);
    }
    let _ = writeln!(text, "  └{}┘", "─".repeat(width));
}

fn draw_saved(text: &mut String, saved: &[u8], buffer: Option<[u32; 2]>) {
    let place = buffer.map_or_else(String::new, |[start, end]| {
        format!(" of the buffer at {start}..{end}")
    });
    let _ = writeln!(
        text,
        "  {} bytes saved{place}: each frame's call index and locals, innermost frame's first",
        saved.len()
    );
    for (line, chunk) in saved.chunks(4 * WORDS_PER_LINE).enumerate() {
        let words: Vec<String> = chunk
            .chunks(4)
            .map(|word| {
                let mut bytes = [0u8; 4];
                bytes[..word.len()].copy_from_slice(word);
                i32::from_le_bytes(bytes).to_string()
            })
            .collect();
        let _ = writeln!(
            text,
            "    +{:<4} {}",
            line * 4 * WORDS_PER_LINE,
            words.join(" ")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_each_new_stack_and_refers_to_repeats() {
        let pause = TraceEvent {
            from: "wasm".into(),
            to: Some("main".into()),
            text: "unwound: 8 bytes saved".into(),
            frames: Some(vec!["inner (#1)".into(), "outer (#2)".into()]),
            saved: Some(vec![1, 0, 0, 0, 255, 255, 255, 255]),
            buffer: Some([1032, 2056]),
        };
        let events = [pause.clone(), pause];
        assert_eq!(
            draw_stacks(&events),
            "Asyncify pause at event 1: unwound: 8 bytes saved\n\
             \x20 wasm stack at the pause, outermost on top (it unwound last, and rewinds first):\n\
             \x20 ┌────────────┐\n\
             \x20 │ outer (#2) │\n\
             \x20 │ inner (#1) │  ← called the import; unwound first\n\
             \x20 └────────────┘\n\
             \x20 8 bytes saved of the buffer at 1032..2056: each frame's call index and locals, innermost frame's first\n\
             \x20   +0    1 -1\n\
             \n\
             Asyncify pause at event 2: unwound: 8 bytes saved\n\
             \x20 the same frames and bytes as at event 1\n\n"
        );
    }
}
