//! Every chosen variant of a list of suites as one queue: a variant starts
//! as soon as its suite is built and a slot is free, whichever suite it
//! belongs to, so one slow variant never holds back the next suite. Builds
//! go ahead in the suites' order on a thread of their own. Variants marked
//! `alone` are queued last: waiting for the machine to empty would idle
//! every core while the queue drains. Reports keep the suites' and the
//! manifests' order.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::Result;

use super::{RunOptions, SuiteEvent, SuiteRun, module_reports};
use crate::build::{BuiltSuite, build_suite};
use crate::engine::EngineKind;
use crate::manifest::VariantSpec;
use crate::parallel::parallel_map_with;
use crate::report::{SuiteReport, VariantReport};
use crate::schedule::{CoreSlots, machine_cores};
use crate::toolchain::Toolchain;
use crate::workbook::{Suite, Workbook};

/// One variant to run: the index of its suite, and the variant.
struct QueuedVariant<'a> {
    suite: usize,
    variant: &'a VariantSpec,
}

/// Where each suite stands while its variants run.
struct SuiteProgress {
    built: OnceLock<Result<BuiltSuite>>,
    variants_left: AtomicUsize,
    failed: AtomicBool,
}

/// Builds `suites` and runs their chosen variants; see the module's comment.
pub(super) fn run_batch(
    workbook: &Workbook,
    suites: &[Suite],
    toolchain: &Toolchain,
    options: &RunOptions,
    on_event: &(dyn Fn(SuiteEvent<'_>) + Sync),
) -> Result<Vec<SuiteReport>> {
    let queue = queue_in_running_order(suites, options);
    let progress: Vec<SuiteProgress> = (0..suites.len())
        .map(|index| SuiteProgress {
            built: OnceLock::new(),
            variants_left: AtomicUsize::new(queue.iter().filter(|q| q.suite == index).count()),
            failed: AtomicBool::new(false),
        })
        .collect();
    let built = |index: usize| {
        progress[index].built.get_or_init(|| {
            on_event(SuiteEvent::Started(&suites[index]));
            let _span = crate::timings::span(|| format!("build {}", suites[index].id.name()));
            build_suite(
                workbook,
                &suites[index],
                &toolchain.builders,
                options.accept,
            )
        })
    };
    let finish_one = |index: usize, passed: bool| {
        let suite = &progress[index];
        suite.failed.fetch_or(!passed, Ordering::SeqCst);
        if suite.variants_left.fetch_sub(1, Ordering::SeqCst) == 1 {
            let passed = !suite.failed.load(Ordering::SeqCst);
            on_event(SuiteEvent::Finished {
                suite: &suites[index],
                passed,
            });
        }
    };
    let reports = std::thread::scope(|scope| {
        scope.spawn(|| check_compilers(suites, toolchain));
        scope.spawn(|| {
            // Builds go ahead in order, so the next suite is ready when a slot frees.
            for (index, suite) in suites.iter().enumerate() {
                let passed = built(index).is_ok();
                if progress[index].variants_left.load(Ordering::SeqCst) == 0 {
                    on_event(SuiteEvent::Finished { suite, passed });
                }
            }
        });
        let run_one = |queued: &QueuedVariant<'_>| {
            let Ok(built) = built(queued.suite) else {
                finish_one(queued.suite, false);
                return None;
            };
            let run = SuiteRun {
                workbook,
                suite: &suites[queued.suite],
                toolchain,
                options,
                built,
            };
            let report = run.variant_report(queued.variant);
            finish_one(queued.suite, report.verdict.is_ok());
            Some(report)
        };
        let shared = queue
            .iter()
            .take_while(|queued| !queued.variant.alone)
            .count();
        let mut reports = parallel_map_with(runs_at_once(toolchain), &queue[..shared], run_one);
        // One at a time, in the manifest's order: each waits for the machine to itself anyway.
        reports.extend(queue[shared..].iter().map(run_one));
        reports
    });
    assemble(suites, progress, &queue, reports)
}

/// Looks up the compilers the suites' modules need (the version check takes
/// seconds for emcc) at once, beside the first builds, rather than when the
/// suite that needs one comes up while its variants' workers wait for it.
fn check_compilers(suites: &[Suite], toolchain: &Toolchain) {
    let extensions = suites
        .iter()
        .flat_map(|suite| &suite.manifest.modules)
        .filter_map(|module| module.source.extension()?.to_str());
    for extension in extensions {
        let _ = toolchain.builders.compilers.unavailable(extension);
    }
}

/// The chosen variants of every suite, in order, with the `alone` ones last.
fn queue_in_running_order<'a>(suites: &'a [Suite], options: &RunOptions) -> Vec<QueuedVariant<'a>> {
    let chosen = suites.iter().enumerate().flat_map(|(suite, spec)| {
        spec.manifest
            .variants
            .iter()
            .filter(|variant| {
                (options.only_variant.as_ref()).is_none_or(|only| variant.name == *only)
            })
            .map(move |variant| QueuedVariant { suite, variant })
    });
    let (alone, shared): (Vec<_>, Vec<_>) = chosen.partition(|queued| queued.variant.alone);
    shared.into_iter().chain(alone).collect()
}

/// Node runs wait more than they compute, so they fill every slot; a
/// browser's pages share one Chromium, one run per core as before.
fn runs_at_once(toolchain: &Toolchain) -> usize {
    match toolchain.engine.kind() {
        EngineKind::Node => CoreSlots::machine().count(),
        EngineKind::Browser => machine_cores(),
    }
}

/// Each suite's report, its variants in the manifest's order; the first
/// suite (in order) whose build failed with a tool error fails the batch.
fn assemble(
    suites: &[Suite],
    progress: Vec<SuiteProgress>,
    queue: &[QueuedVariant<'_>],
    reports: Vec<Option<VariantReport>>,
) -> Result<Vec<SuiteReport>> {
    let mut by_suite: Vec<Vec<(usize, VariantReport)>> =
        suites.iter().map(|_| Vec::new()).collect();
    for (queued, report) in queue.iter().zip(reports) {
        let position = suites[queued.suite]
            .manifest
            .variants
            .iter()
            .position(|variant| std::ptr::eq(variant, queued.variant))
            .unwrap_or(usize::MAX);
        by_suite[queued.suite].extend(report.map(|report| (position, report)));
    }
    suites
        .iter()
        .zip(progress)
        .zip(by_suite)
        .map(|((suite, progress), mut variants)| {
            let built = progress
                .built
                .into_inner()
                .expect("every suite is built ahead")?;
            variants.sort_by_key(|(position, _)| *position);
            Ok(SuiteReport {
                id: suite.id.clone(),
                title: suite.manifest.title.clone(),
                modules: module_reports(suite, &built),
                variants: variants.into_iter().map(|(_, report)| report).collect(),
            })
        })
        .collect()
}
