//! The WAT builder: text to a validated binary module, with errors located in the source.

mod source_map;

use std::path::Path;

use crate::verdict::{Stage, StageFailure};

const VALIDATE_HINT: &str = "the text parsed but breaks a typing rule: check the operand types on the stack and that every `global.set` targets a `mut` global";

/// Parses WAT text that came from `origin` (the file name shown in errors).
///
/// # Errors
///
/// A parse failure shows `origin:line:col` and the offending line with a caret.
pub fn compile_wat(text: &str, origin: &Path) -> Result<Vec<u8>, StageFailure> {
    wat::Parser::new()
        .parse_str(Some(origin), text)
        .map_err(|error| parse_failure(&error))
}

fn parse_failure(error: &wat::Error) -> StageFailure {
    StageFailure::new(
        Stage::Parse,
        error.to_string(),
        "fix the WAT at the line and column shown",
    )
}

/// Checks `wasm` against the WebAssembly validation rules.
///
/// # Errors
///
/// Names `origin` and the byte offset of the first invalid instruction.
pub fn validate_wasm(wasm: &[u8], origin: &Path) -> Result<(), StageFailure> {
    let mut validator = wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all());
    validator.validate_all(wasm).map(drop).map_err(|error| {
        StageFailure::new(
            Stage::Validate,
            format!(
                "`{}` is not a valid module: {} (binary offset {:#x})",
                origin.display(),
                error.message(),
                error.offset()
            ),
            VALIDATE_HINT,
        )
    })
}

/// Checks `wasm`, built from the WAT `text` of `origin`, against the
/// WebAssembly validation rules.
///
/// # Errors
///
/// An error inside a function shows `origin:line:col`, the offending line of
/// `text` and a caret, as parse errors do; elsewhere, the byte offset.
pub fn validate_wat(wasm: &[u8], text: &str, origin: &Path) -> Result<(), StageFailure> {
    let mut validator = wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all());
    let Err(error) = validator.validate_all(wasm) else {
        return Ok(());
    };
    match source_map::locate_in_wat(text, origin, wasm, error.offset(), error.message()) {
        Some(located) => Err(StageFailure::new(
            Stage::Validate,
            format!("`{}` is not a valid module: {located}", origin.display()),
            VALIDATE_HINT,
        )),
        None => validate_wasm(wasm, origin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_error_shows_file_line_column_and_caret() {
        let text = "(module\n  (func $f (result i32)\n    i32.const oops))\n";
        let failure = compile_wat(text, Path::new("chapters/demo/broken.wat")).unwrap_err();
        assert_eq!(failure.stage, Stage::Parse);
        assert_eq!(
            failure.message,
            "expected a i32\n     --> chapters/demo/broken.wat:3:15\n      |\n    3 |     i32.const oops))\n      |               ^"
        );
    }

    #[test]
    fn validation_error_shows_file_line_column_and_caret() {
        let text = "(module\n  (global $g i32 (i32.const 0))\n  (func\n    i32.const 1\n    global.set $g))\n";
        let wasm = compile_wat(text, Path::new("learner.wat")).unwrap();
        let failure =
            validate_wat(&wasm, text, Path::new("chapters/demo/learner.wat")).unwrap_err();
        assert_eq!(failure.stage, Stage::Validate);
        assert_eq!(
            failure.message,
            "`chapters/demo/learner.wat` is not a valid module: global is immutable: cannot modify it with `global.set`\n     --> chapters/demo/learner.wat:5:5\n      |\n    5 |     global.set $g))\n      |     ^"
        );
    }

    #[test]
    fn validation_error_in_a_folded_expression_points_at_its_instruction() {
        let text = "(module\n  (func (result i32)\n    (i32.add (i32.const 1) (i64.const 2))))\n";
        let wasm = compile_wat(text, Path::new("f.wat")).unwrap();
        let failure = validate_wat(&wasm, text, Path::new("f.wat")).unwrap_err();
        assert!(
            failure.message.contains("--> f.wat:3:6"),
            "{}",
            failure.message
        );
    }

    #[test]
    fn validation_error_names_the_file() {
        let wasm = wat::parse_str(
            "(module (global $g i32 (i32.const 0)) (func (global.set $g (i32.const 1))))",
        )
        .unwrap();
        let failure = validate_wasm(&wasm, Path::new("overview.wat")).unwrap_err();
        assert_eq!(failure.stage, Stage::Validate);
        assert!(
            failure
                .message
                .starts_with("`overview.wat` is not a valid module: global is immutable"),
            "{}",
            failure.message
        );
    }
}
