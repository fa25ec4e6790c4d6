//! `chapters/workbook.toml`: the order of the chapters and of the exercises.
//! Everything else about a chapter or an exercise lives in its own folder.

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use super::{ensure_unique, read_toml};
use crate::names::Name;

/// The parsed and checked `workbook.toml`.
#[derive(Debug, Clone)]
pub struct WorkbookManifest {
    /// Chapter folder names under `chapters/`, in teaching order.
    pub chapters: Vec<Name>,
    /// The exercises in the order `watch` offers them, each with the chapter
    /// whose `exercises/` folder holds it.
    pub exercises: Vec<(Name, Name)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkbookFile {
    chapters: Vec<Name>,
    #[serde(default)]
    exercises: Vec<Name>,
}

impl WorkbookManifest {
    /// Reads `workbook.toml` in `chapters_dir` and checks it against the folders.
    ///
    /// # Errors
    ///
    /// Fails, naming the file, on a TOML or schema error, a duplicate entry,
    /// an entry without a folder, or a chapter or exercise folder it does not list.
    pub fn load(chapters_dir: &Path) -> Result<Self> {
        let path = chapters_dir.join("workbook.toml");
        let file: WorkbookFile = read_toml(&path)?;
        Self::check(file, chapters_dir).with_context(|| format!("in `{}`", path.display()))
    }

    fn check(file: WorkbookFile, chapters_dir: &Path) -> Result<Self> {
        ensure_unique("chapter", file.chapters.iter().map(Name::as_str))?;
        ensure_unique("exercise", file.exercises.iter().map(Name::as_str))?;
        for name in &file.chapters {
            let manifest = chapters_dir.join(name.as_str()).join("chapter.toml");
            if !manifest.is_file() {
                bail!(
                    "chapter `{name}` is listed, but `{}` does not exist",
                    manifest.display()
                );
            }
        }
        for folder in subfolders(chapters_dir)? {
            if !file.chapters.iter().any(|name| *name == *folder.as_str()) {
                bail!(
                    "folder `{}` is not listed: add \"{folder}\" to `chapters`",
                    chapters_dir.join(&folder).display()
                );
            }
        }
        let mut found = Vec::new();
        for chapter in &file.chapters {
            let dir = chapters_dir.join(chapter.as_str()).join("exercises");
            for folder in subfolders(&dir)? {
                if !file.exercises.iter().any(|name| *name == *folder.as_str()) {
                    bail!(
                        "folder `{}` is not listed: add \"{folder}\" to `exercises`",
                        dir.join(&folder).display()
                    );
                }
                found.push((folder, chapter.clone()));
            }
        }
        let exercises = file
            .exercises
            .iter()
            .map(|name| {
                let chapter = found
                    .iter()
                    .find(|(folder, _)| *name == *folder.as_str())
                    .map(|(_, chapter)| chapter.clone())
                    .with_context(|| {
                        format!("exercise `{name}` is listed, but no `chapters/<chapter>/exercises/{name}/` folder exists")
                    })?;
                Ok((name.clone(), chapter))
            })
            .collect::<Result<_>>()?;
        Ok(Self {
            chapters: file.chapters,
            exercises,
        })
    }
}

/// The names of the folders in `dir` (none when `dir` does not exist).
fn subfolders(dir: &Path) -> Result<Vec<String>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("reading `{}`", dir.display()))?;
        if entry.path().is_dir() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names.sort();
    Ok(names)
}
