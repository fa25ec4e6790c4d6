//! Maps a byte offset in a module built from WAT back to the instruction in
//! the text that produced it, so validation errors point at the learner's line.
//!
//! The text is parsed a second time with instruction spans kept; the n-th
//! operator of the k-th function body in the binary is the n-th instruction of
//! the k-th function defined in the text (imports have no body).

use std::path::Path;

use wast::core::{FuncKind, ModuleField, ModuleKind};
use wast::parser::{self, ParseBuffer};
use wast::token::Span;

/// `message` located in `text` at the instruction whose encoding starts at
/// `offset` in `wasm`, rendered like a parse error: `origin:line:col`, the
/// line, and a caret. `None` when the offset is not inside a function body
/// or the text does not line up with the binary.
pub fn locate_in_wat(
    text: &str,
    origin: &Path,
    wasm: &[u8],
    offset: u64,
    message: &str,
) -> Option<String> {
    let (function, operator, count) = operator_at(wasm, offset)?;
    let span = instruction_span(text, function, operator, count)?;
    let mut error = wast::Error::new(span, message.to_string());
    error.set_text(text);
    error.set_path(origin);
    Some(error.to_string())
}

/// Which defined function, and which operator in its body, starts at `offset`
/// (or last started before it), with the number of operators in that body.
fn operator_at(wasm: &[u8], offset: u64) -> Option<(usize, usize, usize)> {
    let mut function = 0;
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        let wasmparser::Payload::CodeSectionEntry(body) = payload.ok()? else {
            continue;
        };
        if !body.range().contains(&offset) {
            function += 1;
            continue;
        }
        let mut found = None;
        let mut count = 0;
        for item in body.get_operators_reader().ok()?.into_iter_with_offsets() {
            let (_, at) = item.ok()?;
            if at <= offset {
                found = Some(count);
            }
            count += 1;
        }
        return found.map(|operator| (function, operator, count));
    }
    None
}

/// The span of the `operator`-th instruction of the `function`-th function
/// defined in `text`; the function's own span for the implicit final `end`.
fn instruction_span(text: &str, function: usize, operator: usize, count: usize) -> Option<Span> {
    let mut buffer = ParseBuffer::new(text).ok()?;
    buffer.track_instr_spans(true);
    let wat: wast::Wat<'_> = parser::parse(&buffer).ok()?;
    let wast::Wat::Module(module) = wat else {
        return None;
    };
    let ModuleKind::Text(fields) = module.kind else {
        return None;
    };
    let func = fields
        .iter()
        .filter_map(|field| match field {
            ModuleField::Func(func) => match &func.kind {
                FuncKind::Inline { expression, .. } => Some((func.span, expression)),
                FuncKind::Import(..) => None,
            },
            _ => None,
        })
        .nth(function)?;
    let (func_span, expression) = func;
    let spans = expression.instr_spans.as_deref()?;
    // The binary ends each body with an `end` the text leaves implicit.
    if spans.len() != expression.instrs.len() || count != spans.len() + 1 {
        return None;
    }
    Some(spans.get(operator).copied().unwrap_or(func_span))
}
