//! `LICENSES.html`: each npm package the site carries (the editor's too), its version and its
//! licence, read from the installed package's own `package.json`.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

use super::PLAYGROUND_PACKAGES;
use super::editor_packages::editor_packages;
use crate::serve::BROWSER_PACKAGES;

#[derive(Deserialize)]
struct PackageJson {
    name: String,
    version: String,
    license: Option<String>,
}

/// The page, one table row per package.
///
/// # Errors
///
/// Fails when a package's `package.json` cannot be read or parsed.
pub fn licences_page(harness: &Path) -> Result<String> {
    let mut page = String::from(
        "<!doctype html>\n<meta charset=\"utf-8\">\n<title>Packages in this site</title>\n\
         <h1>Packages in this site</h1>\n<p>Pinned in <code>node-harness/package.json</code> and its lockfile, \
         copied into the site by <code>runner book build</code>; each package's licence file is beside it.</p>\n\
         <table>\n<tr><th>package</th><th>version</th><th>licence</th></tr>\n",
    );
    let editor: Vec<String> = (editor_packages(harness)?.into_iter())
        .map(|package| package.name)
        .collect();
    let copied = (BROWSER_PACKAGES.iter().chain(PLAYGROUND_PACKAGES))
        .map(|name| (*name).to_owned())
        .chain(editor);
    for package in copied {
        let path = harness
            .join("node_modules")
            .join(package)
            .join("package.json");
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading `{}`", path.display()))?;
        let json: PackageJson =
            serde_json::from_str(&text).with_context(|| format!("parsing `{}`", path.display()))?;
        let licence = json.license.as_deref().unwrap_or("(none stated)");
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td>{}</td><td>{licence}</td></tr>",
            json.name, json.version
        );
    }
    page.push_str("</table>\n");
    Ok(page)
}
