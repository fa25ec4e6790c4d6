//! Building a suite's modules: each source through its builder (WAT, or a
//! pinned compiler: rustc for Rust, emcc for C), then, where the manifest asks, wasm-opt; every
//! output that a tool outside the workbook made is checked against its
//! snapshot. Modules build in parallel; artifacts go to `target/workbook/`.

mod compilers;
mod emcc;
mod foreign;
mod pinned;
mod recorded;
mod rustc;
pub mod saved_locals;
mod snapshot_steps;
mod summary;
mod wasm_opt;
mod wat;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::Result;

pub use compilers::{COMPILERS, Compilers, Unavailable, compiler_for};
pub use emcc::EMCC;
pub use pinned::{
    Availability, CompileJob, CompilerOutput, PinnedCompiler, ReadyCompiler, RecordKind,
};
pub use rustc::RUSTC;
pub use wasm_opt::{CacheUse, WasmOpt};
pub use wat::{compile_wat, validate_wasm, validate_wat};

use crate::files::write_atomically;
use crate::manifest::ModuleSpec;
use crate::names::{Name, SnapshotId};
use crate::snapshot::SnapshotStore;
use crate::verdict::{Stage, StageFailure, StageStep};
use crate::workbook::{Suite, Workbook};
use foreign::compile_foreign;
use snapshot_steps::{check_against_snapshot, rebuild_from_snapshot};

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
    /// Bytes of locals each instrumented function saves when it unwinds, by
    /// name and by `#index` (see [`saved_locals`]), read from `wasm_opt_output`.
    pub saved_locals: BTreeMap<String, usize>,
    /// What the compiler made, as text for review, for sources that are not WAT.
    pub compiled_output: Option<String>,
    /// The JavaScript glue the harness imports as `<module>.mjs` (Emscripten).
    pub glue: Option<String>,
}

impl BuiltModule {
    /// Keeps wasm-opt's printed output, and the saved-locals sizes read from it.
    fn keep_wasm_opt_output(&mut self, text: String) {
        self.saved_locals = saved_locals::saved_local_bytes(&text);
        self.wasm_opt_output = Some(text);
    }
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
        saved_locals: BTreeMap::new(),
        compiled_output: None,
        glue: None,
    };
    let extension = spec.source.extension().and_then(|e| e.to_str());
    let compiled = match extension.and_then(compiler_for) {
        Some(compiler) => compile_foreign(context, spec, &mut built, compiler),
        None => compile_wat_source(context, spec, &mut built.steps),
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
            built.keep_wasm_opt_output(text);
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
        let text = check_against_snapshot(context, spec, &id, &optimized, built)?;
        built.keep_wasm_opt_output(text);
    }
    Ok(optimized)
}
