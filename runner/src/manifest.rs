//! The manifest formats. `chapters/workbook.toml` orders the chapters and
//! exercises ([`WorkbookManifest`]); `chapter.toml` says what a chapter builds
//! and runs, and an exercise's `exercise.toml` is the same format plus the
//! files the learner writes and a hint ([`ChapterManifest`]);
//! `mutations.toml` holds the edits a chapter must reject ([`MutationsManifest`]).
//!
//! Unknown fields are rejected, so a typo never silently does nothing, and
//! every path must stay inside the workbook.

mod browser;
mod emcc_args;
mod mutations;
mod timeline;
mod variant;
mod workbook;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

pub use browser::BrowserSpec;
pub use mutations::{MutationSpec, MutationsManifest};
pub use timeline::{MarkSpec, Ticks, TimelineSpec, WholeSpec};
pub use variant::{Allowance, VariantSpec};
pub use workbook::WorkbookManifest;

use crate::files::ensure_inside;
use crate::names::Name;

/// Time limit for a variant when neither the variant nor its chapter sets one.
pub const DEFAULT_TIME_LIMIT_SECS: u64 = 10;

/// The longest time limit a manifest may set: one hour. Longer is a typo, and
/// a limit too large to add to a clock would never stop a hang.
pub const MAX_TIME_LIMIT_SECS: u64 = 3600;

/// The source extensions the runner has a builder for.
pub const BUILDABLE_EXTENSIONS: [&str; 3] = ["wat", "rs", "c"];

/// `chapter.toml` (a chapter) or `exercise.toml` (an exercise).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterManifest {
    /// Title shown by `runner list` and in the book.
    pub title: String,
    /// One line that says what the chapter or exercise shows.
    pub summary: String,
    /// Chapters only: the part of the book's contents that begins at this
    /// chapter (a later chapter without one stays in the same part).
    pub part: Option<String>,
    /// Exercises only: the files the learner writes, relative to the exercise
    /// folder; each has a starter in `starter/` and a solution in `solution/`.
    #[serde(default)]
    pub files: Vec<PathBuf>,
    /// Exercises only: what `runner hint` prints.
    pub hint: Option<String>,
    /// Time limit for every variant that sets none (default 10 s).
    pub time_limit_secs: Option<u64>,
    /// The wasm modules to build.
    #[serde(rename = "module", default)]
    pub modules: Vec<ModuleSpec>,
    /// The runs that are checked, each against its own expected log.
    #[serde(rename = "variant", default)]
    pub variants: Vec<VariantSpec>,
}

/// One `[[module]]`: a source built to `<name>.wasm`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleSpec {
    /// The artifact name; harnesses load it with `host.instantiate("<name>")`.
    pub name: Name,
    /// The source file (`.wat`, `.rs` for the pinned rustc, `.c` for the
    /// pinned emcc), relative to the manifest's folder.
    pub source: PathBuf,
    /// wasm-opt arguments, in order. When present, the output is snapshotted
    /// as `<module>.wasm-opt.snap` and is what harnesses load.
    #[serde(default)]
    pub wasm_opt: Vec<String>,
    /// emcc arguments for a `.c` source, in order, before the fixed ones that
    /// make the glue an ES module for `web,worker`.
    #[serde(default)]
    pub emcc: Vec<String>,
}

/// Which of the two files a [`ChapterManifest`] was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestKind {
    /// `chapter.toml`.
    Chapter,
    /// `exercise.toml`: has `files` and a `hint`.
    Exercise,
}

impl ChapterManifest {
    /// Reads and checks the manifest at `path`. Files the learner writes
    /// (an exercise's `files`) need not exist yet; every other file must.
    ///
    /// # Errors
    ///
    /// Fails, naming the file (and line and column for TOML errors), on a
    /// schema error, a bad name, a duplicate, an undefined module, a path
    /// that is missing or leads outside `workbook_root`, or a field that
    /// does not belong in this kind of manifest.
    pub fn load(path: &Path, kind: ManifestKind, workbook_root: &Path) -> Result<Self> {
        let manifest: Self = read_toml(path)?;
        let dir = path.parent().unwrap_or(Path::new("."));
        manifest.check(dir, kind, workbook_root).with_context(|| {
            match manifest
                .out_of_range_limit()
                .and_then(|secs| line_of(path, &secs.to_string()))
            {
                Some(line) => format!("in `{}:{line}`", path.display()),
                None => format!("in `{}`", path.display()),
            }
        })?;
        Ok(manifest)
    }

    /// The time limit for `variant`, falling back to the chapter's and then the default.
    pub fn time_limit_secs(&self, variant: &VariantSpec) -> u64 {
        variant
            .time_limit_secs
            .or(self.time_limit_secs)
            .unwrap_or(DEFAULT_TIME_LIMIT_SECS)
    }

    /// The module called `name`.
    pub fn module(&self, name: &Name) -> Option<&ModuleSpec> {
        self.modules.iter().find(|module| module.name == *name)
    }

    /// The variant called `name`.
    pub fn variant(&self, name: &str) -> Option<&VariantSpec> {
        self.variants.iter().find(|variant| variant.name == *name)
    }

    fn check(&self, dir: &Path, kind: ManifestKind, root: &Path) -> Result<()> {
        self.check_kind(dir, kind, root)?;
        ensure_unique("module", self.modules.iter().map(|m| m.name.as_str()))?;
        ensure_unique("variant", self.variants.iter().map(|v| v.name.as_str()))?;
        if self.variants.is_empty() {
            bail!("at least one `[[variant]]` is needed");
        }
        let exists = |relative: &Path, role: &str| -> Result<()> {
            ensure_inside(root, dir, relative)
                .map_err(|error| anyhow::anyhow!("{role}: {error}"))?;
            if !self.files.iter().any(|file| file == relative) && !dir.join(relative).is_file() {
                bail!("{role}: `{}` does not exist", dir.join(relative).display());
            }
            Ok(())
        };
        for module in &self.modules {
            exists(
                &module.source,
                &format!("source of module `{}`", module.name),
            )?;
            check_extension(&module.source, &module.name)?;
            if let Some(refusal) = module.emcc.iter().find_map(|arg| emcc_args::refusal(arg)) {
                bail!("module `{}`: {refusal}", module.name);
            }
            if !module.emcc.is_empty() && module.source.extension().is_none_or(|e| e != "c") {
                bail!(
                    "module `{}`: `emcc` arguments apply only to a `.c` source, and `{}` is not one",
                    module.name,
                    module.source.display()
                );
            }
            if !self
                .variants
                .iter()
                .any(|v| v.modules.contains(&module.name))
            {
                bail!(
                    "module `{}` is loaded by no variant, so nothing would check it; add it to a variant's `modules`",
                    module.name
                );
            }
        }
        for variant in &self.variants {
            exists(
                &variant.harness,
                &format!("harness of variant `{}`", variant.name),
            )?;
            if let Some(browser) = &variant.browser {
                browser.check(&variant.name, &self.variants)?;
            }
            if let Some(name) = variant
                .modules
                .iter()
                .find(|name| self.module(name).is_none())
            {
                bail!(
                    "variant `{}` loads module `{name}`, which no `[[module]]` defines",
                    variant.name
                );
            }
        }
        self.check_time_limits()
    }

    fn check_kind(&self, dir: &Path, kind: ManifestKind, root: &Path) -> Result<()> {
        match kind {
            ManifestKind::Chapter if !self.files.is_empty() || self.hint.is_some() => bail!(
                "`files` and `hint` belong in an exercise's `exercise.toml`, not in a chapter"
            ),
            ManifestKind::Chapter => Ok(()),
            ManifestKind::Exercise => {
                if self.part.is_some() {
                    bail!("`part` belongs in a chapter's `chapter.toml`, not in an exercise");
                }
                if self.files.is_empty() {
                    bail!(
                        "`files` must name the files the learner writes, e.g. `files = [\"answer.wat\"]`"
                    );
                }
                if self
                    .hint
                    .as_deref()
                    .is_none_or(|hint| hint.trim().is_empty())
                {
                    bail!("`hint` is missing or empty: write what `runner hint` should print");
                }
                for file in &self.files {
                    let plain = file
                        .components()
                        .all(|c| matches!(c, std::path::Component::Normal(_)));
                    if !plain {
                        bail!(
                            "file `{}` must be a plain path inside the exercise folder",
                            file.display()
                        );
                    }
                    ensure_inside(root, dir, file).map_err(|error| anyhow::anyhow!("{error}"))?;
                }
                ensure_unique(
                    "file",
                    self.files.iter().map(|f| f.to_str().unwrap_or_default()),
                )
            }
        }
    }

    fn check_time_limits(&self) -> Result<()> {
        match self.out_of_range_limit() {
            Some(secs) => bail!(
                "`time_limit_secs = {secs}` is out of range: use 1 to {MAX_TIME_LIMIT_SECS} seconds"
            ),
            None => Ok(()),
        }
    }

    fn out_of_range_limit(&self) -> Option<u64> {
        let variant_limits = self.variants.iter().filter_map(|v| v.time_limit_secs);
        self.time_limit_secs
            .into_iter()
            .chain(variant_limits)
            .find(|secs| !(1..=MAX_TIME_LIMIT_SECS).contains(secs))
    }
}

fn check_extension(source: &Path, module: &Name) -> Result<()> {
    let extension = source.extension().and_then(|e| e.to_str()).unwrap_or("");
    if BUILDABLE_EXTENSIONS.contains(&extension) {
        return Ok(());
    }
    bail!(
        "module `{module}`: the runner has no builder for `{}` (it builds: {})",
        source.display(),
        BUILDABLE_EXTENSIONS.map(|e| format!(".{e}")).join(", ")
    )
}

/// The 1-based line of `path` that sets `time_limit_secs` to `value`.
fn line_of(path: &Path, value: &str) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .position(|line| {
            let line = line.split('#').next().unwrap_or_default();
            line.contains("time_limit_secs")
                && line.split('=').nth(1).is_some_and(|v| v.trim() == value)
        })
        .map(|index| index + 1)
}

/// Parses the TOML file at `path`.
///
/// # Errors
///
/// Fails, naming the file with line and column, on a syntax or schema error.
pub fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading `{}`", path.display()))?;
    toml::from_str(&text).with_context(|| format!("`{}` is not a valid manifest", path.display()))
}

/// Fails when a name occurs twice.
///
/// # Errors
///
/// Names the kind and the name.
pub fn ensure_unique<'a>(kind: &str, names: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut seen = HashSet::new();
    for name in names {
        if !seen.insert(name) {
            bail!("{kind} `{name}` is defined twice");
        }
    }
    Ok(())
}
