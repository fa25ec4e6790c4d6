//! The manifest formats: `chapters/workbook.toml` (the ordered chapters and
//! exercises), `chapters/<name>/chapter.toml` (what one chapter builds and
//! runs) and `exercise.toml` (the same format, for one exercise).
//!
//! Every field is documented here and in the README's authoring guide.
//! Unknown fields are rejected so that a typo never silently does nothing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::browser_spec::BrowserSpec;

/// Time limit for a variant when neither the variant nor its chapter sets one.
pub const DEFAULT_TIME_LIMIT_SECS: u64 = 10;

/// `chapters/workbook.toml`: the chapters and the exercises in teaching order.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkbookManifest {
    /// Chapter folder names under `chapters/`, in the order they are taught.
    pub chapters: Vec<String>,
    /// The exercises, in the order `watch` offers them.
    #[serde(default, rename = "exercise")]
    pub exercises: Vec<ExerciseEntry>,
}

/// One `[[exercise]]`, kept in `chapters/<chapter>/exercises/<name>/`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseEntry {
    /// Names the exercise on the command line and its folder.
    pub name: String,
    /// The chapter it belongs to.
    pub chapter: String,
    /// The files the learner writes, relative to the exercise folder; each has
    /// a starter in `starter/` and a solution in `solution/`.
    pub files: Vec<PathBuf>,
    /// What `runner hint <name>` prints.
    pub hint: String,
}

/// `chapters/<name>/chapter.toml`: one chapter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterManifest {
    /// Title shown in `runner list` and in the book.
    pub title: String,
    /// One line that says what the chapter shows.
    pub summary: String,
    /// Time limit for every variant that sets none (default 10 s).
    pub time_limit_secs: Option<u64>,
    /// The wasm modules the chapter builds, each from one WAT source.
    #[serde(rename = "module")]
    pub modules: Vec<ModuleSpec>,
    /// The runs that are checked, each against its own expected log.
    #[serde(rename = "variant")]
    pub variants: Vec<VariantSpec>,
}

/// One `[[module]]`: a WAT source compiled to `<name>.wasm`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleSpec {
    /// The artifact name; harnesses load it with `host.instantiate("<name>")`.
    pub name: String,
    /// WAT file, relative to the chapter folder.
    pub source: PathBuf,
    /// wasm-opt arguments (passes and `--pass-arg=`s), in order. When present,
    /// the optimized module's text is snapshotted and is what harnesses load.
    #[serde(default)]
    pub wasm_opt: Vec<String>,
}

/// One `[[variant]]`: a harness run with its own expected log.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantSpec {
    /// Names the variant on the command line and its expected-log snapshot.
    pub name: String,
    /// One line that says what this run demonstrates.
    pub summary: String,
    /// The ES module, relative to the chapter folder, exporting `async run(host)`.
    pub harness: PathBuf,
    /// Names of `[[module]]`s the harness loads.
    pub modules: Vec<String>,
    /// The pinned Node: a `node*` dependency alias in `node-harness/package.json`.
    pub node: String,
    /// Extra flags for that Node, such as `--experimental-wasm-stack-switching`.
    #[serde(default)]
    pub node_flags: Vec<String>,
    /// Overrides the chapter's time limit.
    pub time_limit_secs: Option<u64>,
    /// `[variant.browser]`: how the browser run differs, and why (see [`BrowserSpec`]).
    pub browser: Option<BrowserSpec>,
}

impl ChapterManifest {
    /// Reads and checks `chapter.toml` in `chapter_dir`.
    ///
    /// # Errors
    ///
    /// Fails, naming the file, on a TOML or schema error (unknown fields
    /// included), a duplicate name, a reference to an undefined module, or a
    /// source or harness file that does not exist.
    pub fn load(chapter_dir: &Path) -> Result<Self> {
        Self::load_file(chapter_dir, "chapter.toml")
    }

    /// Reads and checks `file_name` (a file in `dir` in the chapter format),
    /// such as an exercise's `exercise.toml`.
    ///
    /// # Errors
    ///
    /// As for [`ChapterManifest::load`].
    pub fn load_file(dir: &Path, file_name: &str) -> Result<Self> {
        let path = dir.join(file_name);
        let manifest = Self::read(&path)?;
        manifest
            .check(dir)
            .with_context(|| format!("in `{}`", path.display()))?;
        Ok(manifest)
    }

    /// Parses `path` without checking that the files it names exist, for
    /// listings made before a learner has copies of an exercise's files.
    ///
    /// # Errors
    ///
    /// Fails, naming the file, on a TOML or schema error.
    pub fn read(path: &Path) -> Result<Self> {
        read_toml(path)
    }

    /// The time limit for `variant`, falling back to the chapter's and then the default.
    pub fn time_limit_secs(&self, variant: &VariantSpec) -> u64 {
        variant
            .time_limit_secs
            .or(self.time_limit_secs)
            .unwrap_or(DEFAULT_TIME_LIMIT_SECS)
    }

    /// The module called `name`.
    pub fn module(&self, name: &str) -> Option<&ModuleSpec> {
        self.modules.iter().find(|module| module.name == name)
    }

    fn check(&self, chapter_dir: &Path) -> Result<()> {
        ensure_unique("module", self.modules.iter().map(|m| m.name.as_str()))?;
        ensure_unique("variant", self.variants.iter().map(|v| v.name.as_str()))?;
        if self.variants.is_empty() {
            bail!("a chapter needs at least one `[[variant]]`");
        }
        for module in &self.modules {
            ensure_file(
                chapter_dir,
                &module.source,
                "source of module",
                &module.name,
            )?;
            if !self
                .variants
                .iter()
                .any(|variant| variant.modules.contains(&module.name))
            {
                bail!(
                    "module `{}` is loaded by no variant, so nothing would check it; add it to a variant's `modules`",
                    module.name
                );
            }
        }
        for variant in &self.variants {
            if let Some(browser) = &variant.browser {
                browser.check(&variant.name, &self.variants)?;
            }
            ensure_file(
                chapter_dir,
                &variant.harness,
                "harness of variant",
                &variant.name,
            )?;
            for name in &variant.modules {
                if self.module(name).is_none() {
                    bail!(
                        "variant `{}` loads module `{name}`, which no `[[module]]` defines",
                        variant.name
                    );
                }
            }
        }
        let variant_limits = self.variants.iter().filter_map(|v| v.time_limit_secs);
        if self
            .time_limit_secs
            .into_iter()
            .chain(variant_limits)
            .any(|secs| secs == 0)
        {
            bail!("`time_limit_secs` must be at least 1");
        }
        Ok(())
    }
}

impl WorkbookManifest {
    /// Reads `workbook.toml` in `chapters_dir` and checks that it lists every
    /// chapter folder exactly once, and every exercise folder.
    ///
    /// # Errors
    ///
    /// Fails, naming the file, on a TOML or schema error, a duplicate entry,
    /// an entry without a folder, or a chapter or exercise folder it does not list.
    pub fn load(chapters_dir: &Path) -> Result<Self> {
        let path = chapters_dir.join("workbook.toml");
        let manifest: Self = read_toml(&path)?;
        manifest
            .check(chapters_dir)
            .with_context(|| format!("in `{}`", path.display()))?;
        Ok(manifest)
    }

    fn check(&self, chapters_dir: &Path) -> Result<()> {
        ensure_unique("chapter", self.chapters.iter().map(String::as_str))?;
        for name in &self.chapters {
            if !chapters_dir.join(name).join("chapter.toml").is_file() {
                bail!(
                    "chapter `{name}` is listed, but `{}` does not exist",
                    chapters_dir.join(name).join("chapter.toml").display()
                );
            }
        }
        let entries = std::fs::read_dir(chapters_dir)
            .with_context(|| format!("reading `{}`", chapters_dir.display()))?;
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_dir() && !self.chapters.contains(&name) {
                bail!(
                    "folder `{}` is not listed: add \"{name}\" to `chapters`",
                    entry.path().display()
                );
            }
        }
        self.check_exercises(chapters_dir)
    }

    fn check_exercises(&self, chapters_dir: &Path) -> Result<()> {
        ensure_unique("exercise", self.exercises.iter().map(|e| e.name.as_str()))?;
        for exercise in &self.exercises {
            if !self.chapters.contains(&exercise.chapter) {
                bail!(
                    "exercise `{}` belongs to chapter `{}`, which `chapters` does not list",
                    exercise.name,
                    exercise.chapter
                );
            }
            let dir = exercise_dir(chapters_dir, exercise);
            if !dir.join("exercise.toml").is_file() {
                bail!(
                    "exercise `{}`: `{}` does not exist",
                    exercise.name,
                    dir.join("exercise.toml").display()
                );
            }
            if exercise.files.is_empty() {
                bail!(
                    "exercise `{}` names no `files` for the learner to write",
                    exercise.name
                );
            }
        }
        for chapter in &self.chapters {
            let Ok(entries) = std::fs::read_dir(chapters_dir.join(chapter).join("exercises"))
            else {
                continue;
            };
            for entry in entries {
                let name = entry?.file_name().to_string_lossy().into_owned();
                if !self
                    .exercises
                    .iter()
                    .any(|e| e.name == name && e.chapter == *chapter)
                {
                    bail!(
                        "folder `{}` is not listed: add an `[[exercise]]` named \"{name}\" with chapter \"{chapter}\"",
                        chapters_dir
                            .join(chapter)
                            .join("exercises")
                            .join(&name)
                            .display()
                    );
                }
            }
        }
        Ok(())
    }
}

/// `chapters/<chapter>/exercises/<name>/`: where an exercise lives.
pub fn exercise_dir(chapters_dir: &Path, exercise: &ExerciseEntry) -> PathBuf {
    chapters_dir
        .join(&exercise.chapter)
        .join("exercises")
        .join(&exercise.name)
}

fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading `{}`", path.display()))?;
    toml::from_str(&text).with_context(|| format!("`{}` is not a valid manifest", path.display()))
}

fn ensure_unique<'a>(kind: &str, names: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut seen = HashSet::new();
    for name in names {
        if !seen.insert(name) {
            bail!("{kind} `{name}` is defined twice");
        }
    }
    Ok(())
}

fn ensure_file(dir: &Path, relative: &Path, role: &str, owner: &str) -> Result<()> {
    let path = dir.join(relative);
    if !path.is_file() {
        bail!("{role} `{owner}`: `{}` does not exist", path.display());
    }
    Ok(())
}
