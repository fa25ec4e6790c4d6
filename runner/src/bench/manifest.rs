//! `bench/bench.toml`: the modules the bench builds, the chapter modules it
//! borrows, and the techniques it measures, in table order.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::files::ensure_inside;
use crate::manifest::{ChapterManifest, ModuleSpec, ensure_unique, read_toml};
use crate::names::{Name, SuiteId};
use crate::workbook::{Suite, Workbook, unknown_name_message};

/// The Node that runs a technique which names none.
const DEFAULT_NODE: &str = "node26";

/// The parsed `bench/bench.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenchManifest {
    /// The technique every ratio is given against (`await null`); it is
    /// measured again in every process, so each ratio has its own floor.
    pub microtask_floor: Name,
    /// Modules built from sources in `bench/`.
    #[serde(rename = "module", default)]
    pub modules: Vec<ModuleSpec>,
    /// Modules built by a chapter and copied into the bench's artifacts.
    #[serde(rename = "borrow", default)]
    pub borrowed: Vec<BorrowedModule>,
    /// What is measured, in table order.
    #[serde(rename = "technique")]
    pub techniques: Vec<TechniqueSpec>,
}

/// One `[[borrow]]`: a chapter's module under a bench name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BorrowedModule {
    /// The name bench harnesses load it by.
    pub name: Name,
    /// The chapter that builds it.
    pub chapter: Name,
    /// The module's name in that chapter.
    pub module: Name,
}

/// One `[[technique]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TechniqueSpec {
    /// Names the technique on the command line and in the JSON.
    pub name: Name,
    /// What one round trip is, for the table.
    pub title: String,
    /// The chapter that teaches it; none for a floor.
    pub chapter: Option<Name>,
    /// The ES module in `bench/` that exports `prepare(host, params)`.
    pub harness: PathBuf,
    /// The module whose size the table shows (a `[[module]]` or `[[borrow]]`).
    pub module: Option<Name>,
    /// Or a file of a pinned npm package, relative to `node-harness/node_modules/`.
    pub package_file: Option<String>,
    /// Handed to `prepare` as its second argument.
    #[serde(default)]
    pub params: toml::Table,
    /// The pinned Node alias (default `node26`).
    pub node: Option<String>,
    /// Extra flags for that Node.
    #[serde(default)]
    pub node_flags: Vec<String>,
    /// With `run = false` and a reason, the technique is left out of `--browser`.
    pub browser: Option<BrowserChoice>,
}

/// `browser = { run = false, reason = "..." }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrowserChoice {
    /// Whether the technique runs in Chromium.
    pub run: bool,
    /// Why not, shown in the report.
    pub reason: String,
}

impl TechniqueSpec {
    /// The pinned Node alias this technique runs under.
    pub fn node(&self) -> &str {
        self.node.as_deref().unwrap_or(DEFAULT_NODE)
    }

    /// Why it is not run in a browser, when it is not.
    pub fn browser_skip(&self) -> Option<&str> {
        self.browser
            .as_ref()
            .filter(|choice| !choice.run)
            .map(|choice| choice.reason.as_str())
    }
}

impl BenchManifest {
    /// The manifest's path in `workbook`.
    pub fn path(workbook: &Workbook) -> PathBuf {
        bench_dir(workbook).join("bench.toml")
    }

    /// Reads and checks `bench/bench.toml`.
    ///
    /// # Errors
    ///
    /// Fails, naming the file, when it is invalid, a name is defined twice, a
    /// path leaves the workbook, a technique names an unknown module or
    /// chapter, or the microtask floor is not a technique.
    pub fn load(workbook: &Workbook) -> Result<Self> {
        let path = Self::path(workbook);
        let manifest: Self = read_toml(&path)?;
        manifest
            .check(workbook)
            .with_context(|| format!("in `{}`", path.display()))?;
        Ok(manifest)
    }

    fn check(&self, workbook: &Workbook) -> Result<()> {
        let dir = bench_dir(workbook);
        let module_names = self
            .modules
            .iter()
            .map(|module| module.name.as_str())
            .chain(self.borrowed.iter().map(|borrowed| borrowed.name.as_str()));
        ensure_unique("module", module_names.clone())?;
        ensure_unique(
            "technique",
            self.techniques
                .iter()
                .map(|technique| technique.name.as_str()),
        )?;
        for module in &self.modules {
            ensure_inside(workbook.root(), &dir, &module.source)
                .map_err(|error| anyhow::anyhow!("module `{}`: {error}", module.name))?;
        }
        for borrowed in &self.borrowed {
            if !workbook.has_chapter(borrowed.chapter.as_str()) {
                let known = workbook.manifest.chapters.iter().map(Name::as_str);
                bail!(
                    "borrowed module `{}`: {}",
                    borrowed.name,
                    unknown_name_message("chapter", borrowed.chapter.as_str(), known)
                );
            }
        }
        for technique in &self.techniques {
            let name = &technique.name;
            ensure_inside(workbook.root(), &dir, &technique.harness)
                .map_err(|error| anyhow::anyhow!("technique `{name}`: {error}"))?;
            if let Some(module) = &technique.module
                && !module_names.clone().any(|known| known == module.as_str())
            {
                bail!(
                    "technique `{name}`: {}",
                    unknown_name_message("module", module.as_str(), module_names.clone())
                );
            }
            if let Some(chapter) = &technique.chapter
                && !workbook.has_chapter(chapter.as_str())
            {
                let known = workbook.manifest.chapters.iter().map(Name::as_str);
                bail!(
                    "technique `{name}`: {}",
                    unknown_name_message("chapter", chapter.as_str(), known)
                );
            }
            if technique.module.is_some() && technique.package_file.is_some() {
                bail!("technique `{name}`: set `module` or `package_file`, not both");
            }
        }
        if self.technique(self.microtask_floor.as_str()).is_none() {
            bail!(
                "microtask_floor `{}` is not a [[technique]]",
                self.microtask_floor
            );
        }
        Ok(())
    }

    /// The technique called `name`.
    pub fn technique(&self, name: &str) -> Option<&TechniqueSpec> {
        self.techniques
            .iter()
            .find(|technique| technique.name == *name)
    }

    /// The bench's own modules as a suite, so they build like a chapter's:
    /// artifacts in `target/workbook/bench/`, wasm-opt snapshots in `snapshots/bench/`.
    ///
    /// # Errors
    ///
    /// Never in practice: the suite's name is a valid name.
    pub fn suite(&self, workbook: &Workbook) -> Result<Suite> {
        Ok(Suite {
            id: SuiteId::Chapter(bench_suite_name()?),
            dir: bench_dir(workbook),
            manifest: ChapterManifest {
                title: "bench".into(),
                summary: "the modules runner bench measures".into(),
                part: None,
                files: Vec::new(),
                hint: None,
                time_limit_secs: None,
                modules: self.modules.clone(),
                variants: Vec::new(),
            },
        })
    }
}

/// `bench/`: the manifest, the bench modules' sources and the harnesses.
pub fn bench_dir(workbook: &Workbook) -> PathBuf {
    workbook.root().join("bench")
}

/// The suite name of the bench: its artifacts and snapshots live under `bench/`.
///
/// # Errors
///
/// Never: "bench" is a valid name.
pub fn bench_suite_name() -> Result<Name> {
    Name::new("bench").map_err(|error| anyhow::anyhow!(error))
}
