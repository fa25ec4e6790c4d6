//! A teacher adds a chapter following only the README: a folder with a WAT
//! module, a harness, a `mutations.toml` and two exercises; its lines in
//! `workbook.toml`, `SUMMARY.md` and the README table; a book page. This
//! very test binary, pointed at that workbook, then tests the new chapter,
//! and fails naming the chapter and variant when its recorded log changes.

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
/// (with its generated drawing) and the four lines a teacher adds by hand.
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
        "chapters = [\n",
        "chapters = [\n  \"shapes\",\n",
    )?;
    edit(
        &root.join("chapters/workbook.toml"),
        "exercises = [\n",
        "exercises = [\n  \"shapes-square\",\n  \"shapes-double\",\n",
    )?;
    edit(
        &root.join("book/src/SUMMARY.md"),
        "# Techniques\n\n",
        "# Techniques\n\n- [Shapes](chapters/shapes.md)\n",
    )?;
    let drawings = root.join("book/drawings.toml");
    let mut specs = std::fs::read_to_string(&drawings)?;
    specs.push_str(
        "\n[[drawing]]\nname = \"shapes-report\"\nsnapshot = \"snapshots/shapes/report.drawing.snap\"\n",
    );
    std::fs::write(&drawings, specs)?;
    add_readme_row(
        &root.join("README.md"),
        "| `shapes` | A chapter added as data |",
    )
}

/// Adds `row` under the header of the README's chapter table.
fn add_readme_row(path: &Path, row: &str) -> Result<(), Failed> {
    let text = std::fs::read_to_string(path)?;
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines
        .iter()
        .position(|line| line.starts_with("| chapter"))
        .ok_or("README.md has no chapter table")?;
    lines.insert(header + 2, row);
    std::fs::write(path, lines.join("\n") + "\n")?;
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
