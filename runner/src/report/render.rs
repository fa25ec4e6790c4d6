//! Reports as terminal text: each stage, a verdict per variant, a colored
//! diff on a mismatch (`-` expected in red, `+` what came in green).

use std::fmt::Write as _;

use super::bounded::shown_lines;
use super::{SuiteReport, VariantReport};
use crate::verdict::{Stage, Verdict};

/// Text rendering options.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Use ANSI colors.
    pub color: bool,
    /// Include the raw harness output of every variant.
    pub verbose: bool,
    /// Show the lesson's log (its fact lines) under every variant that ran.
    pub show_log: bool,
}

impl SuiteReport {
    /// The report as terminal text.
    pub fn render(&self, options: RenderOptions) -> String {
        let heading = format!("{}: {}", self.id, self.title);
        let mut out = format!("{}\n", paint(options, "1", &heading));
        for variant in &self.variants {
            variant.render_into(&mut out, options);
        }
        self.render_sizes(&mut out);
        out
    }

    pub(super) fn render_sizes(&self, out: &mut String) {
        if self.modules.is_empty() {
            return;
        }
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
        let failed_in_harness = self
            .verdict
            .failure()
            .is_some_and(|f| f.stage == Stage::Harness);
        if (options.verbose || failed_in_harness) && !self.raw_output.trim().is_empty() {
            let _ = writeln!(out, "    raw harness output:");
            for line in shown_lines(&self.raw_output, options.verbose) {
                let _ = writeln!(out, "      | {line}");
            }
        }
        if options.show_log
            && !options.verbose
            && self.verdict.is_ok()
            && let Some(log) = &self.log
        {
            for line in log.lines() {
                let _ = writeln!(out, "      {line}");
            }
        }
        match &self.verdict {
            Verdict::Skipped { reason } => {
                let _ = writeln!(out, "    {} {reason}", paint(options, "33;1", "SKIPPED"));
            }
            Verdict::Passed => {
                let _ = writeln!(out, "    {}", paint(options, "32;1", "PASS"));
            }
            Verdict::Failed(failure) => {
                let _ = writeln!(
                    out,
                    "    {} {}",
                    paint(options, "31", "FAILED"),
                    failure.stage
                );
                for line in shown_lines(&failure.text(), options.verbose) {
                    let _ = writeln!(out, "      {}", paint_diff_line(options, &line));
                }
                let _ = writeln!(out, "      hint: {}", failure.hint);
                let verdict = format!("FAIL at stage {} (variant {})", failure.stage, self.name);
                let _ = writeln!(out, "    {}", paint(options, "31;1", &verdict));
            }
        }
    }
}

pub(super) fn paint(options: RenderOptions, code: &str, text: &str) -> String {
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
