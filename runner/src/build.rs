//! Building a suite's modules: each source through its builder (WAT, or Rust
//! through the pinned rustc), then, where the manifest asks, wasm-opt; every
//! output that a tool outside the workbook made is checked against its
//! snapshot. Modules build in parallel; artifacts go to `target/workbook/`.

mod compilers;
mod emcc;
mod recorded;
mod rustc;
mod summary;
mod wasm_opt;
mod wat;

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;

pub use compilers::{COMPILERS, Compilers, Unavailable};
pub use emcc::{CCompiler, DEFAULT_EMCC, EMCC_INSTALL, PINNED_EMCC};
pub use rustc::{DEFAULT_RUSTC, PINNED_RUSTC, RUSTC_INSTALL, RustCompiler};
pub use wasm_opt::{CacheUse, WasmOpt};
pub use wat::{compile_wat, validate_wasm, validate_wat};

use crate::files::write_atomically;
use crate::manifest::ModuleSpec;
use crate::names::{Name, SnapshotId};
use crate::snapshot::{SnapshotCheck, SnapshotStore};
use crate::verdict::{Stage, StageFailure, StageStep};
use crate::workbook::{Suite, Workbook};
use recorded::RecordedBuild;

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

/// The builders one run shares.
#[derive(Debug, Clone)]
pub struct Builders {
    /// How modules that ask for wasm-opt are produced.
    pub instrumenter: Instrumenter,
    /// How `.rs` and `.c` modules are compiled.
    pub compilers: Compilers,
}

/// One module, built (or failed), with the steps that passed.
#[derive(Debug, Clone)]
pub struct BuiltModule {
    /// Steps that passed, in order.
    pub steps: Vec<StageStep>,
    /// The module the harness loads, or why there is none.
    pub wasm: Result<Vec<u8>, StageFailure>,
    /// wasm-opt's output printed as WAT, for modules that ask for wasm-opt.
    pub wasm_opt_output: Option<String>,
    /// What the compiler made, as text for review, for sources that are not WAT.
    pub compiled_output: Option<String>,
    /// The JavaScript glue the harness imports as `<module>.mjs` (Emscripten).
    pub glue: Option<String>,
}

/// Every module of one suite, by name.
#[derive(Debug)]
pub struct BuiltSuite {
    modules: HashMap<Name, BuiltModule>,
}

impl BuiltSuite {
    /// The module called `name`; every name the manifest checked exists.
    pub fn module(&self, name: &Name) -> &BuiltModule {
        &self.modules[name]
    }
}

/// What building needs besides the module itself.
#[derive(Debug)]
struct BuildContext<'a> {
    workbook: &'a Workbook,
    suite: &'a Suite,
    store: SnapshotStore,
    builders: &'a Builders,
    accept: bool,
}

/// Builds every module of `suite` and writes the artifacts the harnesses load.
///
/// # Errors
///
/// Fails when an artifact cannot be written; a module that does not build
/// carries its failure in its [`BuiltModule`].
pub fn build_suite(
    workbook: &Workbook,
    suite: &Suite,
    builders: &Builders,
    accept: bool,
) -> Result<BuiltSuite> {
    let context = BuildContext {
        workbook,
        suite,
        store: SnapshotStore::new(workbook.snapshots_dir()),
        builders,
        accept,
    };
    let results: Vec<BuiltModule> = std::thread::scope(|scope| {
        let context = &context;
        let builds: Vec<_> = suite
            .manifest
            .modules
            .iter()
            .map(|module| scope.spawn(move || build_module(context, module)))
            .collect();
        builds
            .into_iter()
            .map(|build| {
                build
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let artifact_dir = workbook.artifact_dir(&suite.id);
    let mut modules = HashMap::new();
    for (spec, built) in suite.manifest.modules.iter().zip(results) {
        if let Ok(wasm) = &built.wasm {
            write_atomically(&artifact_dir.join(format!("{}.wasm", spec.name)), wasm)?;
            if let Some(glue) = &built.glue {
                write_atomically(
                    &artifact_dir.join(format!("{}.mjs", spec.name)),
                    glue.as_bytes(),
                )?;
            }
        }
        modules.insert(spec.name.clone(), built);
    }
    Ok(BuiltSuite { modules })
}

/// True when the learner writes `spec`'s source: any correct answer must
/// pass, so its build is never compared with a recorded one.
fn learner_writes(context: &BuildContext<'_>, spec: &ModuleSpec) -> bool {
    context.suite.manifest.files.contains(&spec.source)
}

fn build_module(context: &BuildContext<'_>, spec: &ModuleSpec) -> BuiltModule {
    let mut built = BuiltModule {
        steps: Vec::new(),
        wasm: Ok(Vec::new()),
        wasm_opt_output: None,
        compiled_output: None,
        glue: None,
    };
    let compiled = match spec.source.extension().and_then(|e| e.to_str()) {
        Some("rs") => compile_rust(context, spec, &mut built),
        Some("c") => compile_c(context, spec, &mut built),
        _ => compile_wat_source(context, spec, &mut built.steps),
    };
    built.wasm = compiled.and_then(|wasm| {
        if spec.wasm_opt.is_empty() {
            Ok(wasm)
        } else {
            instrument(context, spec, &wasm, &mut built)
        }
    });
    built
}

fn compile_wat_source(
    context: &BuildContext<'_>,
    spec: &ModuleSpec,
    steps: &mut Vec<StageStep>,
) -> Result<Vec<u8>, StageFailure> {
    let source = context.suite.dir.join(&spec.source);
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
    validate_wat(&wasm, &text, Path::new(&shown))?;
    steps.push(StageStep::new(
        Stage::Validate,
        format!("{} ({} bytes)", spec.name, wasm.len()),
    ));
    Ok(wasm)
}

fn instrument(
    context: &BuildContext<'_>,
    spec: &ModuleSpec,
    wasm: &[u8],
    built: &mut BuiltModule,
) -> Result<Vec<u8>, StageFailure> {
    let id = SnapshotId::WasmOpt(context.suite.id.clone(), spec.name.clone());
    let wasm_opt = match &context.builders.instrumenter {
        Instrumenter::WasmOpt(wasm_opt) => wasm_opt,
        Instrumenter::FromSnapshot { reason } => {
            built.steps.push(StageStep::new(
                Stage::WasmOpt,
                format!("skipped ({reason})"),
            ));
            let (rebuilt, text) = rebuild_from_snapshot(context, spec, &id, "wasm-opt", built)?;
            built.wasm_opt_output = Some(text);
            return Ok(rebuilt);
        }
    };
    let (optimized, cache) = wasm_opt.optimize(wasm, &spec.wasm_opt)?;
    let how = match cache {
        CacheUse::Hit => "cache hit, wasm-opt not run",
        CacheUse::Miss => "ran wasm-opt, cached",
    };
    built.steps.push(StageStep::new(
        Stage::WasmOpt,
        format!(
            "{} {} ({} bytes; binaryen {}; {how})",
            spec.name,
            spec.wasm_opt.join(" "),
            optimized.len(),
            wasm_opt.version
        ),
    ));
    if !learner_writes(context, spec) {
        built.wasm_opt_output = Some(check_against_snapshot(
            context, spec, &id, &optimized, built,
        )?);
    }
    Ok(optimized)
}

/// Compiles a `.rs` module with the pinned rustc, or, without it, rebuilds
/// the module from the WAT its last compile recorded.
fn compile_rust(
    context: &BuildContext<'_>,
    spec: &ModuleSpec,
    built: &mut BuiltModule,
) -> Result<Vec<u8>, StageFailure> {
    let id = SnapshotId::Compiled(context.suite.id.clone(), spec.name.clone());
    let source = context.suite.dir.join(&spec.source);
    let shown = context.workbook.recorded_name(&source);
    let built_from = format!(
        ";; built from {shown} by rustc {PINNED_RUSTC}, source fingerprint {}\n",
        rustc::source_key(&source, &shown)?
    );
    let rustc = match context.builders.compilers.rustc() {
        RustCompiler::Ready(rustc) => rustc,
        RustCompiler::Missing(reason) => {
            let (rebuilt, text) = rebuild_from_snapshot(context, spec, &id, "rustc", built)?;
            if !text.starts_with(&built_from) {
                return Err(changed_since_recorded(&shown, reason, &text, &built_from));
            }
            built.steps.push(StageStep::new(
                Stage::Parse,
                format!("{shown}: ran the recorded build (rustc skipped)"),
            ));
            built.compiled_output = Some(text);
            return Ok(rebuilt);
        }
        RustCompiler::WrongVersion(message) => {
            return Err(StageFailure::new(
                Stage::Parse,
                format!("`{shown}` needs rustc {PINNED_RUSTC}: {message}"),
                format!(
                    "install rustc {PINNED_RUSTC}; on a machine with no rustc at `{DEFAULT_RUSTC}` the module is built from its recorded output"
                ),
            ));
        }
    };
    let (wasm, cached) = rustc.compile(&source, &shown)?;
    let how = if cached {
        "cache hit, rustc not run"
    } else {
        "ran rustc, cached"
    };
    built.steps.push(StageStep::new(
        Stage::Parse,
        format!("{shown} (rustc {PINNED_RUSTC}; {how})"),
    ));
    validate_wasm(&wasm, Path::new(&shown))?;
    built.steps.push(StageStep::new(
        Stage::Validate,
        format!("{} ({} bytes)", spec.name, wasm.len()),
    ));
    let printed = wasmprinter::print_bytes(&wasm)
        .map_err(|error| snapshot_failure(format!("printing `{}` as WAT: {error}", spec.name)))?;
    let text = built_from + &printed;
    check_text_snapshot(context, spec, &id, &text, built)?;
    built.compiled_output = Some(text);
    Ok(wasm)
}

fn changed_since_recorded(shown: &str, reason: &str, recorded: &str, now: &str) -> StageFailure {
    let recorded = recorded.lines().next().unwrap_or("(nothing)");
    StageFailure::new(
        Stage::Parse,
        format!(
            "`{shown}` (or how it is built) changed since its build was recorded, and it cannot be rebuilt here: {reason}\n  recorded: {recorded}\n  now:      {}",
            now.trim_end()
        ),
        "install the compiler named above and run again; `--accept` then records the new build",
    )
}

/// Compiles a `.c` module with the pinned emcc and checks it against its
/// recorded build, or, without emcc, runs the recorded build.
fn compile_c(
    context: &BuildContext<'_>,
    spec: &ModuleSpec,
    built: &mut BuiltModule,
) -> Result<Vec<u8>, StageFailure> {
    let source = context.suite.dir.join(&spec.source);
    let shown = context.workbook.recorded_name(&source);
    let record = RecordedBuild::new(context.workbook, &context.suite.id, &spec.name);
    let built_from = format!(
        "built from {shown} by emcc {PINNED_EMCC}, source fingerprint {}\n",
        emcc::source_key(&source, &shown, spec.name.as_str(), &spec.emcc)?
    );
    let id = SnapshotId::Compiled(context.suite.id.clone(), spec.name.clone());
    let output = match context.builders.compilers.emcc() {
        CCompiler::Ready(emcc) if learner_writes(context, spec) => {
            let (output, _) = emcc.compile(&source, &shown, spec.name.as_str(), &spec.emcc)?;
            // The learner's own file, where they see it (a workspace path there).
            built.steps.push(StageStep::new(
                Stage::Parse,
                format!("{} (emcc {PINNED_EMCC})", context.workbook.shown(&source)),
            ));
            validate_wasm(&output.wasm, Path::new(&shown))?;
            built.glue = Some(output.glue);
            return Ok(output.wasm);
        }
        CCompiler::Missing(reason) if learner_writes(context, spec) => {
            return Err(StageFailure::new(
                Stage::Parse,
                format!("`{shown}` is yours to write, and building it needs emcc: {reason}"),
                format!("install emcc with `{EMCC_INSTALL}`"),
            ));
        }
        CCompiler::Ready(emcc) => {
            let (output, cached) = emcc.compile(&source, &shown, spec.name.as_str(), &spec.emcc)?;
            let how = if cached {
                "cache hit, emcc not run"
            } else {
                "ran emcc, cached"
            };
            built.steps.push(StageStep::new(
                Stage::Parse,
                format!("{shown} (emcc {PINNED_EMCC}; {how})"),
            ));
            validate_wasm(&output.wasm, Path::new(&shown))?;
            built.steps.push(StageStep::new(
                Stage::Validate,
                format!("{} ({} bytes)", spec.name, output.wasm.len()),
            ));
            let detail = record.check(&output, context.accept)?;
            built.steps.push(StageStep::new(Stage::Snapshot, detail));
            output
        }
        CCompiler::Missing(reason) => {
            let output = record.read(reason)?;
            let recorded = context.store.read(&id).ok().flatten().unwrap_or_default();
            if !recorded.starts_with(&built_from) {
                return Err(changed_since_recorded(
                    &shown,
                    reason,
                    &recorded,
                    &built_from,
                ));
            }
            built.steps.push(StageStep::new(
                Stage::Parse,
                format!("{shown}: ran the recorded build (emcc skipped)"),
            ));
            output
        }
        CCompiler::WrongVersion(message) => {
            return Err(StageFailure::new(
                Stage::Parse,
                format!("`{shown}` needs emcc {PINNED_EMCC}: {message}"),
                format!(
                    "install emcc {PINNED_EMCC}; on a machine with no emcc at `{DEFAULT_EMCC}` the module runs from its recorded build"
                ),
            ));
        }
    };
    let summary = built_from + &summary::describe(&output.wasm, Some(&output.glue));
    check_text_snapshot(context, spec, &id, &summary, built)?;
    built.compiled_output = Some(summary);
    built.glue = Some(output.glue);
    Ok(output.wasm)
}

/// Prints `wasm` as WAT and checks it against snapshot `id` (or records it
/// with `--accept`); returns the printed text.
fn check_against_snapshot(
    context: &BuildContext<'_>,
    spec: &ModuleSpec,
    id: &SnapshotId,
    wasm: &[u8],
    built: &mut BuiltModule,
) -> Result<String, StageFailure> {
    let printed = wasmprinter::print_bytes(wasm)
        .map_err(|error| snapshot_failure(format!("printing `{}` as WAT: {error}", spec.name)))?;
    check_text_snapshot(context, spec, id, &printed, built)?;
    Ok(printed)
}

/// Checks `text` against snapshot `id`, or records it with `--accept`.
fn check_text_snapshot(
    context: &BuildContext<'_>,
    spec: &ModuleSpec,
    id: &SnapshotId,
    text: &str,
    built: &mut BuiltModule,
) -> Result<(), StageFailure> {
    let shown = context.workbook.shown(&context.store.path(id));
    let check = context
        .store
        .check(id, text, context.accept)
        .map_err(|error| snapshot_failure(format!("{error:#}")))?;
    let detail = match check {
        SnapshotCheck::Recorded => format!("recorded `{shown}`"),
        SnapshotCheck::Matches => format!("{} matches `{shown}`", spec.name),
        SnapshotCheck::Missing => {
            return Err(snapshot_failure(format!("no snapshot yet at `{shown}`")));
        }
        SnapshotCheck::Differs(diff) => {
            return Err(snapshot_failure(format!(
                "the {} `{}` differs from `{shown}`:\n{diff}",
                match id {
                    SnapshotId::WasmOpt(..) => "instrumented",
                    _ => "compiled",
                },
                spec.name
            )));
        }
    };
    built.steps.push(StageStep::new(Stage::Snapshot, detail));
    Ok(())
}

/// Builds a module from the WAT text of snapshot `id`, for when `tool` cannot run.
fn rebuild_from_snapshot(
    context: &BuildContext<'_>,
    spec: &ModuleSpec,
    id: &SnapshotId,
    tool: &str,
    built: &mut BuiltModule,
) -> Result<(Vec<u8>, String), StageFailure> {
    let shown = context.workbook.shown(&context.store.path(id));
    let text = context
        .store
        .read(id)
        .map_err(|error| snapshot_failure(format!("{error:#}")))?
        .ok_or_else(|| {
            snapshot_failure(format!(
                "`{shown}` does not exist, so `{}` cannot be rebuilt without {tool}",
                spec.name
            ))
        })?;
    let rebuilt = compile_wat(&text, Path::new(&shown))?;
    validate_wat(&rebuilt, &text, Path::new(&shown))?;
    built.steps.push(StageStep::new(
        Stage::Snapshot,
        format!("rebuilt {} from `{shown}`", spec.name),
    ));
    Ok((rebuilt, text))
}

fn snapshot_failure(message: String) -> StageFailure {
    StageFailure::new(
        Stage::Snapshot,
        message,
        "if the change is intended (new passes, a new compiler or binaryen), record it with `--accept` and review the diff in git",
    )
}
