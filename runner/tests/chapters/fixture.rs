//! A teacher adds a chapter following only the README: a folder with a WAT
//! module, a harness, a `mutations.toml` and two exercises; its lines in
//! `workbook.toml`; a book page; then `book generate` writes its README row
//! and SUMMARY entry. This very test binary, pointed at that workbook, then
//! tests the new chapter, and fails naming the chapter and variant when its
//! recorded log changes.

use std::path::{Path, PathBuf};
use std::process::Command;

use libtest_mimic::Failed;
use runner::files::copy_tree;

use super::trials::{toolchain, workbook_root};

const FIXTURE: &str = "runner/tests/fixtures/new-chapter";

/// The fixture test.
pub fn a_chapter_added_as_data_is_tested() -> Result<(), Failed> {
    // The copy links the repository's node_modules: install them first (once, shared).
    toolchain(&runner::workbook::Workbook::open(&workbook_root())?);
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    add_shapes_chapter(&workbook_root(), root)?;
    // Its browser test is left out: `browser::<chapter>` runs for every chapter already.
    let first = rerun_this_binary(root, &["shapes", "--skip", "browser::"])?;
    for test in [
        "chapter::shapes",
        "mutation::shapes::adds-instead-of-multiplying",
        "exercise::shapes-square",
        "exercise::shapes-double",
        "book::shapes",
    ] {
        if !reported(&first.1, test, "ok") {
            return Err(format!(
                "`{test}` did not pass in the run on the new chapter:\n{}",
                first.1
            )
            .into());
        }
    }
    if !first.0 {
        return Err(format!("the new chapter's tests failed:\n{}", first.1).into());
    }
    edit(
        &root.join("snapshots/shapes/report.log.snap"),
        "area(3, 4) reported: 12",
        "area(3, 4) reported: 13",
    )?;
    let (passed, output) = rerun_this_binary(root, &["chapter::shapes"])?;
    let named = reported(&output, "chapter::shapes", "FAILED")
        && output.contains("FAIL at stage log (variant report)");
    if passed || !named {
        return Err(format!(
            "a changed recorded log must fail `chapter::shapes`, naming variant `report`:\n{output}"
        )
        .into());
    }
    Ok(())
}

/// The repository's workbook, copied to `root`, plus the fixture's chapter
/// and its page, its lines in `workbook.toml`, and `book generate`.
fn add_shapes_chapter(repo: &Path, root: &Path) -> Result<(), Failed> {
    for folder in ["chapters", "snapshots", "book"] {
        copy_tree(&repo.join(folder), &root.join(folder), &["book"])?;
    }
    copy_tree(
        &repo.join("node-harness"),
        &root.join("node-harness"),
        &["node_modules"],
    )?;
    std::os::unix::fs::symlink(
        repo.join("node-harness/node_modules"),
        root.join("node-harness/node_modules"),
    )?;
    std::fs::copy(repo.join("README.md"), root.join("README.md"))?;
    copy_tree(&repo.join(FIXTURE), root, &[])?;
    edit(
        &root.join("chapters/workbook.toml"),
        "\n]\n\n# The exercises",
        "\n  \"shapes\",\n]\n\n# The exercises",
    )?;
    edit(
        &root.join("chapters/workbook.toml"),
        "exercises = [\n",
        "exercises = [\n  \"shapes-square\",\n  \"shapes-double\",\n",
    )?;
    book_generate(root)
}

/// `cargo run -p runner -- book generate`, run in the workbook at `root`.
fn book_generate(root: &Path) -> Result<(), Failed> {
    let output = Command::new(env!("CARGO_BIN_EXE_runner"))
        .args(["book", "generate"])
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()?;
    if !output.status.success() {
        return Err(format!(
            "`runner book generate` failed in the new chapter's workbook:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    let readme = std::fs::read_to_string(root.join("README.md"))?;
    let summary = std::fs::read_to_string(root.join("book/src/SUMMARY.md"))?;
    if !readme.contains("| `shapes` |") || !summary.contains("(chapters/shapes.md)") {
        return Err("`book generate` wrote no README row or SUMMARY entry for `shapes`".into());
    }
    Ok(())
}

fn edit(path: &Path, find: &str, replace: &str) -> Result<(), Failed> {
    let text = std::fs::read_to_string(path)?;
    if text.matches(find).count() != 1 {
        return Err(format!("`{find}` must occur once in `{}`", path.display()).into());
    }
    std::fs::write(path, text.replacen(find, replace, 1))?;
    Ok(())
}

/// True when libtest's summary line for `test` ends in `verdict`.
fn reported(output: &str, test: &str, verdict: &str) -> bool {
    output.lines().any(|line| {
        let words: Vec<&str> = line.split_whitespace().collect();
        words.len() == 4 && words[..2] == ["test", test] && words[3] == verdict
    })
}

/// Runs this test binary on the workbook at `root`, with a name filter;
/// returns whether it passed and what it printed.
fn rerun_this_binary(root: &Path, filter: &[&str]) -> Result<(bool, String), Failed> {
    let this: PathBuf = std::env::current_exe()?;
    let output = Command::new(this)
        .args(filter)
        .env("WORKBOOK_DIR", root)
        .env("INSTA_UPDATE", "no")
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .output()?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Ok((output.status.success(), text))
}
