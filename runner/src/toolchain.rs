//! The tools one run shares: the pinned npm packages, how modules are
//! instrumented, and the engine variants run on.

use anyhow::{Context, Result};

use crate::build::{Builders, Compilers, Instrumenter, WasmOpt};
use crate::engine::{BrowserPages, ChromiumEngine, Engine, NodeEngine};
use crate::node_packages::NodePackages;
use crate::sandbox::Bubblewrap;
use crate::workbook::Workbook;

/// What the toolchain is made of.
#[derive(Debug, Clone, Copy, Default)]
pub struct ToolchainOptions {
    /// Never run wasm-opt; rebuild instrumented modules from their snapshots.
    pub no_wasm_opt: bool,
    /// Run variants in headless Chromium; `Some(false)` serves the pages
    /// without COOP/COEP.
    pub browser_isolation: Option<bool>,
    /// With `browser_isolation`: which pages the variants run in.
    pub browser_pages: BrowserPages,
    /// Run Node harnesses under Node's permission model (for `grade`): reads
    /// only of the workbook copy, the host and the pinned packages; no
    /// writes, no child processes, workers only where the variant allows them.
    pub sandbox: bool,
    /// With `sandbox`, also run every harness in a bubblewrap sandbox of its
    /// own ([`crate::sandbox`]); `prepare` fails where bubblewrap cannot work.
    pub os_sandbox: bool,
}

/// The toolchain shared by every suite of one run.
#[derive(Debug)]
pub struct Toolchain {
    /// How modules are built: compilers and wasm-opt.
    pub builders: Builders,
    /// Where variants run.
    pub engine: Box<dyn Engine>,
}

impl Toolchain {
    /// Installs node-harness's pinned packages when needed, finds wasm-opt,
    /// and starts the engine.
    ///
    /// # Errors
    ///
    /// Fails when npm is missing, `npm ci` fails, or the browser cannot start.
    pub fn prepare(workbook: &Workbook, options: ToolchainOptions) -> Result<Self> {
        let packages = NodePackages::new(workbook.node_harness_dir().to_path_buf());
        packages.ensure_installed()?;
        // A broken package.json is the runner's problem, not every variant's.
        packages.pinned_nodes().context(
            "the pinned Node versions cannot be read; restore the file with `git checkout node-harness/package.json`",
        )?;
        let instrumenter = if options.no_wasm_opt {
            Instrumenter::FromSnapshot {
                reason: "--no-wasm-opt".into(),
            }
        } else {
            find_wasm_opt(&packages, workbook)
        };
        let engine: Box<dyn Engine> = match options.browser_isolation {
            Some(isolation) => {
                let engine = ChromiumEngine::start(workbook, &packages, isolation)?;
                Box::new(engine.with_pages(options.browser_pages))
            }
            None if options.sandbox => {
                let bubblewrap = options.os_sandbox.then(Bubblewrap::locate).transpose()?;
                Box::new(NodeEngine::sandboxed(packages, bubblewrap))
            }
            None => Box::new(NodeEngine::new(packages)),
        };
        Ok(Self {
            builders: Builders {
                instrumenter,
                compilers: Compilers::new(workbook.target_dir().to_path_buf()),
            },
            engine,
        })
    }
}

fn find_wasm_opt(packages: &NodePackages, workbook: &Workbook) -> Instrumenter {
    let newest_node = packages.pinned_nodes().ok().and_then(|aliases| {
        aliases
            .into_iter()
            .max_by_key(|alias| alias.trim_start_matches("node").parse::<u32>().unwrap_or(0))
    });
    let found = packages
        .wasm_opt()
        .zip(newest_node.and_then(|alias| packages.node_binary(&alias).ok()));
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
