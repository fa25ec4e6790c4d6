//! A module's size with and without its `name` section: names are debug
//! information, so the code a technique costs is the size without them.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use wasmparser::{Parser, Payload};

/// A module's size in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleSize {
    /// Without the `name` custom section (header and contents).
    pub without_names: usize,
    /// The whole file.
    pub with_names: usize,
}

/// The sizes of the module `wasm`.
///
/// # Errors
///
/// Fails when `wasm` is not a module wasmparser can read.
pub fn module_size(wasm: &[u8]) -> Result<ModuleSize> {
    let mut names = 0;
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.context("reading the module's sections")?;
        if let Payload::CustomSection(section) = &payload
            && section.name() == "name"
        {
            // The section id byte and its size field come before `range()`.
            let range = section.range();
            let start = usize::try_from(range.start).context("section offset")?;
            let end = usize::try_from(range.end).context("section offset")?;
            names += end - section_start(wasm, start);
        }
    }
    Ok(ModuleSize {
        without_names: wasm.len() - names,
        with_names: wasm.len(),
    })
}

/// Where the custom section whose name field starts at `name_start` begins:
/// back over its LEB128 size and its id byte (0).
fn section_start(wasm: &[u8], name_start: usize) -> usize {
    let mut start = name_start;
    // The size field's last byte has the high bit clear; earlier ones have it set.
    start -= 1;
    while start > 0 && wasm[start - 1] & 0x80 != 0 {
        start -= 1;
    }
    start - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_section_is_left_out() {
        let named = wat::parse_str("(module (func $long_function_name))").unwrap();
        let size = module_size(&named).unwrap();
        assert_eq!(size.with_names, named.len());
        let unnamed = wat::parse_str("(module (func))").unwrap();
        assert_eq!(size.without_names, unnamed.len(), "{named:?}");
    }
}
