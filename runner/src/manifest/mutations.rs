//! `chapters/<chapter>/mutations.toml`: edits the runner must reject. Each
//! proves that a lesson can fail: applied to a scratch copy, it must make a
//! variant fail at the named stage with a message that names the cause.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use super::ensure_unique;
use crate::files::ensure_inside;
use crate::names::Name;
use crate::verdict::Stage;

/// One `[[mutation]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MutationSpec {
    /// Names the mutation in reports; unique in the file.
    pub name: Name,
    /// The file to edit, relative to the chapter folder.
    pub file: PathBuf,
    /// The exact text to replace; it must occur exactly once.
    pub find: String,
    /// What replaces it.
    pub replace: String,
    /// The stage that must fail.
    #[serde(deserialize_with = "stage_from_text")]
    pub stage: Stage,
    /// Text the failure message must contain.
    pub message: String,
    /// Run only this variant (default: the whole chapter).
    pub variant: Option<Name>,
    /// Where the entry starts: `mutations.toml:LINE`, for messages.
    #[serde(skip)]
    pub line: usize,
}

fn stage_from_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Stage, D::Error> {
    let text = String::deserialize(deserializer)?;
    text.parse().map_err(serde::de::Error::custom)
}

/// A chapter's `mutations.toml`.
#[derive(Debug, Clone)]
pub struct MutationsManifest {
    /// The file, for messages.
    pub path: PathBuf,
    /// The mutations, in file order.
    pub mutations: Vec<MutationSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MutationsFile {
    #[serde(rename = "mutation", default)]
    mutations: Vec<toml::Spanned<MutationSpec>>,
}

impl MutationsManifest {
    /// Reads `mutations.toml` in `chapter_dir`.
    ///
    /// # Errors
    ///
    /// Fails, naming the file and line, when it is missing (every chapter
    /// needs at least one mutation), invalid, empty, names a mutation twice,
    /// or names a file outside `workbook_root`.
    pub fn load(chapter_dir: &Path, workbook_root: &Path) -> Result<Self> {
        let path = chapter_dir.join("mutations.toml");
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "reading `{}`: every chapter needs at least one mutation that proves it can fail (see the README's \"Proving a chapter can fail\")",
                path.display()
            )
        })?;
        let file: MutationsFile = toml::from_str(&text)
            .with_context(|| format!("`{}` is not a valid manifest", path.display()))?;
        let mutations: Vec<MutationSpec> = file
            .mutations
            .into_iter()
            .map(|spanned| {
                let line = text[..spanned.span().start].matches('\n').count() + 1;
                MutationSpec {
                    line,
                    ..spanned.into_inner()
                }
            })
            .collect();
        let manifest = Self { path, mutations };
        manifest.check(chapter_dir, workbook_root)?;
        Ok(manifest)
    }

    fn check(&self, chapter_dir: &Path, root: &Path) -> Result<()> {
        let shown = self.path.display();
        if self.mutations.is_empty() {
            bail!("`{shown}` has no `[[mutation]]`: every chapter needs at least one");
        }
        ensure_unique("mutation", self.mutations.iter().map(|m| m.name.as_str()))
            .with_context(|| format!("in `{shown}`"))?;
        for mutation in &self.mutations {
            if let Err(error) = ensure_inside(root, chapter_dir, &mutation.file) {
                bail!("{shown}:{}: {error}", mutation.line);
            }
            if mutation.find.is_empty() || mutation.message.trim().is_empty() {
                bail!(
                    "{shown}:{}: `find` and `message` must not be empty",
                    mutation.line
                );
            }
        }
        Ok(())
    }
}
