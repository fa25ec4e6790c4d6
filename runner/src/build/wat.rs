//! The WAT builder: text to a validated binary module, with errors located in the source.

use std::path::Path;

use crate::verdict::{Stage, StageFailure};

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
            "the text parsed but breaks a typing rule: check the operand types on the stack and that every `global.set` targets a `mut` global",
        )
    })
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
