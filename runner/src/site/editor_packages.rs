//! The playground's editor, `CodeMirror` 6: the pinned packages the page
//! imports and every package they import in turn, found from each installed
//! `package.json`, copied unbundled under `node_modules/`, and
//! `playground/editor-packages.js`, which hands the page's import map each
//! package's entry file. Nothing is fetched from elsewhere at run time.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::files::copy_tree;

/// The packages `playground/editor.mjs` imports by name, pinned in `node-harness/package.json`.
pub const EDITOR_PACKAGES: &[&str] = &[
    "codemirror",
    "@codemirror/lang-wast",
    "@codemirror/lang-javascript",
    "@codemirror/theme-one-dark",
];

/// The file the playground loads before the import map.
pub const EDITOR_PACKAGES_SCRIPT: &str = "playground/editor-packages.js";

/// One package of the editor, as installed.
#[derive(Debug)]
pub struct EditorPackage {
    /// Its name, as imported.
    pub name: String,
    /// Its ES module entry, relative to its folder.
    pub entry: String,
}

/// [`EDITOR_PACKAGES`] and everything they depend on, by name.
///
/// # Errors
///
/// Fails when a package is not installed (run `npm ci` in `node-harness`), or
/// its `package.json` names no ES module entry.
pub fn editor_packages(harness: &Path) -> Result<Vec<EditorPackage>> {
    let modules = harness.join("node_modules");
    let mut found: BTreeMap<String, EditorPackage> = BTreeMap::new();
    let mut pending: Vec<String> = EDITOR_PACKAGES
        .iter()
        .map(|name| (*name).to_owned())
        .collect();
    while let Some(name) = pending.pop() {
        if found.contains_key(&name) {
            continue;
        }
        if !is_package_name(&name) {
            bail!(
                "`{name}`, a dependency of the editor's packages, is not an npm package name; \
                 check `node-harness/package-lock.json`"
            );
        }
        let path = modules.join(&name).join("package.json");
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "reading `{}`: is it installed? run `npm ci` in `{}`",
                path.display(),
                harness.display()
            )
        })?;
        let json: Value =
            serde_json::from_str(&text).with_context(|| format!("parsing `{}`", path.display()))?;
        let Some(entry) = module_entry(&json) else {
            bail!(
                "`{}` names no ES module entry (`exports` with `import`, or `module`)",
                path.display()
            );
        };
        if let Some(dependencies) = json["dependencies"].as_object() {
            pending.extend(dependencies.keys().cloned());
        }
        let entry = entry.trim_start_matches("./").to_owned();
        found.insert(name.clone(), EditorPackage { name, entry });
    }
    Ok(found.into_values().collect())
}

/// `name` or `@scope/name`, and nothing that could leave `node_modules/`.
fn is_package_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('/').collect();
    let plain = |part: &str| {
        !part.is_empty()
            && !part.starts_with('.')
            && (part.chars()).all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c))
    };
    match parts[..] {
        [package] => plain(package),
        [scope, package] => scope.strip_prefix('@').is_some_and(plain) && plain(package),
        _ => false,
    }
}

/// The file a browser imports for the package's bare name.
fn module_entry(json: &Value) -> Option<&str> {
    let exports = &json["exports"];
    [
        &exports["."]["import"],
        &exports["import"],
        &exports["."],
        &json["module"],
    ]
    .into_iter()
    .find_map(Value::as_str)
}

/// Copies each package's folder to `site/node_modules/<name>`.
///
/// # Errors
///
/// Fails when a folder cannot be copied.
pub fn copy_editor_packages(harness: &Path, site: &Path, packages: &[EditorPackage]) -> Result<()> {
    for package in packages {
        copy_tree(
            &harness.join("node_modules").join(&package.name),
            &site.join("node_modules").join(&package.name),
            &["node_modules"],
        )?;
    }
    Ok(())
}

/// `playground/editor-packages.js`: each package's entry, for import-map.js to map.
pub fn editor_packages_script(packages: &[EditorPackage]) -> Result<String> {
    let entries: BTreeMap<&str, &str> = (packages.iter())
        .map(|package| (package.name.as_str(), package.entry.as_str()))
        .collect();
    Ok(format!(
        "// Written by `runner book build` from the installed packages: the playground's\n\
         // editor (CodeMirror 6), each package's entry under node_modules/, for\n\
         // lib/env/browser/import-map.js to map. Load it before that script.\n\
         globalThis.workbookPagePackages = {};\n",
        serde_json::to_string_pretty(&entries)?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dependency_name_cannot_leave_node_modules() {
        for good in [
            "codemirror",
            "@codemirror/view",
            "style-mod",
            "@marijn/find-cluster-break",
        ] {
            assert!(is_package_name(good), "{good}");
        }
        for bad in [
            "..",
            "../x",
            "@a/../b",
            "a/b",
            "@/x",
            "/abs",
            "a\\b",
            "",
            "@s/.hidden",
        ] {
            assert!(!is_package_name(bad), "{bad}");
        }
    }

    #[test]
    fn finds_the_entry_in_each_shape_a_package_json_uses() {
        let entry =
            |json: &str| module_entry(&serde_json::from_str(json).unwrap()).map(str::to_owned);
        assert_eq!(
            entry(r#"{"exports": {".": {"import": "./dist/a.js"}}}"#).as_deref(),
            Some("./dist/a.js")
        );
        assert_eq!(
            entry(r#"{"exports": {"import": "./b.js", "require": "./b.cjs"}}"#).as_deref(),
            Some("./b.js")
        );
        assert_eq!(
            entry(r#"{"module": "src/c.js"}"#).as_deref(),
            Some("src/c.js")
        );
        assert_eq!(entry(r#"{"main": "index.cjs"}"#), None);
    }
}
