//! Where a workbook lives on disk, its chapters in order, and name lookups.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::files::lexically_normal;
use crate::manifest::{ChapterManifest, ManifestKind, WorkbookManifest};
use crate::names::{Name, SuiteId};

/// A workbook checkout: `chapters/`, `node-harness/`, `snapshots/`, `book/`
/// and `target/` under one root. A scratch view (see [`Workbook::scratch_view`])
/// reads chapters and host files from copies and builds into its own folder.
#[derive(Debug, Clone)]
pub struct Workbook {
    root: PathBuf,
    chapters_dir: PathBuf,
    node_harness_dir: PathBuf,
    target_dir: PathBuf,
    /// The learner's workspace made by `runner init`, when the runner works in one:
    /// exercises, progress and backups live there instead of in the checkout.
    workspace: Option<PathBuf>,
    /// The parsed `chapters/workbook.toml`.
    pub manifest: WorkbookManifest,
}

/// A chapter, or an exercise, loaded and checked: what one run builds and checks.
#[derive(Debug, Clone)]
pub struct Suite {
    /// Which chapter or exercise.
    pub id: SuiteId,
    /// Its folder.
    pub dir: PathBuf,
    /// Its `chapter.toml` or `exercise.toml`.
    pub manifest: ChapterManifest,
}

impl Workbook {
    /// Opens the workbook at `root`.
    ///
    /// # Errors
    ///
    /// Fails when `chapters/workbook.toml` is missing or does not match the folders.
    pub fn open(root: &Path) -> Result<Self> {
        let chapters_dir = root.join("chapters");
        Ok(Self {
            manifest: WorkbookManifest::load(&chapters_dir)?,
            root: root.to_path_buf(),
            chapters_dir,
            node_harness_dir: root.join("node-harness"),
            target_dir: root.join("target").join("workbook"),
            workspace: None,
        })
    }

    /// The same workbook, with the learner working in the workspace at `dir`.
    #[must_use]
    pub fn with_workspace(mut self, dir: &Path) -> Self {
        self.workspace = Some(dir.to_path_buf());
        self
    }

    /// The learner's workspace, when the runner works in one.
    pub fn workspace(&self) -> Option<&Path> {
        self.workspace.as_deref()
    }

    /// Where the learner's progress and backups live: the workspace, or the checkout.
    pub fn learner_root(&self) -> &Path {
        self.workspace.as_deref().unwrap_or(&self.root)
    }

    /// The same workbook reading its chapters and host files from copies and
    /// writing artifacts to `target_dir`; snapshots and the book stay shared.
    ///
    /// # Errors
    ///
    /// Fails when the copy's `workbook.toml` is invalid.
    pub fn scratch_view(
        &self,
        chapters_dir: &Path,
        node_harness_dir: &Path,
        target_dir: &Path,
    ) -> Result<Self> {
        Ok(Self {
            manifest: WorkbookManifest::load(chapters_dir)?,
            root: self.root.clone(),
            chapters_dir: chapters_dir.to_path_buf(),
            node_harness_dir: node_harness_dir.to_path_buf(),
            target_dir: target_dir.to_path_buf(),
            workspace: None,
        })
    }

    /// The workbook's root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `path` as messages show it: relative to the workbook, with a scratch
    /// view's copies shown as the originals they stand for. In a learner's
    /// workspace, relative to the workspace, and whole for the workbook's
    /// own files (an expected log), which are not in the learner's folder.
    pub fn shown(&self, path: &Path) -> String {
        let path = &lexically_normal(path);
        if let Some(workspace) = self.workspace.as_deref() {
            return path
                .strip_prefix(workspace)
                .unwrap_or(path)
                .display()
                .to_string();
        }
        for (dir, shown) in [
            (&self.chapters_dir, "chapters"),
            (&self.node_harness_dir, "node-harness"),
        ] {
            if let Ok(inside) = path.strip_prefix(lexically_normal(dir)) {
                return Path::new(shown).join(inside).display().to_string();
            }
        }
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    /// `path` as recorded builds name it: always as it sits in the checkout
    /// (`chapters/…`), so a build in a workspace fingerprints the same.
    pub fn recorded_name(&self, path: &Path) -> String {
        let path = lexically_normal(path);
        match (self.workspace.as_deref()).and_then(|dir| path.strip_prefix(dir).ok()) {
            Some(inside) => Path::new("chapters").join(inside).display().to_string(),
            // From a workspace, the workbook's own files are named as in the workbook.
            None if self.workspace.is_some() => path
                .strip_prefix(&self.root)
                .map_or_else(|_| self.shown(&path), |inside| inside.display().to_string()),
            None => self.shown(&path),
        }
    }

    /// `chapters/`: the chapter folders and `workbook.toml`.
    pub fn chapters_dir(&self) -> &Path {
        &self.chapters_dir
    }

    /// `node-harness/`: the pinned Node packages and the host library.
    pub fn node_harness_dir(&self) -> &Path {
        &self.node_harness_dir
    }

    /// `snapshots/`: expected logs and instrumented modules, one folder per chapter.
    pub fn snapshots_dir(&self) -> PathBuf {
        self.root.join("snapshots")
    }

    /// `target/workbook/`: build artifacts and caches.
    pub fn target_dir(&self) -> &Path {
        &self.target_dir
    }

    /// Where the built modules of `suite` go.
    pub fn artifact_dir(&self, suite: &SuiteId) -> PathBuf {
        self.target_dir.join(suite.relative_dir())
    }

    /// Loads the chapter called `name`, suggesting the nearest name on a typo.
    ///
    /// # Errors
    ///
    /// Fails when `name` is not in `workbook.toml`, or its `chapter.toml` is invalid.
    pub fn chapter(&self, name: &str) -> Result<Suite> {
        let Some(name) = self.manifest.chapters.iter().find(|known| **known == *name) else {
            let names = self.manifest.chapters.iter().map(Name::as_str);
            bail!("{}", unknown_name_message("chapter", name, names));
        };
        let dir = self.chapters_dir.join(name.as_str());
        Ok(Suite {
            id: SuiteId::Chapter(name.clone()),
            manifest: ChapterManifest::load(
                &dir.join("chapter.toml"),
                ManifestKind::Chapter,
                &self.root,
            )?,
            dir,
        })
    }

    /// Loads every chapter, in `workbook.toml` order.
    ///
    /// # Errors
    ///
    /// Fails on the first invalid `chapter.toml`.
    pub fn chapters(&self) -> Result<Vec<Suite>> {
        self.manifest
            .chapters
            .iter()
            .map(|name| self.chapter(name.as_str()))
            .collect()
    }

    /// True when `name` is a chapter of this workbook.
    pub fn has_chapter(&self, name: &str) -> bool {
        self.manifest.chapters.iter().any(|known| *known == *name)
    }
}

/// "unknown chapter `x`" with a "did you mean" suggestion and the known names.
pub fn unknown_name_message<'a>(
    kind: &str,
    name: &str,
    known: impl Iterator<Item = &'a str> + Clone,
) -> String {
    let listed = known.clone().collect::<Vec<_>>().join(", ");
    let nearest = known
        .map(|candidate| (edit_distance(name, candidate), candidate))
        .filter(|(distance, candidate)| *distance <= candidate.len().max(2) / 2)
        .min();
    match nearest {
        Some((_, candidate)) => {
            format!("unknown {kind} `{name}`: did you mean `{candidate}`? (known: {listed})")
        }
        None => format!("unknown {kind} `{name}` (known: {listed})"),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_name() {
        let known = ["blocking", "callback", "asyncify"];
        assert_eq!(
            unknown_name_message("chapter", "asyncfy", known.iter().copied()),
            "unknown chapter `asyncfy`: did you mean `asyncify`? (known: blocking, callback, asyncify)"
        );
        assert_eq!(
            unknown_name_message("chapter", "zzz", known.iter().copied()),
            "unknown chapter `zzz` (known: blocking, callback, asyncify)"
        );
    }
}
