//! The Asyncify stacks saved at each pause: which wasm functions were on the
//! stack when the import started the unwind (each one saved its locals and
//! where it was), and the bytes the unwind left in the data buffer.

use std::collections::BTreeMap;
use std::fmt::Write as _;

#[cfg(test)]
use super::TraceEvent;
use super::collapse::Row;

/// Bytes of the call index each instrumented frame saves before its locals.
const CALL_INDEX_BYTES: usize = 4;

/// Saved words shown per line.
const WORDS_PER_LINE: usize = 8;

/// One block per unwind event, or an empty string when the trace has none.
/// A pause that saved the same frames and bytes as an earlier one refers to it.
/// Where `saved_locals` accounts for every saved byte, each frame shows its own
/// call index and locals; otherwise the saved bytes are shown whole.
pub fn draw_stacks(rows: &[Row], saved_locals: &BTreeMap<String, usize>) -> String {
    let mut text = String::new();
    let mut shown: Vec<(usize, &[String], &[u8])> = Vec::new();
    for (index, event) in rows.iter().map(|row| row.event).enumerate() {
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
        if let Some(chunks) = frame_chunks(frames, saved, saved_locals) {
            draw_attributed(&mut text, frames, &chunks, event.buffer);
        } else {
            draw_frames(&mut text, frames);
            draw_saved(&mut text, saved, event.buffer);
        }
        text.push('\n');
    }
    text
}

/// Each frame's bytes, innermost first, when the sizes add up to `saved` exactly.
fn frame_chunks<'a>(
    frames: &[String],
    saved: &'a [u8],
    saved_locals: &BTreeMap<String, usize>,
) -> Option<Vec<&'a [u8]>> {
    let mut chunks = Vec::new();
    let mut rest = saved;
    for frame in frames {
        let key = frame.split(" (").next().unwrap_or(frame);
        let index = frame
            .rsplit_once("(#")
            .map(|(_, index)| format!("#{}", index.trim_end_matches(')')));
        let locals = saved_locals
            .get(key)
            .or_else(|| index.and_then(|index| saved_locals.get(&index)))?;
        let size = CALL_INDEX_BYTES + locals;
        if rest.len() < size {
            return None;
        }
        let (chunk, after) = rest.split_at(size);
        chunks.push(chunk);
        rest = after;
    }
    (rest.is_empty() && !frames.is_empty()).then_some(chunks)
}

fn draw_attributed(
    text: &mut String,
    frames: &[String],
    chunks: &[&[u8]],
    buffer: Option<[u32; 2]>,
) {
    let total: usize = chunks.iter().map(|chunk| chunk.len()).sum();
    let place = buffer.map_or_else(String::new, |[start, end]| {
        format!(" in the buffer at {start}..{end}")
    });
    let _ = writeln!(
        text,
        "  wasm stack at the pause, outermost on top (it unwound last, and rewinds first);\n  \
         {total} bytes saved{place}, innermost frame's first, each as i32 words:"
    );
    let width = frames.iter().map(|f| f.chars().count()).max().unwrap_or(0) + 2;
    let offsets: Vec<usize> = chunks
        .iter()
        .scan(0, |offset, chunk| {
            let at = *offset;
            *offset += chunk.len();
            Some(at)
        })
        .collect();
    let _ = writeln!(text, "  ┌{}┐", "─".repeat(width));
    for (depth, frame) in frames.iter().enumerate().rev() {
        let words = words(chunks[depth]);
        let (call_index, locals) = words
            .split_first()
            .map_or(("?", &[][..]), |(first, rest)| (first.as_str(), rest));
        let locals = if locals.is_empty() {
            "none".to_string()
        } else {
            locals.join(" ")
        };
        let mark = if depth == 0 {
            "  ← called the import"
        } else {
            ""
        };
        let _ = writeln!(
            text,
            "  │ {frame:<0$} │ +{1:<3} call index {call_index}; locals {locals}{mark}",
            width - 2,
            offsets[depth],
        );
    }
    let _ = writeln!(text, "  └{}┘", "─".repeat(width));
}

/// `bytes` as little-endian i32 words (a short last word padded with zeros).
fn words(bytes: &[u8]) -> Vec<String> {
    bytes
        .chunks(4)
        .map(|word| {
            let mut padded = [0u8; 4];
            padded[..word.len()].copy_from_slice(word);
            i32::from_le_bytes(padded).to_string()
        })
        .collect()
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
        let _ = writeln!(
            text,
            "    +{:<4} {}",
            line * 4 * WORDS_PER_LINE,
            words(chunk).join(" ")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::collapse::collapse;

    #[test]
    fn draws_each_new_stack_and_refers_to_repeats() {
        let pause = TraceEvent {
            from: "wasm".into(),
            to: Some("main".into()),
            text: "unwound: 8 bytes saved".into(),
            frames: Some(vec!["inner (#1)".into(), "outer (#2)".into()]),
            saved: Some(vec![1, 0, 0, 0, 255, 255, 255, 255]),
            buffer: Some([1032, 2056]),
            ..TraceEvent::default()
        };
        let events = [pause.clone(), pause.clone()];
        assert_eq!(
            draw_stacks(&collapse(&events), &BTreeMap::new()),
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

    #[test]
    fn gives_each_frame_its_bytes_when_the_sizes_add_up() {
        let pause = TraceEvent {
            from: "wasm".into(),
            to: Some("main".into()),
            text: "unwound: 12 bytes saved".into(),
            frames: Some(vec!["inner (#1)".into(), "#2".into()]),
            saved: Some(vec![0, 0, 0, 0, 7, 0, 0, 0, 1, 0, 0, 0]),
            buffer: None,
            ..TraceEvent::default()
        };
        let sizes = BTreeMap::from([("inner".to_string(), 4), ("#2".to_string(), 0)]);
        assert_eq!(
            draw_stacks(&collapse(std::slice::from_ref(&pause)), &sizes),
            "Asyncify pause at event 1: unwound: 12 bytes saved\n\
             \x20 wasm stack at the pause, outermost on top (it unwound last, and rewinds first);\n\
             \x20 12 bytes saved, innermost frame's first, each as i32 words:\n\
             \x20 ┌────────────┐\n\
             \x20 │ #2         │ +8   call index 1; locals none\n\
             \x20 │ inner (#1) │ +0   call index 0; locals 7  ← called the import\n\
             \x20 └────────────┘\n\n"
        );
        let wrong = BTreeMap::from([("inner".to_string(), 8), ("#2".to_string(), 0)]);
        assert!(draw_stacks(&collapse(&[pause]), &wrong).contains("12 bytes saved: each frame's"));
    }
}
