//! Finds the optional tools some integration tests need (`tests/workbook`),
//! so that a test which cannot run here is compiled as ignored, with the
//! install command as its reason, instead of returning early and saying ok.
//! `tests/workbook/tools.rs` fails under `WORKBOOK_REQUIRE_ALL=1` when any is missing.

use std::path::{Path, PathBuf};

/// The cfg set when the tool is missing, and where to look: an absolute
/// path, or a name looked up on `PATH`.
const TOOLS: [(&str, &str); 7] = [
    ("missing_chromium", "/usr/bin/chromium"),
    ("missing_emcc", "/usr/bin/emcc"),
    ("missing_rustc", "/usr/bin/rustc"),
    ("missing_mdbook", "mdbook"),
    ("missing_script", "script"),
    ("missing_setsid", "setsid"),
    ("missing_bwrap", "bwrap"),
];

fn main() {
    println!("cargo::rerun-if-env-changed=PATH");
    let path_dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect())
        .unwrap_or_default();
    for (cfg, tool) in TOOLS {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        let candidates: Vec<PathBuf> = if Path::new(tool).is_absolute() {
            vec![PathBuf::from(tool)]
        } else {
            path_dirs.iter().map(|dir| dir.join(tool)).collect()
        };
        // An install changes the folder, which reruns this script.
        for folder in candidates.iter().filter_map(|file| file.parent()) {
            if folder.is_dir() {
                println!("cargo::rerun-if-changed={}", folder.display());
            }
        }
        if !candidates.iter().any(|file| file.is_file()) {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
}
