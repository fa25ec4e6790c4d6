//! Mutations: every chapter proves it can fail. Each entry of a chapter's
//! `mutations.toml` is applied to a scratch copy, the chapter is run, and the
//! run must fail at the named stage with a message that names the cause.

use anyhow::Result;

use crate::manifest::{MutationSpec, MutationsManifest};
use crate::names::Name;
use crate::parallel::parallel_map;
use crate::report::SuiteReport;
use crate::run::{RunOptions, run_suite};
use crate::scratch::ScratchWorkbook;
use crate::toolchain::Toolchain;
use crate::verdict::Verdict;
use crate::workbook::{Suite, Workbook};

/// What became of one mutation.
#[derive(Debug, Clone)]
pub struct MutationOutcome {
    /// The chapter it belongs to.
    pub chapter: Name,
    /// Its name.
    pub name: Name,
    /// `chapters/<chapter>/mutations.toml:LINE`.
    pub location: String,
    /// `None` when the runner rejected it as required; otherwise why it
    /// survived (or could not be applied).
    pub problem: Option<String>,
    /// Why it was not checked: it edits a source whose compiler is not installed.
    pub skipped: Option<String>,
}

/// Every mutation of `chapters`, as `(chapter, manifest)` pairs ready to check.
///
/// # Errors
///
/// Fails, naming the file and line, when a chapter's `mutations.toml` is
/// missing or invalid.
pub fn load_mutations(
    workbook: &Workbook,
    chapters: &[Suite],
) -> Result<Vec<(Suite, MutationsManifest)>> {
    chapters
        .iter()
        .map(|chapter| {
            Ok((
                chapter.clone(),
                MutationsManifest::load(&chapter.dir, workbook.root())?,
            ))
        })
        .collect()
}

/// Applies and checks every mutation of `loaded`, in parallel, each in its own scratch copy.
///
/// # Errors
///
/// Fails on tool errors (a scratch copy that cannot be made).
pub fn check_mutations(
    workbook: &Workbook,
    toolchain: &Toolchain,
    loaded: &[(Suite, MutationsManifest)],
) -> Result<Vec<MutationOutcome>> {
    let jobs: Vec<(&Suite, &MutationsManifest, &MutationSpec)> = loaded
        .iter()
        .flat_map(|(chapter, manifest)| {
            manifest
                .mutations
                .iter()
                .map(move |spec| (chapter, manifest, spec))
        })
        .collect();
    parallel_map(&jobs, |(chapter, manifest, spec)| {
        check_mutation(workbook, toolchain, chapter, manifest, spec)
    })
    .into_iter()
    .collect()
}

/// Applies `spec` to a scratch copy and runs its chapter there.
///
/// # Errors
///
/// Fails on tool errors; a mutation that survives is an outcome with a problem.
pub fn check_mutation(
    workbook: &Workbook,
    toolchain: &Toolchain,
    chapter: &Suite,
    manifest: &MutationsManifest,
    spec: &MutationSpec,
) -> Result<MutationOutcome> {
    let location = format!("{}:{}", workbook.shown(&manifest.path), spec.line);
    if let Some(unavailable) = toolchain
        .builders
        .compilers
        .cannot_rebuild(chapter, &spec.file)
    {
        return Ok(MutationOutcome {
            chapter: chapter.id.name().clone(),
            name: spec.name.clone(),
            location,
            problem: None,
            skipped: Some(unavailable.reason.to_owned()),
        });
    }
    let problem = match apply(workbook, chapter, spec)? {
        Err(problem) => Some(problem),
        Ok(scratch) => match scratch.workbook().chapter(chapter.id.name().as_str()) {
            Err(error) => Some(format!(
                "the mutated chapter does not load, so no stage can reject it: {error:#}"
            )),
            Ok(mutated) => {
                let options = RunOptions {
                    accept: false,
                    only_variant: spec.variant.clone(),
                };
                let report = run_suite(scratch.workbook(), &mutated, toolchain, &options)?;
                survival(&report, spec)
            }
        },
    };
    Ok(MutationOutcome {
        chapter: chapter.id.name().clone(),
        name: spec.name.clone(),
        location,
        problem,
        skipped: None,
    })
}

/// A scratch copy with `spec` applied, or why it cannot be applied.
fn apply(
    workbook: &Workbook,
    chapter: &Suite,
    spec: &MutationSpec,
) -> Result<Result<ScratchWorkbook, String>> {
    let original = chapter.dir.join(&spec.file);
    let shown = workbook.shown(&original);
    let Ok(text) = std::fs::read_to_string(&original) else {
        return Ok(Err(format!("`{shown}` does not exist")));
    };
    match text.matches(&spec.find).count() {
        1 => {}
        0 => {
            return Ok(Err(format!(
                "the `find` text no longer occurs in `{shown}`; update it to the file's current text"
            )));
        }
        many => {
            return Ok(Err(format!(
                "the `find` text occurs {many} times in `{shown}`; make it longer, so it occurs exactly once"
            )));
        }
    }
    let scratch = ScratchWorkbook::new(workbook)?;
    let Some(copy) = scratch.copy_of(workbook, &original) else {
        return Ok(Err(format!(
            "`{shown}` is neither in chapters/ nor in node-harness/, so a scratch copy cannot hold it"
        )));
    };
    // The copy links node_modules (and may hold other links) to the real tree: write only a file that is the copy's own.
    if crate::files::leaves_through_a_link(scratch.root(), &copy)
        || copy.symlink_metadata().is_ok_and(|meta| !meta.is_file())
    {
        return Ok(Err(format!(
            "`{shown}` is not a file of the scratch copy's own (node-harness/node_modules is linked to the real packages, not copied); a mutation may edit only files under chapters/ or node-harness/ outside node_modules"
        )));
    }
    std::fs::write(&copy, text.replacen(&spec.find, &spec.replace, 1))?;
    Ok(Ok(scratch))
}

/// `None` when `report` shows the required failure; otherwise what happened instead.
fn survival(report: &SuiteReport, spec: &MutationSpec) -> Option<String> {
    let failures: Vec<_> = report
        .variants
        .iter()
        .filter_map(|variant| match &variant.verdict {
            Verdict::Failed(failure) => Some((variant.name.as_str(), failure)),
            _ => None,
        })
        .collect();
    if failures
        .iter()
        .any(|(_, f)| f.stage == spec.stage && f.text().contains(&spec.message))
    {
        return None;
    }
    let Some((variant, failure)) = failures
        .iter()
        .find(|(_, f)| f.stage == spec.stage)
        .or(failures.first())
    else {
        return Some(format!(
            "it survived: every variant passed; expected a failure at stage {}",
            spec.stage
        ));
    };
    let first_line = failure.message.lines().next().unwrap_or_default();
    Some(if failure.stage == spec.stage {
        format!(
            "it survived: variant {variant} failed at stage {}, but its message lacks `{}`; the message was:\n{}",
            failure.stage, spec.message, failure.message
        )
    } else {
        format!(
            "it survived: expected a failure at stage {}, but variant {variant} failed at stage {} ({first_line})",
            spec.stage, failure.stage
        )
    })
}
