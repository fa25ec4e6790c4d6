//! Node does not say which imported module a `SyntaxError` comes from. The
//! Node host finds out with `node --check`, except under the permission
//! model, where it may not start processes; then the runner does the same.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::process::run_process;

/// `node --check` only parses, so a generous limit is only there against a hang.
const CHECK_TIME_LIMIT: Duration = Duration::from_secs(30);

/// Where a module does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxErrorPlace {
    /// `SyntaxError: Unexpected token ';'`.
    pub error: String,
    /// `/path/to/greeting.mjs:2`.
    pub place: String,
}

/// The first `.mjs` file in `folder` that does not parse, in name order.
pub fn locate_syntax_error(node: &Path, folder: &Path) -> Option<SyntaxErrorPlace> {
    let mut modules: Vec<_> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "mjs"))
        .collect();
    modules.sort();
    modules.into_iter().find_map(|module| {
        let output = run_process(
            Command::new(node).arg("--check").arg(&module),
            Some(CHECK_TIME_LIMIT),
        )
        .ok()?;
        if output.succeeded() {
            return None;
        }
        let stderr = output.stderr.trim();
        let place = stderr.lines().next().unwrap_or_default().to_string();
        let error = stderr
            .lines()
            .find(|line| line.starts_with("SyntaxError"))
            .unwrap_or("SyntaxError")
            .to_string();
        Some(SyntaxErrorPlace { error, place })
    })
}
