//! `runner chapter X --variant V --trace FILE`: the run's trace, written in
//! the Chrome Trace Event Format (see `runner::trace::chrome`).

use std::path::Path;

use anyhow::{Context, Result, bail};
use runner::report::SuiteReport;
use runner::trace::chrome::chrome_trace;

use super::output::line;

/// Writes the trace of the one variant `report` ran to `path`.
pub fn write_chrome_trace(report: &SuiteReport, path: &Path) -> Result<()> {
    let Some(variant) = report.variants.first() else {
        bail!(
            "--trace: no variant ran, so there is no trace to write to {}",
            path.display()
        );
    };
    let trace = &variant.trace;
    if trace.trim().is_empty() {
        bail!(
            "--trace: variant {} recorded no trace events (did its harness run?); {} was not written",
            variant.name,
            path.display()
        );
    }
    let document = chrome_trace(trace).map_err(anyhow::Error::msg)?;
    let text = serde_json::to_string_pretty(&document)?;
    std::fs::write(path, text + "\n").with_context(|| {
        format!(
            "--trace: cannot write {}: does its folder exist and may you write there?",
            path.display()
        )
    })?;
    line(&format!(
        "trace written to {} (Chrome Trace Event Format: open it in https://ui.perfetto.dev or chrome://tracing)",
        path.display()
    ));
    Ok(())
}
