//! What a run found, as data (serialized for `--format json`) and as text
//! for a terminal: each stage, a verdict per variant, and a diff on a mismatch.

use std::fmt::Write as _;

use serde::Serialize;

use crate::stage::{Stage, StageFailure};

/// A stage that passed, and what it did.
#[derive(Debug, Clone, Serialize)]
pub struct StageStep {
    /// The stage.
    pub stage: Stage,
    /// What it did, e.g. the file it parsed or the cache it used.
    pub detail: String,
}

impl StageStep {
    /// A passed `stage`.
    pub fn new(stage: Stage, detail: impl Into<String>) -> Self {
        Self {
            stage,
            detail: detail.into(),
        }
    }
}

/// The verdict for one variant.
#[derive(Debug, Clone, Serialize)]
pub struct VariantReport {
    /// The variant's name.
    pub name: String,
    /// What it demonstrates.
    pub summary: String,
    /// True when every stage passed.
    pub passed: bool,
    /// The stages that passed, in order.
    pub steps: Vec<StageStep>,
    /// The stage that failed, if any.
    pub failure: Option<StageFailure>,
    /// The compared log, when the harness ran.
    pub log: Option<String>,
    /// Everything the harness printed, for `--verbose`.
    #[serde(skip)]
    pub raw_output: String,
    /// Why the variant did not run (a browser run of a Node-only variant).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

/// One built module and its size, for the size table.
#[derive(Debug, Clone, Serialize)]
pub struct ModuleReport {
    /// The module's name.
    pub name: String,
    /// The wasm-opt arguments it was built with (empty: none).
    pub wasm_opt: Vec<String>,
    /// The size of the module the harness loads, when it built.
    pub bytes: Option<usize>,
    /// The instrumented module as WAT, for modules built with wasm-opt.
    #[serde(skip)]
    pub instrumented_text: Option<String>,
}

/// What a [`ChapterReport`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportKind {
    /// A chapter of the workbook.
    Chapter,
    /// An exercise, checked like a chapter.
    Exercise,
}

impl std::fmt::Display for ReportKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Chapter => "chapter",
            Self::Exercise => "exercise",
        })
    }
}

/// The verdicts for one chapter (or one exercise).
#[derive(Debug, Clone, Serialize)]
pub struct ChapterReport {
    /// A chapter or an exercise.
    pub kind: ReportKind,
    /// The chapter's folder name, or the exercise's name.
    pub name: String,
    /// Its title.
    pub title: String,
    /// True when every variant passed.
    pub passed: bool,
    /// Every module the chapter builds, in manifest order.
    pub modules: Vec<ModuleReport>,
    /// One report per variant, in manifest order.
    pub variants: Vec<VariantReport>,
}

/// The report for `runner all --format json`.
#[derive(Debug, Serialize)]
pub struct WorkbookReport<'a> {
    /// Every chapter, in workbook order.
    pub chapters: &'a [ChapterReport],
    /// How many chapters passed.
    pub passed: usize,
    /// How many chapters failed.
    pub failed: usize,
}

/// Text rendering options.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Use ANSI colors.
    pub color: bool,
    /// Include the raw harness output of every variant.
    pub verbose: bool,
}

impl ChapterReport {
    /// The failure of the first variant that failed, if any did.
    pub fn first_failure(&self) -> Option<&StageFailure> {
        self.variants
            .iter()
            .find_map(|variant| variant.failure.as_ref())
    }

    /// The chapter's report as terminal text.
    pub fn render(&self, options: RenderOptions) -> String {
        let mut out = format!(
            "{}\n",
            paint(
                options,
                "1",
                &format!("{} {}: {}", self.kind, self.name, self.title)
            )
        );
        for variant in &self.variants {
            variant.render_into(&mut out, options);
        }
        self.render_sizes(&mut out);
        out
    }

    fn render_sizes(&self, out: &mut String) {
        let width = self
            .modules
            .iter()
            .map(|module| module.name.len())
            .max()
            .unwrap_or(0);
        let _ = writeln!(out, "  module sizes:");
        for module in &self.modules {
            let bytes = module
                .bytes
                .map_or_else(|| "not built".to_string(), |bytes| format!("{bytes} bytes"));
            let how = if module.wasm_opt.is_empty() {
                String::new()
            } else {
                format!("  wasm-opt {}", module.wasm_opt.join(" "))
            };
            let _ = writeln!(out, "    {:<width$}  {bytes:>11}{how}", module.name);
        }
    }
}

impl VariantReport {
    fn render_into(&self, out: &mut String, options: RenderOptions) {
        let _ = writeln!(out, "  variant {}: {}", self.name, self.summary);
        for step in &self.steps {
            let _ = writeln!(
                out,
                "    {} {:<9} {}",
                paint(options, "32", "ok"),
                step.stage.to_string(),
                step.detail
            );
        }
        let show_raw = options.verbose
            || self
                .failure
                .as_ref()
                .is_some_and(|f| f.stage == Stage::Harness);
        if show_raw && !self.raw_output.trim().is_empty() {
            let _ = writeln!(out, "    raw harness output:");
            for line in self.raw_output.lines() {
                let _ = writeln!(out, "      | {line}");
            }
        }
        match &self.failure {
            None if self.skipped.is_some() => {
                let reason = self.skipped.as_deref().unwrap_or_default();
                let _ = writeln!(out, "    {} {reason}", paint(options, "33;1", "SKIPPED"));
            }
            None => {
                let _ = writeln!(out, "    {}", paint(options, "32;1", "PASS"));
            }
            Some(failure) => {
                let _ = writeln!(
                    out,
                    "    {} {}",
                    paint(options, "31", "FAILED"),
                    failure.stage
                );
                for line in failure.message.lines() {
                    let _ = writeln!(out, "      {}", paint_diff_line(options, line));
                }
                let _ = writeln!(out, "      hint: {}", failure.hint);
                let verdict = format!("FAIL at stage {} (variant {})", failure.stage, self.name);
                let _ = writeln!(out, "    {}", paint(options, "31;1", &verdict));
            }
        }
    }
}

fn paint(options: RenderOptions, code: &str, text: &str) -> String {
    if options.color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

fn paint_diff_line(options: RenderOptions, line: &str) -> String {
    match line.as_bytes().first() {
        Some(b'-') if !line.starts_with("---") => paint(options, "31", line),
        Some(b'+') if !line.starts_with("+++") => paint(options, "32", line),
        _ => line.to_string(),
    }
}
