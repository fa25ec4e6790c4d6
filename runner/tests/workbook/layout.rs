//! The built book fits a 1280 px screen: no page scrolls sideways outside its
//! code blocks, and no figure, table, image or text drawing is wider than the
//! content column, in the light and the dark theme. Measured in headless
//! Chromium by `node-harness/layout-probe.mjs`.

use std::process::Command;

use runner::node_packages::NodePackages;
use serde_json::Value;

use super::support::{build_book, repo_root, require_tool, toolchain};

#[test]
#[cfg_attr(
    missing_chromium,
    ignore = "needs Chromium: apt-get install -y chromium"
)]
#[cfg_attr(
    missing_mdbook,
    ignore = "needs mdbook: cargo install mdbook --locked --version 0.5.4"
)]
fn every_page_of_the_book_fits_its_column_at_1280_px() {
    require_tool("/usr/bin/chromium", "apt-get install -y chromium");
    let (out, _) = build_book();
    toolchain();
    let harness = NodePackages::new(repo_root().join("node-harness"));
    let node = harness
        .node_binary("node26")
        .expect("node26 is pinned in node-harness/package.json");
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(&node)
        .current_dir(repo_root().join("node-harness"))
        .arg("layout-probe.mjs")
        .arg(out.path())
        .arg("/usr/bin/chromium")
        .arg(profile.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the layout probe failed:\n{stderr}"
    );
    let found: Value = serde_json::from_slice(&output.stdout).unwrap();
    let checked = found["checked"].as_u64().unwrap_or(0);
    assert!(checked >= 20, "the probe checked only {checked} page views");
    let problems: Vec<&str> = found["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        problems.is_empty(),
        "pages that do not fit at 1280 px:\n{}",
        problems.join("\n")
    );
}
