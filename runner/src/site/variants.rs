//! `variants.json`: each chapter variant as the playground reruns it, with
//! its WAT and harness as editable files, and its expected browser log beside it.

use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;

use super::run_listing::{ModuleListing, RunListing, needs_compiler, slashed};
use crate::files::write_atomically;
use crate::manifest::VariantSpec;
use crate::names::SnapshotId;
use crate::snapshot::SnapshotStore;
use crate::workbook::{Suite, Workbook};

/// One chapter variant, in the shape the playground runs (the same fields as an exercise's).
#[derive(Debug, Serialize)]
pub struct VariantListing {
    /// `<chapter>/<variant>`.
    pub name: String,
    /// Its chapter.
    pub chapter: String,
    /// Its summary.
    pub summary: String,
    /// How to build and run it: `files` are its WAT sources and its harness,
    /// `dir` is `chapters/<chapter>/`, `expected` is `expected/<chapter>/<log>.log`.
    #[serde(flatten)]
    pub run: RunListing,
}

/// Every variant of every chapter, and writes each one's expected log into `site`.
///
/// # Errors
///
/// Fails when a chapter's manifest is invalid, or a snapshot cannot be read or written.
pub fn variant_listings(workbook: &Workbook, site: &Path) -> Result<Vec<VariantListing>> {
    let store = SnapshotStore::new(workbook.snapshots_dir());
    let mut listings = Vec::new();
    for chapter in workbook.chapters()? {
        for variant in &chapter.manifest.variants {
            let listing = listing(&chapter, variant);
            let log_name = (variant.browser.as_ref())
                .and_then(|browser| browser.expected_log.clone())
                .unwrap_or_else(|| variant.name.clone());
            let id = SnapshotId::Log(chapter.id.clone(), log_name);
            if let Some(text) = store.read(&id)? {
                let path = site.join(&listing.run.expected);
                write_atomically(&path, format!("{text}\n").as_bytes())
                    .with_context(|| format!("writing `{}`", path.display()))?;
            }
            listings.push(listing);
        }
    }
    Ok(listings)
}

/// Every variant of every chapter, as the playground lists it, writing nothing.
///
/// # Errors
///
/// Fails when a chapter's manifest is invalid.
pub fn listed_variants(workbook: &Workbook) -> Result<Vec<VariantListing>> {
    let mut listings = Vec::new();
    for chapter in workbook.chapters()? {
        for variant in &chapter.manifest.variants {
            listings.push(listing(&chapter, variant));
        }
    }
    Ok(listings)
}

fn listing(chapter: &Suite, variant: &VariantSpec) -> VariantListing {
    let name = chapter.id.name().as_str();
    let modules: Vec<ModuleListing> = (chapter.manifest.modules.iter())
        .filter(|module| variant.modules.contains(&module.name))
        .map(ModuleListing::from)
        .collect();
    let harness = slashed(&variant.harness);
    let mut files: Vec<String> = modules.iter().map(|module| module.source.clone()).collect();
    files.push(harness.clone());
    let log_name = (variant.browser.as_ref())
        .and_then(|browser| browser.expected_log.as_ref())
        .unwrap_or(&variant.name);
    let not_run = (variant.browser.as_ref())
        .filter(|browser| !browser.run)
        .map(|browser| format!("not run in a browser: {}", browser.reason));
    VariantListing {
        name: format!("{name}/{}", variant.name),
        chapter: name.to_owned(),
        summary: variant.summary.clone(),
        run: RunListing {
            files,
            dir: format!("chapters/{name}/"),
            harness,
            expected: format!("expected/{name}/{log_name}.log"),
            time_limit_secs: chapter.manifest.time_limit_secs(variant),
            unavailable: not_run.or_else(|| needs_compiler(&modules)),
            modules,
        },
    }
}
