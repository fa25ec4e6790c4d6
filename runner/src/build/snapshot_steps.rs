//! The steps that hold built output to its snapshot: print it and compare
//! (or record it with `--accept`), and rebuild a module from the WAT a
//! snapshot holds when the tool that made it cannot run.

use std::path::Path;

use super::wat::{compile_wat, validate_wat};
use super::{BuildContext, BuiltModule};
use crate::manifest::ModuleSpec;
use crate::names::SnapshotId;
use crate::snapshot::SnapshotCheck;
use crate::verdict::{Stage, StageFailure, StageStep};

/// Prints `wasm` as WAT and checks it against snapshot `id` (or records it
/// with `--accept`); returns the printed text.
pub(super) fn check_against_snapshot(
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
pub(super) fn check_text_snapshot(
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
    let step = match check {
        SnapshotCheck::Recorded => StageStep::recorded(Stage::Snapshot, &format!("`{shown}`")),
        SnapshotCheck::Matches => {
            StageStep::new(Stage::Snapshot, format!("{} matches `{shown}`", spec.name))
        }
        SnapshotCheck::Missing => {
            return Err(snapshot_failure(format!("no snapshot yet at `{shown}`")));
        }
        SnapshotCheck::Differs(difference) => {
            return Err(snapshot_failure(format!(
                "the {} `{}` differs from `{shown}`:\n{}",
                match id {
                    SnapshotId::WasmOpt(..) => "instrumented",
                    _ => "compiled",
                },
                spec.name,
                difference.diff
            )));
        }
    };
    built.steps.push(step);
    Ok(())
}

/// Builds a module from the WAT text of snapshot `id`, for when `tool` cannot run.
pub(super) fn rebuild_from_snapshot(
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

pub(super) fn snapshot_failure(message: String) -> StageFailure {
    StageFailure::new(
        Stage::Snapshot,
        message,
        "if the change is intended (new passes, a new compiler or binaryen), record it with `--accept` and review the diff in git",
    )
}
