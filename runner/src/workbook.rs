//! Where a workbook lives on disk, and its chapters in order.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::manifest::{ChapterManifest, WorkbookManifest};

/// A workbook checkout: `chapters/`, `node-harness/`, `snapshots/` and `target/`
/// under one root. A scratch view (see [`Workbook::with_chapters_in`]) reads
/// its chapters from a copy and builds into its own folder.
#[derive(Debug)]
pub struct Workbook {
    root: PathBuf,
    chapters_dir: PathBuf,
    target_dir: PathBuf,
    /// The parsed `chapters/workbook.toml`.
    pub manifest: WorkbookManifest,
}

/// One chapter, loaded and checked.
#[derive(Debug)]
pub struct Chapter {
    /// The folder name, as typed on the command line.
    pub name: String,
    /// The chapter folder.
    pub dir: PathBuf,
    /// The parsed `chapter.toml`.
    pub manifest: ChapterManifest,
}

impl Workbook {
    /// Opens the workbook at `root`.
    ///
    /// # Errors
    ///
    /// Fails when `chapters/workbook.toml` is missing or invalid.
    pub fn open(root: &Path) -> Result<Self> {
        let chapters_dir = root.join("chapters");
        Ok(Self {
            manifest: WorkbookManifest::load(&chapters_dir)?,
            root: root.to_path_buf(),
            chapters_dir,
            target_dir: root.join("target").join("workbook"),
        })
    }

    /// The same workbook with its chapters read from `chapters_dir` (a copy of
    /// `chapters/`) and its artifacts written to `target_dir`; snapshots and
    /// node-harness stay shared.
    ///
    /// # Errors
    ///
    /// Fails when the copy's `workbook.toml` is missing or invalid.
    pub fn with_chapters_in(&self, chapters_dir: &Path, target_dir: &Path) -> Result<Self> {
        Ok(Self {
            manifest: WorkbookManifest::load(chapters_dir)?,
            root: self.root.clone(),
            chapters_dir: chapters_dir.to_path_buf(),
            target_dir: target_dir.to_path_buf(),
        })
    }

    /// Finds the workbook that contains `start` by walking up to the first
    /// folder holding `chapters/workbook.toml`.
    ///
    /// # Errors
    ///
    /// Fails when no parent folder is a workbook, or its manifest is invalid.
    pub fn discover(start: &Path) -> Result<Self> {
        for dir in start.ancestors() {
            if dir.join("chapters").join("workbook.toml").is_file() {
                return Self::open(dir);
            }
        }
        bail!(
            "no `chapters/workbook.toml` in `{}` or any parent: run the runner inside the workbook, or pass `--workbook <dir>`",
            start.display()
        )
    }

    /// The workbook's root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `path` as shown in messages: relative to the root when it is inside it,
    /// and as `chapters/...` when it is inside a scratch view's chapters.
    pub fn shown(&self, path: &Path) -> String {
        let path = &without_dot_dot(path);
        if let Ok(inside) = path.strip_prefix(&self.chapters_dir) {
            return Path::new("chapters").join(inside).display().to_string();
        }
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    /// `chapters/`: the chapter folders and `workbook.toml`.
    pub fn chapters_dir(&self) -> &Path {
        &self.chapters_dir
    }

    /// `node-harness/`: the pinned Node packages and the host library.
    pub fn node_harness_dir(&self) -> PathBuf {
        self.root.join("node-harness")
    }

    /// `snapshots/`: expected logs and instrumented modules.
    pub fn snapshots_dir(&self) -> PathBuf {
        self.root.join("snapshots")
    }

    /// `target/workbook/`: build artifacts and the wasm-opt cache.
    pub fn target_dir(&self) -> PathBuf {
        self.target_dir.clone()
    }

    /// Loads the chapter called `name`, suggesting the nearest name on a typo.
    ///
    /// # Errors
    ///
    /// Fails when `name` is not in `workbook.toml`, or its `chapter.toml` is invalid.
    pub fn chapter(&self, name: &str) -> Result<Chapter> {
        if !self.manifest.chapters.iter().any(|known| known == name) {
            let names = self.manifest.chapters.iter().map(String::as_str);
            bail!("{}", unknown_name_message("chapter", name, names));
        }
        let dir = self.chapters_dir.join(name);
        Ok(Chapter {
            name: name.to_string(),
            manifest: ChapterManifest::load(&dir)?,
            dir,
        })
    }

    /// Loads every chapter, in `workbook.toml` order.
    ///
    /// # Errors
    ///
    /// Fails on the first invalid `chapter.toml`.
    pub fn chapters(&self) -> Result<Vec<Chapter>> {
        self.manifest
            .chapters
            .iter()
            .map(|name| self.chapter(name))
            .collect()
    }
}

/// `path` with each `name/..` pair removed, without touching the file system.
fn without_dot_dot(path: &Path) -> PathBuf {
    let mut clean = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir if clean.file_name().is_some() => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
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
    fn suggests_the_nearest_chapter() {
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
