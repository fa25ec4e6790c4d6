//! `exercises.json`: what the playground needs of each exercise, and the
//! expected logs it judges against, laid out beside it.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;

use super::run_listing::{ModuleListing, RunListing, needs_compiler, slashed};
use crate::exercise::Exercise;
use crate::files::write_atomically;
use crate::names::SnapshotId;
use crate::snapshot::SnapshotStore;
use crate::workbook::Workbook;

/// One exercise as the playground reads it. URLs are relative to the site's
/// root, so the site works at `/` and under a project path (`/<repo>/`).
#[derive(Debug, Serialize)]
pub struct ExerciseListing {
    /// Its name, as in `workbook.toml`.
    pub name: String,
    /// Its chapter.
    pub chapter: String,
    /// Its title.
    pub title: String,
    /// What the learner writes, in one line.
    pub summary: String,
    /// Its hint.
    pub hint: String,
    /// How to build and run its check: `files` are what the learner writes,
    /// `dir` is `chapters/<chapter>/exercises/<name>/`, `expected` is
    /// `expected/<chapter>/<name>/<variant>.log`.
    #[serde(flatten)]
    pub run: RunListing,
    /// How to run it locally instead.
    pub local: String,
}

/// Every exercise of `workbook`, in `workbook.toml` order.
///
/// # Errors
///
/// Fails on an invalid `exercise.toml`, or one without a variant.
pub fn exercise_listings(workbook: &Workbook) -> Result<Vec<ExerciseListing>> {
    workbook.exercises()?.iter().map(listing).collect()
}

fn listing(exercise: &Exercise) -> Result<ExerciseListing> {
    let manifest = &exercise.manifest;
    let variant = manifest
        .variants
        .first()
        .with_context(|| format!("exercise `{}` has no [[variant]]", exercise.name))?;
    let (chapter, name) = (exercise.chapter.as_str(), exercise.name.as_str());
    let modules: Vec<ModuleListing> = manifest.modules.iter().map(ModuleListing::from).collect();
    Ok(ExerciseListing {
        name: name.to_owned(),
        chapter: chapter.to_owned(),
        title: manifest.title.clone(),
        summary: manifest.summary.clone(),
        hint: exercise.hint().to_owned(),
        run: RunListing {
            files: exercise.files().iter().map(|file| slashed(file)).collect(),
            dir: format!("chapters/{chapter}/exercises/{name}/"),
            harness: slashed(&variant.harness),
            expected: format!("expected/{chapter}/{name}/{}.log", variant.name),
            time_limit_secs: manifest.time_limit_secs(variant),
            unavailable: needs_compiler(&modules),
            modules,
        },
        local: format!(
            "`cargo run -p runner -- init ../my-workbook`, then in that folder `cargo run --manifest-path <the workbook>/Cargo.toml -p runner -- watch {name}`"
        ),
    })
}

/// Writes each exercise's expected log (the snapshot without insta's header) where `expected` points.
///
/// # Errors
///
/// Fails when a snapshot cannot be read or the file cannot be written.
pub fn write_expected_logs(
    workbook: &Workbook,
    listings: &[ExerciseListing],
    site: &Path,
) -> Result<()> {
    let store = SnapshotStore::new(workbook.snapshots_dir());
    for (exercise, listing) in workbook.exercises()?.iter().zip(listings) {
        let Some(variant) = exercise.manifest.variants.first() else {
            continue;
        };
        let id = SnapshotId::Log(exercise.suite().id, variant.name.clone());
        let text = store.read(&id)?.with_context(|| {
            format!(
                "no expected log at `{}`: run `cargo run -p runner -- dev check {} --accept`",
                store.path(&id).display(),
                exercise.name
            )
        })?;
        let path: PathBuf = site.join(&listing.run.expected);
        write_atomically(&path, format!("{text}\n").as_bytes())?;
    }
    Ok(())
}
