//! One chapter end to end: build its modules, run each variant's harness
//! under the pinned Node, and compare the log with the expected log.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;

use crate::browser::BrowserSession;
use crate::browser_spec::{BrowserPlan, ExpectedLog};
use crate::build::{BuildContext, BuiltModule, Instrumenter, build_module};
use crate::harness::{HarnessLaunch, HarnessRun, run_harness};
use crate::manifest::VariantSpec;
use crate::node_harness::NodeHarness;
use crate::parallel::parallel_map;
use crate::report::{ChapterReport, ModuleReport, ReportKind, StageStep, VariantReport};
use crate::snapshot::{SnapshotCheck, SnapshotStore, write_atomically};
use crate::stage::{Stage, StageFailure};
use crate::wasm_opt::WasmOpt;
use crate::workbook::{Chapter, Workbook, unknown_name_message};

/// Choices that apply to a whole run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Never run wasm-opt; rebuild instrumented modules from their snapshots.
    pub no_wasm_opt: bool,
    /// Record snapshots and expected logs instead of comparing with them.
    pub accept: bool,
    /// Run only the variant with this name.
    pub only_variant: Option<String>,
    /// Run harnesses in this browser session instead of under Node.
    pub browser: Option<Arc<BrowserSession>>,
}

/// The toolchain shared by every chapter of one run.
#[derive(Debug)]
pub struct Toolchain {
    node_harness: NodeHarness,
    instrumenter: Instrumenter,
}

impl Toolchain {
    /// Installs node-harness's pinned packages when needed and finds wasm-opt.
    ///
    /// # Errors
    ///
    /// Fails when npm is missing or `npm ci` fails.
    pub fn prepare(workbook: &Workbook, options: &RunOptions) -> Result<Self> {
        let node_harness = NodeHarness::new(workbook.node_harness_dir());
        node_harness.ensure_installed()?;
        let instrumenter = if options.no_wasm_opt {
            Instrumenter::FromSnapshot {
                reason: "--no-wasm-opt".into(),
            }
        } else {
            find_wasm_opt(&node_harness, workbook)
        };
        Ok(Self {
            node_harness,
            instrumenter,
        })
    }
}

fn find_wasm_opt(node_harness: &NodeHarness, workbook: &Workbook) -> Instrumenter {
    let tool_node = node_harness
        .pinned_nodes()
        .ok()
        .and_then(|nodes| newest_node(&nodes));
    let found = node_harness
        .wasm_opt()
        .zip(tool_node.and_then(|alias| node_harness.node_binary(&alias).ok()));
    match found {
        Some(((script, version), node)) => Instrumenter::WasmOpt(WasmOpt {
            node,
            script,
            version,
            cache_dir: workbook.target_dir().join("wasm-opt-cache"),
        }),
        None => Instrumenter::FromSnapshot {
            reason:
                "binaryen is not installed in node-harness; rebuilt from the committed snapshot"
                    .into(),
        },
    }
}

fn newest_node(aliases: &[String]) -> Option<String> {
    aliases
        .iter()
        .max_by_key(|alias| alias.trim_start_matches("node").parse::<u32>().unwrap_or(0))
        .cloned()
}

/// Builds every module of `chapter` and writes the artifacts the harnesses
/// load to `target/workbook/<chapter>/`.
///
/// # Errors
///
/// Fails when an artifact cannot be written; a module that does not build
/// carries its failure in its [`BuiltModule`].
pub fn build_chapter<'a>(
    workbook: &Workbook,
    chapter: &'a Chapter,
    toolchain: &Toolchain,
    options: &RunOptions,
) -> Result<BuiltChapter<'a>> {
    let store = SnapshotStore::new(workbook.snapshots_dir());
    let context = BuildContext {
        workbook,
        chapter_dir: &chapter.dir,
        chapter: &chapter.name,
        store: &store,
        instrumenter: &toolchain.instrumenter,
        accept: options.accept,
    };
    let artifact_dir = workbook.target_dir().join(&chapter.name);
    // Modules build in parallel: a cold wasm-opt run takes seconds.
    let results: Vec<BuiltModule> = std::thread::scope(|scope| {
        let context = &context;
        let builds: Vec<_> = chapter
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
    let mut built = HashMap::new();
    for (module, result) in chapter.manifest.modules.iter().zip(results) {
        if let Ok(wasm) = &result.wasm {
            write_atomically(&artifact_dir.join(format!("{}.wasm", module.name)), wasm)?;
        }
        built.insert(module.name.as_str(), result);
    }
    Ok(BuiltChapter {
        chapter,
        modules: built,
    })
}

/// Every module of one chapter, built (or failed).
#[derive(Debug)]
pub struct BuiltChapter<'a> {
    chapter: &'a Chapter,
    modules: HashMap<&'a str, BuiltModule>,
}

impl BuiltChapter<'_> {
    /// The module called `name`; every name the manifest checked exists.
    pub fn module(&self, name: &str) -> &BuiltModule {
        &self.modules[name]
    }

    /// The size table rows, in manifest order.
    pub fn module_reports(&self) -> Vec<ModuleReport> {
        self.chapter
            .manifest
            .modules
            .iter()
            .map(|spec| {
                let module = self.module(&spec.name);
                ModuleReport {
                    name: spec.name.clone(),
                    wasm_opt: spec.wasm_opt.clone(),
                    bytes: module.wasm.as_ref().ok().map(Vec::len),
                    instrumented_text: module.instrumented_text.clone(),
                }
            })
            .collect()
    }
}

/// Runs every variant of `chapter`, or only `only_variant`.
///
/// # Errors
///
/// Fails on tool errors (Node cannot start, artifacts cannot be written);
/// a learner's failure is a failed variant in the report instead.
pub fn run_chapter(
    workbook: &Workbook,
    chapter: &Chapter,
    toolchain: &Toolchain,
    options: &RunOptions,
) -> Result<ChapterReport> {
    if let Some(only) = &options.only_variant {
        let names = chapter
            .manifest
            .variants
            .iter()
            .map(|variant| variant.name.as_str());
        if !names.clone().any(|name| name == only) {
            anyhow::bail!("{}", unknown_name_message("variant", only, names));
        }
    }
    let store = SnapshotStore::new(workbook.snapshots_dir());
    let artifact_dir = workbook.target_dir().join(&chapter.name);
    let built = build_chapter(workbook, chapter, toolchain, options)?;
    let run = VariantRun {
        workbook,
        chapter,
        toolchain,
        store: &store,
        artifact_dir: &artifact_dir,
        options,
    };
    let mut variants = Vec::new();
    let selected = chapter.manifest.variants.iter().filter(|variant| {
        options
            .only_variant
            .as_ref()
            .is_none_or(|only| *only == variant.name)
    });
    for variant in selected {
        let mut report = VariantReport {
            name: variant.name.clone(),
            summary: variant.summary.clone(),
            passed: false,
            steps: Vec::new(),
            failure: None,
            log: None,
            raw_output: String::new(),
            skipped: None,
        };
        if let (Some(_), BrowserPlan::NotRun { reason }) =
            (&options.browser, variant.browser_plan(&chapter.name))
        {
            report.skipped = Some(format!("not run in the browser: {reason}"));
            report.passed = true;
            variants.push(report);
            continue;
        }
        report.failure = run.check(variant, &built, &mut report).err();
        report.passed = report.failure.is_none();
        variants.push(report);
    }
    let modules = built.module_reports();
    Ok(ChapterReport {
        kind: ReportKind::Chapter,
        name: chapter.name.clone(),
        title: chapter.manifest.title.clone(),
        modules,
        passed: variants.iter().all(|variant| variant.passed),
        variants,
    })
}

struct VariantRun<'a> {
    workbook: &'a Workbook,
    chapter: &'a Chapter,
    toolchain: &'a Toolchain,
    store: &'a SnapshotStore,
    artifact_dir: &'a Path,
    options: &'a RunOptions,
}

impl VariantRun<'_> {
    fn check(
        &self,
        variant: &VariantSpec,
        built: &BuiltChapter<'_>,
        report: &mut VariantReport,
    ) -> Result<(), StageFailure> {
        for name in &variant.modules {
            let module = built.module(name);
            report.steps.extend(module.steps.iter().cloned());
            if let Err(failure) = &module.wasm {
                return Err(failure.clone());
            }
        }
        let time_limit = self.chapter.manifest.time_limit_secs(variant);
        let (run, engine) = match &self.options.browser {
            Some(browser) => (
                browser.run_variant(self.chapter, variant, Duration::from_secs(time_limit))?,
                browser.browser_name().to_string(),
            ),
            None => (
                self.run_under_node(variant, time_limit)?,
                variant.node.clone(),
            ),
        };
        report.raw_output = run.raw_output;
        report.log = Some(run.log.clone());
        if let Some(failure) = run.failure {
            return Err(failure);
        }
        report.steps.push(StageStep::new(
            Stage::Harness,
            format!("{engine} finished within {time_limit} s"),
        ));
        self.compare_log(variant, &run.log, report)
    }

    fn run_under_node(
        &self,
        variant: &VariantSpec,
        time_limit: u64,
    ) -> Result<HarnessRun, StageFailure> {
        let node = self
            .toolchain
            .node_harness
            .node_binary(&variant.node)
            .map_err(|error| {
                StageFailure::new(
                    Stage::Harness,
                    format!("{error:#}"),
                    "fix `node` in chapter.toml, or pin that Node in node-harness/package.json",
                )
            })?;
        let host_script = self.toolchain.node_harness.dir().join("node-host.mjs");
        let harness = self.chapter.dir.join(&variant.harness);
        run_harness(&HarnessLaunch {
            node: &node,
            node_flags: &variant.node_flags,
            host_script: &host_script,
            harness: &harness,
            shown_harness: &self.workbook.shown(&harness),
            artifact_dir: self.artifact_dir,
            time_limit: Duration::from_secs(time_limit),
        })
        .map_err(|error| {
            StageFailure::new(
                Stage::Harness,
                format!("{error:#}"),
                "reinstall with `rm -rf node-harness/node_modules` and rerun",
            )
        })
    }

    fn compare_log(
        &self,
        variant: &VariantSpec,
        log: &str,
        report: &mut VariantReport,
    ) -> Result<(), StageFailure> {
        let in_browser = self.options.browser.is_some();
        let expected =
            ExpectedLog::of(&self.chapter.name, variant, in_browser, self.options.accept);
        report.steps.extend(expected.note);
        let (name, accept) = (expected.snapshot, expected.accept);
        let shown = self.workbook.shown(&self.store.path(&name));
        let check = self
            .store
            .check(&name, "log", log, accept)
            .map_err(|error| log_failure(format!("{error:#}")))?;
        let detail = match check {
            SnapshotCheck::Recorded => format!("recorded `{shown}`"),
            SnapshotCheck::Matches => format!("matches `{shown}`"),
            SnapshotCheck::Missing => {
                return Err(StageFailure::new(
                    Stage::Log,
                    format!("no expected log yet at `{shown}`; the harness printed:\n{log}"),
                    "if this log is what the lesson should show, record it with `--accept`",
                ));
            }
            SnapshotCheck::Differs(diff) => {
                return Err(log_failure(format!(
                    "the log differs from `{shown}` (- expected, + actual):\n{diff}"
                )));
            }
        };
        report.steps.push(StageStep::new(Stage::Log, detail));
        Ok(())
    }
}

fn log_failure(message: String) -> StageFailure {
    StageFailure::new(
        Stage::Log,
        message,
        "compare the - and + lines: the module or harness behaves differently from the lesson; if the new log is right, record it with `--accept`",
    )
}

/// Runs `chapters` in parallel (one worker per core) and returns their
/// reports in the order given.
///
/// # Errors
///
/// Fails on the first tool error of any chapter.
pub fn run_chapters(
    workbook: &Workbook,
    chapters: &[Chapter],
    toolchain: &Toolchain,
    options: &RunOptions,
) -> Result<Vec<ChapterReport>> {
    parallel_map(chapters, |chapter| {
        run_chapter(workbook, chapter, toolchain, options)
    })
    .into_iter()
    .collect()
}
