//! A learner's workspace, made by `runner init`: the exercises' starters and
//! fixed files, laid out like `chapters/` (so `grade` reads it as a
//! submission), a progress file and a README, and no solutions.
//!
//! `workbook-workspace.toml` at its root names the workbook it came from;
//! the runner reads manifests, expected logs and solutions there.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::files::{copy_tree, write_atomically};
use crate::locate::{WORKSPACE_FILE, WorkspaceFile};
use crate::progress::PROGRESS_FILE;
use crate::workbook::Workbook;

/// The folders of an exercise that `init` never copies to a workspace:
/// the starting point, the answer, and the wrong answers `dev check` tries.
pub const AUTHOR_ONLY: [&str; 4] = ["starter", "solution", "cheats", ".gitignore"];

/// The script `init` writes at the workspace's root, so that every command
/// the runner prints there works as printed.
pub const RUNNER_SCRIPT: &str = "runner";

/// How the learner runs the runner where `workbook` is open: the
/// workspace's script, or cargo in the checkout.
pub fn runner_command(workbook: &Workbook) -> &'static str {
    if workbook.workspace().is_some() {
        "./runner"
    } else {
        "cargo run -p runner --"
    }
}

/// What `init` made.
#[derive(Debug)]
pub struct CreatedWorkspace {
    /// The workspace's root.
    pub dir: PathBuf,
    /// The learner's files, made from the starters, in watch order.
    pub learner_files: Vec<PathBuf>,
}

/// Makes a learner's workspace at `dir` from `workbook`: every exercise's
/// fixed files and starters, an empty progress file and a README.
///
/// # Errors
///
/// Refuses a `dir` that exists and is not empty (nothing is ever
/// overwritten), or that lies inside one of the workbook's own folders;
/// fails on I/O errors.
pub fn init_workspace(workbook: &Workbook, dir: &Path) -> Result<CreatedWorkspace> {
    let root = refuse_unfit_folder(workbook, dir)?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating `{}`", dir.display()))?;
    let dir = std::fs::canonicalize(dir).with_context(|| format!("reading `{}`", dir.display()))?;
    let marker = toml::to_string(&WorkspaceFile {
        workbook: root.clone(),
    })?;
    write_atomically(
        &dir.join(WORKSPACE_FILE),
        format!("# Made by `runner init`: the workbook this workspace came from.\n{marker}")
            .as_bytes(),
    )?;
    let workbook = Workbook::open(workbook.root())?.with_workspace(&dir);
    let learner_files = copy_exercises(&workbook, &dir)?;
    write_atomically(
        &dir.join(PROGRESS_FILE),
        b"{\n  \"current\": null,\n  \"done\": []\n}\n",
    )?;
    write_atomically(&dir.join("README.md"), readme(&workbook)?.as_bytes())?;
    write_runner_script(&dir, &root)?;
    Ok(CreatedWorkspace { dir, learner_files })
}

/// The workbook's resolved root, unless `dir` is not empty or lies inside
/// the workbook's own folders.
fn refuse_unfit_folder(workbook: &Workbook, dir: &Path) -> Result<PathBuf> {
    if std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        bail!(
            "`{}` already exists and is not empty; choose a new folder (nothing was changed)",
            dir.display()
        );
    }
    let root = std::fs::canonicalize(workbook.root())
        .with_context(|| format!("reading `{}`", workbook.root().display()))?;
    // A folder under chapters/ would become a chapter the workbook does not list.
    if resolved(dir).is_some_and(|dir| dir.starts_with(&root) && dir.parent() != Some(&*root)) {
        bail!(
            "`{}` is inside the workbook's own folders; choose a folder outside them, such as `../my-workbook` (nothing was changed)",
            dir.display()
        );
    }
    Ok(root)
}

/// Copies each exercise's chapter and fixed files into the workspace at
/// `dir`, and makes the learner's files from the starters; returns those.
fn copy_exercises(workbook: &Workbook, dir: &Path) -> Result<Vec<PathBuf>> {
    let exercises = workbook.exercises()?;
    // The chapter's own files are the lesson, not an answer; exercises reach
    // them as `../../<file>` (shared harness modules, sources, plugins).
    for chapter in &workbook.manifest.chapters {
        if exercises
            .iter()
            .any(|exercise| exercise.chapter == *chapter)
        {
            copy_tree(
                &workbook.chapters_dir().join(chapter.as_str()),
                &dir.join(chapter.as_str()),
                &["exercises"],
            )?;
        }
    }
    let mut learner_files = Vec::new();
    for exercise in exercises {
        let mut skip: Vec<String> = AUTHOR_ONLY.iter().map(|name| (*name).to_string()).collect();
        skip.extend(exercise.files().iter().filter_map(|file| {
            Some(
                file.components()
                    .next()?
                    .as_os_str()
                    .to_string_lossy()
                    .into_owned(),
            )
        }));
        let skip: Vec<&str> = skip.iter().map(String::as_str).collect();
        copy_tree(&exercise.source_dir, &exercise.dir, &skip)?;
        learner_files.extend(exercise.create_missing_learner_files()?);
    }
    Ok(learner_files)
}

/// `dir` as it will be once created: its nearest existing ancestor with links
/// resolved, then the rest; `None` when the rest holds `..` or `.`.
fn resolved(dir: &Path) -> Option<PathBuf> {
    let dir = std::path::absolute(dir).ok()?;
    let mut missing = Vec::new();
    let mut existing = dir.as_path();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return Some(
                missing
                    .iter()
                    .rev()
                    .fold(real, |path, part| path.join(part)),
            );
        }
        match existing.components().next_back()? {
            std::path::Component::Normal(part) => missing.push(part),
            _ => return None,
        }
        existing = existing.parent()?;
    }
}

/// `./runner`: the workbook's runner, built by cargo on first use, working on this workspace.
fn write_runner_script(dir: &Path, workbook_root: &Path) -> Result<()> {
    let manifest = workbook_root.join("Cargo.toml");
    let quoted = manifest.display().to_string().replace('\'', r"'\''");
    let script = format!(
        "#!/bin/sh\n\
         # Made by `runner init`: the workbook's runner, working on this workspace.\n\
         # Cargo builds it on first use (about a minute), then starts it at once.\n\
         here=$(cd \"$(dirname \"$0\")\" && pwd)\n\
         exec cargo run --quiet --manifest-path '{quoted}' -p runner -- --workbook \"$here\" \"$@\"\n"
    );
    let path = dir.join(RUNNER_SCRIPT);
    write_atomically(&path, script.as_bytes())?;
    let executable = std::os::unix::fs::PermissionsExt::from_mode(0o755);
    std::fs::set_permissions(&path, executable)
        .with_context(|| format!("making `{}` executable", path.display()))
}

fn readme(workbook: &Workbook) -> Result<String> {
    let mut text = String::from(
        "# My Async WebAssembly Workbook\n\n\
         Exercises on how synchronous WebAssembly waits for asynchronous JavaScript.\n\
         Each folder holds one exercise: edit the file it names where it says TODO.\n\n\
         Run these here, in this folder (`./runner` is a script `init` wrote):\n\n\
         - `./runner watch`: works through the exercises, rerunning on every save\n\
         \x20 (keys: h hint, v verbose, l list, n next, r rerun, q quit);\n\
         - `./runner exercise <name>`, `./runner hint <name>`, `./runner reset <name>`;\n\
         - `./runner serve`: builds the book and serves it; open the address it prints;\n\
         - a solution appears in `<exercise>/solution/` once the exercise passes.\n\n",
    );
    let _ = writeln!(
        text,
        "The workbook these exercises come from: `{}`.\n\n## Exercises\n",
        workbook.root().display()
    );
    for exercise in workbook.exercises()? {
        let _ = writeln!(
            text,
            "- `{}` ({}/exercises/{}): {}",
            exercise.name, exercise.chapter, exercise.name, exercise.manifest.summary
        );
    }
    Ok(text)
}
