//! One suite end to end: build its modules, run each variant on the
//! toolchain's engine, and judge the log. Suites, and the variants of each,
//! run in parallel ([`batch`]).

mod batch;

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::{Result, bail};

use crate::build::{BuiltSuite, build_suite};
use crate::engine::{Job, RunPlan};
use crate::judge::{ExpectedLog, expected_log, judge_drawing, judge_draws, judge_log};
use crate::manifest::VariantSpec;
use crate::names::{Name, SnapshotId, SuiteId};
use crate::report::{ModuleReport, SuiteReport, VariantReport};
use crate::schedule::{CoreSlots, Share};
use crate::toolchain::Toolchain;
use crate::verdict::{Stage, StageFailure, StageStep, Verdict};
use crate::workbook::{Suite, Workbook, unknown_name_message};
use batch::run_batch;

/// Choices for one run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Record snapshots and expected logs instead of comparing with them.
    pub accept: bool,
    /// Run only the variant with this name.
    pub only_variant: Option<Name>,
}

/// Builds `suite` and runs every variant (or only `only_variant`).
///
/// # Errors
///
/// Fails on tool errors (an unknown variant, an artifact that cannot be
/// written); a learner's failure is a failed variant in the report instead.
pub fn run_suite(
    workbook: &Workbook,
    suite: &Suite,
    toolchain: &Toolchain,
    options: &RunOptions,
) -> Result<SuiteReport> {
    let variants = &suite.manifest.variants;
    if let Some(only) = &options.only_variant
        && suite.manifest.variant(only.as_str()).is_none()
    {
        bail!(
            "{}",
            unknown_name_message(
                "variant",
                only.as_str(),
                variants.iter().map(|v| v.name.as_str())
            )
        );
    }
    let mut reports = run_batch(
        workbook,
        std::slice::from_ref(suite),
        toolchain,
        options,
        &|_| {},
    )?;
    Ok(reports.remove(0))
}

/// What [`run_suites`] reports while it works, for a progress line.
#[derive(Debug, Clone, Copy)]
pub enum SuiteEvent<'a> {
    /// The suite's build began.
    Started(&'a Suite),
    /// The suite is done: `passed` when every variant passed.
    Finished {
        /// Which suite.
        suite: &'a Suite,
        /// False on a failed variant or a tool error.
        passed: bool,
    },
}

/// Runs `suites` and their variants in parallel (one engine run per slot of
/// [`crate::schedule::CoreSlots`]) and returns their reports in the order
/// given, calling `on_event` as each suite starts and ends.
///
/// # Errors
///
/// Fails on the first tool error of any suite.
pub fn run_suites(
    workbook: &Workbook,
    suites: &[Suite],
    toolchain: &Toolchain,
    options: &RunOptions,
    on_event: &(dyn Fn(SuiteEvent<'_>) + Sync),
) -> Result<Vec<SuiteReport>> {
    run_batch(workbook, suites, toolchain, options, on_event)
}

/// What every variant of one suite run shares.
struct SuiteRun<'a> {
    workbook: &'a Workbook,
    suite: &'a Suite,
    toolchain: &'a Toolchain,
    options: &'a RunOptions,
    built: &'a BuiltSuite,
}

impl SuiteRun<'_> {
    fn variant_report(&self, variant: &VariantSpec) -> VariantReport {
        let mut report = VariantReport {
            name: variant.name.to_string(),
            summary: variant.summary.clone(),
            steps: Vec::new(),
            verdict: Verdict::Passed,
            log: None,
            drawing: None,
            raw_output: String::new(),
            trace: String::new(),
            figure: None,
            ran_alongside: Vec::new(),
        };
        report.verdict = match self.toolchain.engine.plan(self.suite, variant) {
            RunPlan::Skip { reason } => Verdict::Skipped { reason },
            RunPlan::Run { engine } => {
                let expected = expected_log(&self.suite.id, variant, self.toolchain.engine.kind());
                self.run_and_judge(variant, &engine, &expected, &mut report)
                    .into()
            }
        };
        report
    }

    /// The stages after planning: the variant's modules, the engine run, and the log.
    fn run_and_judge(
        &self,
        variant: &VariantSpec,
        engine: &str,
        expected: &ExpectedLog,
        report: &mut VariantReport,
    ) -> Result<(), StageFailure> {
        collect_modules(variant, self.built, &mut report.steps)?;
        let time_limit = self.suite.manifest.time_limit_secs(variant);
        let job = Job {
            workbook: self.workbook,
            suite: self.suite,
            variant,
            time_limit: Duration::from_secs(time_limit),
        };
        let share = if variant.alone {
            Share::Alone
        } else {
            Share::Shared
        };
        let label = format!("{}/{}", self.suite.id.name(), variant.name);
        let waiting = crate::timings::span(|| format!("wait for a slot {label}"));
        let (run, alongside) = CoreSlots::machine().run(&label, share, || {
            drop(waiting);
            let _running = crate::timings::span(|| format!("engine run {label}"));
            self.toolchain.engine.run(&job)
        });
        let _judging = crate::timings::span(|| format!("judge {label}"));
        report.ran_alongside = alongside;
        let run = run?;
        report.raw_output = run.raw_output;
        report.trace = run.trace.clone();
        report.log = Some(run.log.clone());
        if let Some(failure) = run.failure {
            return Err(failure);
        }
        report.steps.push(StageStep::new(
            Stage::Harness,
            format!("{engine} finished within {time_limit} s"),
        ));
        report.steps.extend(
            expected
                .note
                .as_ref()
                .map(|note| StageStep::new(Stage::Log, note.clone())),
        );
        let judged = judge_log(
            self.workbook,
            &self.suite.id,
            expected,
            &run.log,
            self.options.accept,
        )
        .map_err(|failure| failure.with_stderr(&run.stderr))?;
        report.steps.push(judged);
        if let Some(id) = self.drawing_id(variant) {
            let mut events = crate::trace::parse_trace(&run.trace)
                .map_err(|message| StageFailure::new(Stage::Log, message, "the host wrote a trace line the runner cannot read: check node-harness/lib/trace/tracer.mjs"))?;
            crate::trace::elide_varying(&mut events, &variant.trace_varying);
            let drawing = crate::trace::draw(&events, &self.saved_locals(variant));
            report.drawing = Some(drawing.clone());
            report.steps.push(judge_drawing(
                self.workbook,
                &id,
                &drawing,
                self.options.accept,
            )?);
            if !variant.draws.is_empty() {
                report
                    .steps
                    .push(judge_draws(&self.suite.id, variant, &drawing)?);
            }
            let figure_id = SnapshotId::Figure(self.suite.id.clone(), variant.name.clone());
            let figure = crate::trace::figure(
                &events,
                &format!("{}-{}", self.suite.id.name(), variant.name),
            );
            report.figure = Some(figure.clone());
            report.steps.push(judge_drawing(
                self.workbook,
                &figure_id,
                &figure,
                self.options.accept,
            )?);
        }
        Ok(())
    }

    /// Bytes of locals each function of the variant's instrumented modules
    /// saves when it unwinds; a name two modules disagree on is left out.
    fn saved_locals(&self, variant: &VariantSpec) -> BTreeMap<String, usize> {
        let mut sizes: BTreeMap<String, Option<usize>> = BTreeMap::new();
        for module in variant.modules.iter().map(|name| self.built.module(name)) {
            for (function, &bytes) in &module.saved_locals {
                sizes
                    .entry(function.clone())
                    .and_modify(|known| {
                        if *known != Some(bytes) {
                            *known = None;
                        }
                    })
                    .or_insert(Some(bytes));
            }
        }
        sizes
            .into_iter()
            .filter_map(|(function, bytes)| Some((function, bytes?)))
            .collect()
    }

    /// The drawing snapshot of a chapter's variant, when the engine draws.
    fn drawing_id(&self, variant: &VariantSpec) -> Option<SnapshotId> {
        let chapter = matches!(self.suite.id, SuiteId::Chapter(_));
        (chapter && self.toolchain.engine.draws())
            .then(|| SnapshotId::Drawing(self.suite.id.clone(), variant.name.clone()))
    }
}

fn collect_modules(
    variant: &VariantSpec,
    built: &BuiltSuite,
    steps: &mut Vec<StageStep>,
) -> Result<(), StageFailure> {
    for name in &variant.modules {
        let module = built.module(name);
        steps.extend(module.steps.iter().cloned());
        module.wasm.as_ref().map_err(Clone::clone)?;
    }
    Ok(())
}

fn module_reports(suite: &Suite, built: &BuiltSuite) -> Vec<ModuleReport> {
    suite
        .manifest
        .modules
        .iter()
        .map(|spec| {
            let module = built.module(&spec.name);
            ModuleReport {
                name: spec.name.to_string(),
                wasm_opt: spec.wasm_opt.clone(),
                bytes: module.wasm.as_ref().ok().map(Vec::len),
                wasm_opt_output: module.wasm_opt_output.clone(),
                compiled_output: module.compiled_output.clone(),
            }
        })
        .collect()
}

/// The sizes of the modules of `suite` as they build now, by name.
///
/// # Errors
///
/// Fails on tool errors while building.
pub fn module_sizes(
    workbook: &Workbook,
    suite: &Suite,
    toolchain: &Toolchain,
) -> Result<Vec<(Name, Option<usize>)>> {
    let built = build_suite(workbook, suite, &toolchain.builders, false)?;
    Ok(suite
        .manifest
        .modules
        .iter()
        .map(|spec| {
            (
                spec.name.clone(),
                built.module(&spec.name).wasm.as_ref().ok().map(Vec::len),
            )
        })
        .collect())
}
