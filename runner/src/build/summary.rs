//! A readable account of a compiled module for review: its imports and
//! exports, the size of each section and of its glue. A change in the source
//! or the flags shows up here as a diff.

use std::fmt::Write as _;

use wasmparser::{Parser, Payload};

/// Describes `wasm` (and its JavaScript `glue`, when there is one).
pub fn describe(wasm: &[u8], glue: Option<&str>) -> String {
    let mut text = format!("module: {} bytes\n", wasm.len());
    if let Some(glue) = glue {
        let _ = writeln!(
            text,
            "glue: {} bytes, {} lines",
            glue.len(),
            glue.lines().count()
        );
    }
    let (mut imports, mut exports, mut sections) = (Vec::new(), Vec::new(), Vec::new());
    for payload in Parser::new(0).parse_all(wasm) {
        let Ok(payload) = payload else {
            text.push_str("(the module does not parse)\n");
            return text;
        };
        match &payload {
            Payload::ImportSection(reader) => {
                for import in reader.clone().into_imports().flatten() {
                    imports.push(format!("{}.{}", import.module, import.name));
                }
            }
            Payload::ExportSection(reader) => {
                exports.extend(
                    reader
                        .clone()
                        .into_iter()
                        .flatten()
                        .map(|e| e.name.to_string()),
                );
            }
            _ => {}
        }
        if let Some((id, range)) = payload.as_section() {
            let name = match &payload {
                Payload::CustomSection(custom) => format!("custom \"{}\"", custom.name()),
                _ => section_name(id).to_string(),
            };
            sections.push(format!("{name}: {} bytes", range.end - range.start));
        }
    }
    for (title, lines) in [
        ("imports", imports),
        ("exports", exports),
        ("sections", sections),
    ] {
        let _ = writeln!(text, "{title}:");
        for line in lines {
            let _ = writeln!(text, "  {line}");
        }
    }
    text
}

fn section_name(id: u8) -> &'static str {
    match id {
        1 => "type",
        2 => "import",
        3 => "function",
        4 => "table",
        5 => "memory",
        6 => "global",
        7 => "export",
        8 => "start",
        9 => "element",
        10 => "code",
        11 => "data",
        12 => "data count",
        13 => "tag",
        _ => "unknown",
    }
}
