//! What the playground needs to build and run one harness, the same for an
//! exercise and a chapter variant. URLs are relative to the site's root, so the
//! site works at `/` and under a project path (`/<repo>/`).

use std::path::Path;

use serde::Serialize;

use crate::manifest::ModuleSpec;

/// The fields an exercise listing and a variant listing share (flattened into each).
#[derive(Debug, Serialize)]
pub struct RunListing {
    /// The files a reader edits, relative to `dir`.
    pub files: Vec<String>,
    /// The folder the harness and sources sit in, relative to the site root.
    pub dir: String,
    /// The harness, relative to `dir`.
    pub harness: String,
    /// The log a browser run must print, relative to the site root.
    pub expected: String,
    /// The run's time limit.
    pub time_limit_secs: u64,
    /// The modules the harness instantiates.
    pub modules: Vec<ModuleListing>,
    /// Why the page cannot run it, when it cannot.
    pub unavailable: Option<String>,
}

/// One module: built in the page when its source is WAT.
#[derive(Debug, Serialize)]
pub struct ModuleListing {
    /// The name `host.instantiate` takes.
    pub name: String,
    /// Its source, relative to the listing's folder.
    pub source: String,
    /// Its wasm-opt arguments.
    pub wasm_opt: Vec<String>,
}

impl From<&ModuleSpec> for ModuleListing {
    fn from(module: &ModuleSpec) -> Self {
        Self {
            name: module.name.to_string(),
            source: slashed(&module.source),
            wasm_opt: module.wasm_opt.clone(),
        }
    }
}

/// A module the page cannot build: its source is not WAT (C needs emcc, Rust needs rustc).
pub(super) fn needs_compiler(modules: &[ModuleListing]) -> Option<String> {
    let needs_compiler = |module: &&ModuleListing| {
        Path::new(&module.source)
            .extension()
            .is_none_or(|extension| extension != "wat")
    };
    modules.iter().find(needs_compiler).map(|module| {
        format!(
            "its module `{}` is built from `{}` by a compiler a browser does not have (emcc for C, rustc for Rust)",
            module.name, module.source
        )
    })
}

/// `path` with forward slashes, as a URL has them.
pub(super) fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
