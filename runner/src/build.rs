//! Building one module: parse, validate, and where the chapter asks for it,
//! wasm-opt plus a check of the instrumented output against its snapshot.

use std::path::Path;

use crate::compile::{compile_wat, validate_wasm};
use crate::manifest::ModuleSpec;
use crate::report::StageStep;
use crate::snapshot::{SnapshotCheck, SnapshotStore, instrumented_name};
use crate::stage::{Stage, StageFailure};
use crate::wasm_opt::{CacheUse, WasmOpt};
use crate::workbook::Workbook;

/// How to get modules that ask for wasm-opt.
#[derive(Debug, Clone)]
pub enum Instrumenter {
    /// Run the pinned wasm-opt (or reuse its cached output).
    WasmOpt(WasmOpt),
    /// Rebuild from the committed snapshot text, saying why.
    FromSnapshot {
        /// Shown in the wasm-opt step, e.g. "--no-wasm-opt".
        reason: String,
    },
}

/// Everything `build_module` needs besides the module itself.
#[derive(Debug)]
pub struct BuildContext<'a> {
    /// The workbook; paths in messages are shown relative to its root.
    pub workbook: &'a Workbook,
    /// The chapter folder.
    pub chapter_dir: &'a Path,
    /// The chapter name, part of snapshot names.
    pub chapter: &'a str,
    /// The snapshot files.
    pub store: &'a SnapshotStore,
    /// How instrumented modules are produced.
    pub instrumenter: &'a Instrumenter,
    /// Record snapshots instead of comparing with them.
    pub accept: bool,
}

/// The result of building one module: the steps that passed, and the bytes or the failure.
#[derive(Debug, Clone)]
pub struct BuiltModule {
    /// Steps that passed, in order.
    pub steps: Vec<StageStep>,
    /// The module the harness loads, or why there is none.
    pub wasm: Result<Vec<u8>, StageFailure>,
    /// The instrumented module as WAT, for modules that ask for wasm-opt.
    pub instrumented_text: Option<String>,
}

/// Builds `spec`, recording each stage it passes.
pub fn build_module(context: &BuildContext<'_>, spec: &ModuleSpec) -> BuiltModule {
    let mut built = BuiltModule {
        steps: Vec::new(),
        wasm: Ok(Vec::new()),
        instrumented_text: None,
    };
    built.wasm = build_steps(context, spec, &mut built);
    built
}

fn build_steps(
    context: &BuildContext<'_>,
    spec: &ModuleSpec,
    built: &mut BuiltModule,
) -> Result<Vec<u8>, StageFailure> {
    let steps = &mut built.steps;
    let source = context.chapter_dir.join(&spec.source);
    let shown = context.workbook.shown(&source);
    let text = std::fs::read_to_string(&source).map_err(|error| {
        StageFailure::new(
            Stage::Parse,
            format!("reading `{shown}`: {error}"),
            "check that the file exists and is UTF-8",
        )
    })?;
    let wasm = compile_wat(&text, Path::new(&shown))?;
    steps.push(StageStep::new(Stage::Parse, shown.clone()));
    validate_wasm(&wasm, Path::new(&shown))?;
    steps.push(StageStep::new(
        Stage::Validate,
        format!("{} ({} bytes)", spec.name, wasm.len()),
    ));
    if spec.wasm_opt.is_empty() {
        return Ok(wasm);
    }
    instrument(context, spec, &wasm, built)
}

fn instrument(
    context: &BuildContext<'_>,
    spec: &ModuleSpec,
    wasm: &[u8],
    built: &mut BuiltModule,
) -> Result<Vec<u8>, StageFailure> {
    let steps = &mut built.steps;
    let name = instrumented_name(context.chapter, &spec.name);
    let shown = context.workbook.shown(&context.store.path(&name));
    let wasm_opt = match context.instrumenter {
        Instrumenter::WasmOpt(wasm_opt) => wasm_opt,
        Instrumenter::FromSnapshot { reason } => {
            steps.push(StageStep::new(
                Stage::WasmOpt,
                format!("skipped ({reason})"),
            ));
            let text = context
                .store
                .read(&name)
                .map_err(|error| snapshot_failure(format!("{error:#}")))?
                .ok_or_else(|| {
                    snapshot_failure(format!(
                        "`{shown}` does not exist, so `{}` cannot be rebuilt without wasm-opt",
                        spec.name
                    ))
                })?;
            let rebuilt = compile_wat(&text, Path::new(&shown))?;
            validate_wasm(&rebuilt, Path::new(&shown))?;
            steps.push(StageStep::new(
                Stage::Snapshot,
                format!("rebuilt {} from `{shown}`", spec.name),
            ));
            built.instrumented_text = Some(text);
            return Ok(rebuilt);
        }
    };
    let (optimized, cache) = wasm_opt.optimize(wasm, &spec.wasm_opt)?;
    let how = match cache {
        CacheUse::Hit => "cache hit, wasm-opt not run",
        CacheUse::Miss => "ran wasm-opt, cached",
    };
    steps.push(StageStep::new(
        Stage::WasmOpt,
        format!(
            "{} {} ({} bytes; binaryen {}; {how})",
            spec.name,
            spec.wasm_opt.join(" "),
            optimized.len(),
            wasm_opt.version
        ),
    ));
    let printed = wasmprinter::print_bytes(&optimized)
        .map_err(|error| snapshot_failure(format!("printing the output of wasm-opt: {error}")))?;
    let check = context
        .store
        .check(&name, "instrumented", &printed, context.accept)
        .map_err(|error| snapshot_failure(format!("{error:#}")))?;
    built.instrumented_text = Some(printed);
    let detail = match check {
        SnapshotCheck::Recorded => format!("recorded `{shown}`"),
        SnapshotCheck::Matches => format!("{} matches `{shown}`", spec.name),
        SnapshotCheck::Missing => {
            return Err(snapshot_failure(format!("no snapshot yet at `{shown}`")));
        }
        SnapshotCheck::Differs(diff) => {
            return Err(snapshot_failure(format!(
                "the instrumented `{}` differs from `{shown}`:\n{diff}",
                spec.name
            )));
        }
    };
    steps.push(StageStep::new(Stage::Snapshot, detail));
    Ok(optimized)
}

fn snapshot_failure(message: String) -> StageFailure {
    StageFailure::new(
        Stage::Snapshot,
        message,
        "if the change is intended (new passes, a binaryen upgrade), record it with `--accept` and review the diff in git",
    )
}
