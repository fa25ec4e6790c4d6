//! How many bytes of locals each function of an asyncified module saves when
//! it unwinds, read from the module as wasm-opt left it (printed as WAT). The
//! rewind path of each instrumented function starts by popping exactly that
//! many bytes: `i32.const 2 / i32.eq / if ... i32.const N / i32.sub`. The
//! drawing uses these sizes only when they add up to what an unwind really
//! saved, so a printer or binaryen change cannot make it lie.

use std::collections::BTreeMap;

/// Bytes of locals saved per function, keyed by name (`inner`) and by index (`#3`).
pub fn saved_local_bytes(wat: &str) -> BTreeMap<String, usize> {
    let lines: Vec<&str> = wat.lines().map(str::trim).collect();
    let mut sizes = BTreeMap::new();
    let mut index = 0;
    while index < lines.len() {
        let Some((name, number)) = function_header(lines[index]) else {
            index += 1;
            continue;
        };
        let end = lines[index + 1..]
            .iter()
            .position(|line| function_header(line).is_some())
            .map_or(lines.len(), |offset| index + 1 + offset);
        let bytes = rewind_pop(&lines[index + 1..end]).unwrap_or(0);
        if let Some(name) = name {
            sizes.insert(name, bytes);
        }
        sizes.insert(format!("#{number}"), bytes);
        index = end;
    }
    sizes
}

/// `(func $name (;3;) ...` as `(Some("name"), 3)`, `(func (;4;) ...` as `(None, 4)`.
fn function_header(line: &str) -> Option<(Option<String>, usize)> {
    let rest = line.strip_prefix("(func ")?;
    let (name, rest) = match rest.strip_prefix('$') {
        Some(named) => {
            let (name, rest) = named.split_once(' ')?;
            (Some(name.to_string()), rest)
        }
        None => (None, rest),
    };
    let number = rest.strip_prefix("(;")?.split_once(";)")?.0.parse().ok()?;
    Some((name, number))
}

/// N of the first rewind check's `i32.const N / i32.sub`, right after `i32.const 2 / i32.eq / if`.
fn rewind_pop(body: &[&str]) -> Option<usize> {
    let check = body
        .windows(3)
        .position(|w| w[0] == "i32.const 2" && w[1] == "i32.eq" && w[2].starts_with("if"))?;
    let after = &body[check + 3..body.len().min(check + 9)];
    after.windows(2).find_map(|w| {
        (w[1] == "i32.sub")
            .then(|| w[0].strip_prefix("i32.const ")?.parse().ok())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_functions_rewind_pop() {
        let wat = "(module\n  (func $inner (;3;) (type 0) (param i32) (result i32)\n    global.get 0\n    i32.const 2\n    i32.eq\n    if ;; label = @1\n      global.get 1\n      global.get 1\n      i32.load\n      i32.const 8\n      i32.sub\n    end\n  )\n  (func (;4;) (type 1)\n    nop\n  )\n)";
        let sizes = saved_local_bytes(wat);
        assert_eq!(sizes.get("inner"), Some(&8));
        assert_eq!(sizes.get("#3"), Some(&8));
        assert_eq!(sizes.get("#4"), Some(&0));
    }
}
