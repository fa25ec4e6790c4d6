//! One policy for every module a pinned compiler builds: where the compiler
//! is ready, build (or reuse the cache) and compare with the recorded build;
//! where it is missing, run from the record, but only while the record still
//! names the source as it is; where it is another version, refuse. A source
//! the learner writes has no record: it needs the compiler.

use std::path::Path;

use super::pinned::{
    Availability, CompileJob, CompilerOutput, PinnedCompiler, ReadyCompiler, RecordKind,
};
use super::recorded::RecordedBuild;
use super::snapshot_steps::{check_text_snapshot, rebuild_from_snapshot, snapshot_failure};
use super::{BuildContext, BuiltModule, learner_writes, summary, validate_wasm};
use crate::manifest::ModuleSpec;
use crate::names::SnapshotId;
use crate::verdict::{Stage, StageFailure, StageStep};

/// What builds a module from the record, and what checks a rebuild against it.
struct Record<'a> {
    compiler: &'static PinnedCompiler,
    /// The record's first line: the source, the compiler and the fingerprint.
    built_from: String,
    id: SnapshotId,
    shown: &'a str,
}

/// Compiles `spec` with `compiler` under the shared policy.
pub(super) fn compile_foreign(
    context: &BuildContext<'_>,
    spec: &ModuleSpec,
    built: &mut BuiltModule,
    compiler: &'static PinnedCompiler,
) -> Result<Vec<u8>, StageFailure> {
    let source = context.suite.dir.join(&spec.source);
    let shown = context.workbook.recorded_name(&source);
    let job = CompileJob {
        source: &source,
        shown: &shown,
        module: spec,
    };
    let comment = match compiler.record {
        RecordKind::PrintedWat => ";; ",
        RecordKind::BuildFiles => "",
    };
    let record = Record {
        compiler,
        built_from: format!(
            "{comment}built from {shown} by {} {}, source fingerprint {}\n",
            compiler.tool,
            compiler.version,
            compiler.source_key(&job)?
        ),
        id: SnapshotId::Compiled(context.suite.id.clone(), spec.name.clone()),
        shown: &shown,
    };
    let (tool, install) = (compiler.tool, compiler.install);
    match context.builders.compilers.get(compiler) {
        Availability::Ready(ready) if learner_writes(context, spec) => {
            let (output, _) = ready.compile(&job)?;
            // The learner's own file, where they see it (a workspace path there).
            built.steps.push(StageStep::new(
                Stage::Parse,
                format!(
                    "{} ({tool} {})",
                    context.workbook.shown(&source),
                    compiler.version
                ),
            ));
            validate_wasm(&output.wasm, Path::new(&shown))?;
            built.glue = output.glue;
            Ok(output.wasm)
        }
        Availability::Missing(reason) if learner_writes(context, spec) => Err(StageFailure::new(
            Stage::Parse,
            format!("`{shown}` is yours to write, and building it needs {tool}: {reason}"),
            format!("install {tool} with `{install}`"),
        )),
        Availability::Ready(ready) => {
            let output = compile_and_validate(ready, &job, compiler, built)?;
            record.check_rebuild(context, spec, output, built)
        }
        Availability::Missing(reason) => record.run(context, spec, reason, built),
        Availability::WrongVersion(message) => Err(record.wrong_version(message)),
    }
}

fn compile_and_validate(
    ready: &ReadyCompiler,
    job: &CompileJob<'_>,
    compiler: &PinnedCompiler,
    built: &mut BuiltModule,
) -> Result<CompilerOutput, StageFailure> {
    let (output, cached) = ready.compile(job)?;
    let (tool, version) = (compiler.tool, compiler.version);
    let how = if cached {
        format!("cache hit, {tool} not run")
    } else {
        format!("ran {tool}, cached")
    };
    built.steps.push(StageStep::new(
        Stage::Parse,
        format!("{} ({tool} {version}; {how})", job.shown),
    ));
    validate_wasm(&output.wasm, Path::new(job.shown))?;
    built.steps.push(StageStep::new(
        Stage::Validate,
        format!("{} ({} bytes)", job.module.name, output.wasm.len()),
    ));
    Ok(output)
}

impl Record<'_> {
    /// Compares a fresh build with the record (or records it with `--accept`).
    fn check_rebuild(
        &self,
        context: &BuildContext<'_>,
        spec: &ModuleSpec,
        output: CompilerOutput,
        built: &mut BuiltModule,
    ) -> Result<Vec<u8>, StageFailure> {
        match self.compiler.record {
            RecordKind::PrintedWat => {
                let printed = wasmprinter::print_bytes(&output.wasm).map_err(|error| {
                    snapshot_failure(format!("printing `{}` as WAT: {error}", spec.name))
                })?;
                let text = self.built_from.clone() + &printed;
                check_text_snapshot(context, spec, &self.id, &text, built)?;
                built.compiled_output = Some(text);
                Ok(output.wasm)
            }
            RecordKind::BuildFiles => {
                let files = self.files(context, spec);
                built.steps.push(files.check(&output, context.accept)?);
                self.check_summary(context, spec, output, built)
            }
        }
    }

    /// Runs the module from its record, where the compiler cannot run (`reason`).
    fn run(
        &self,
        context: &BuildContext<'_>,
        spec: &ModuleSpec,
        reason: &str,
        built: &mut BuiltModule,
    ) -> Result<Vec<u8>, StageFailure> {
        let tool = self.compiler.tool;
        let skipped = StageStep::new(
            Stage::Parse,
            format!("{}: ran the recorded build ({tool} skipped)", self.shown),
        );
        match self.compiler.record {
            RecordKind::PrintedWat => {
                let (rebuilt, text) = rebuild_from_snapshot(context, spec, &self.id, tool, built)?;
                self.still_current(&text, reason)?;
                built.steps.push(skipped);
                built.compiled_output = Some(text);
                Ok(rebuilt)
            }
            RecordKind::BuildFiles => {
                let output = self.files(context, spec).read(reason)?;
                let recorded = (context.store.read(&self.id).ok().flatten()).unwrap_or_default();
                self.still_current(&recorded, reason)?;
                built.steps.push(skipped);
                self.check_summary(context, spec, output, built)
            }
        }
    }

    fn files(&self, context: &BuildContext<'_>, spec: &ModuleSpec) -> RecordedBuild {
        RecordedBuild::new(
            context.workbook,
            &context.suite.id,
            &spec.name,
            self.compiler,
        )
    }

    /// Checks the summary of `output` against the compiled snapshot.
    fn check_summary(
        &self,
        context: &BuildContext<'_>,
        spec: &ModuleSpec,
        output: CompilerOutput,
        built: &mut BuiltModule,
    ) -> Result<Vec<u8>, StageFailure> {
        let text =
            self.built_from.clone() + &summary::describe(&output.wasm, output.glue.as_deref());
        check_text_snapshot(context, spec, &self.id, &text, built)?;
        built.compiled_output = Some(text);
        built.glue = output.glue;
        Ok(output.wasm)
    }

    /// Refuses a record whose first line names another source or build.
    fn still_current(&self, recorded: &str, reason: &str) -> Result<(), StageFailure> {
        if recorded.starts_with(&self.built_from) {
            return Ok(());
        }
        let recorded = recorded.lines().next().unwrap_or("(nothing)");
        Err(StageFailure::new(
            Stage::Parse,
            format!(
                "`{}` (or how it is built) changed since its build was recorded, and it cannot be rebuilt here: {reason}\n  recorded: {recorded}\n  now:      {}",
                self.shown,
                self.built_from.trim_end()
            ),
            "install the compiler named above and run again; `--accept` then records the new build",
        ))
    }

    fn wrong_version(&self, message: &str) -> StageFailure {
        let compiler = self.compiler;
        let (tool, version) = (compiler.tool, compiler.version);
        let without = match compiler.record {
            RecordKind::PrintedWat => "is built from its recorded output",
            RecordKind::BuildFiles => "runs from its recorded build",
        };
        StageFailure::new(
            Stage::Parse,
            format!("`{}` needs {tool} {version}: {message}", self.shown),
            format!(
                "install {tool} {version}; on a machine with no {tool} at `{}` the module {without}",
                compiler.default_binary
            ),
        )
    }
}
