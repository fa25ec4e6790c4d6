//! A link check over the built book: `mdbook build` without warnings, then
//! every `href` and `src` resolves from disk (`file://`: the file exists in
//! the output, fragments name an id) and from `runner serve` (each linked
//! file answers 200 under `/book/`). Runs where mdbook is installed, skips
//! loudly otherwise, and fails under `WORKBOOK_REQUIRE_ALL=1`, as in CI.

use std::collections::BTreeSet;

use runner::book::links::{book_links, broken_links};

use super::serve::{ServeProcess, get};
use super::support::{build_book, repo_root, repo_workbook};

#[test]
#[cfg_attr(
    missing_mdbook,
    ignore = "needs mdbook: cargo install mdbook --locked --version 0.5.4"
)]
fn every_link_of_the_built_book_resolves_from_disk_and_from_runner_serve() {
    let (out, stderr) = build_book();
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|line| line.contains("WARN"))
        .collect();
    assert!(
        warnings.is_empty(),
        "mdbook build warned:\n{}",
        warnings.join("\n")
    );

    let broken = broken_links(out.path()).unwrap();
    assert!(
        broken.is_empty(),
        "broken links from file://:\n{}",
        broken.join("\n")
    );

    let files: BTreeSet<String> = book_links(out.path())
        .unwrap()
        .iter()
        .filter_map(|link| link.resolve().ok())
        .map(|(file, _)| file.to_string_lossy().replace('\\', "/"))
        .collect();
    assert!(files.len() > 20, "too few links found: {files:?}");
    let first = repo_workbook().manifest.chapters[0].to_string();
    let server = ServeProcess::start_on(&repo_root(), &first, &[]);
    let dead: Vec<String> = files
        .iter()
        .filter(|file| get(server.address, &format!("/book/{file}")).status != 200)
        .cloned()
        .collect();
    assert!(
        dead.is_empty(),
        "links dead under runner serve:\n{}",
        dead.join("\n")
    );
}
