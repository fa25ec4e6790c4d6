//! File helpers shared by the pipeline: atomic writes, unique temporary
//! names, tree copies, and the rule that keeps manifest paths inside the workbook.

use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};

/// Writes through a temporary file and a rename, so a concurrent reader never
/// sees half a file.
///
/// # Errors
///
/// Fails when the folder cannot be created or the file cannot be written.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating `{}`", parent.display()))?;
    }
    let temporary = path.with_extension(format!("{}.tmp", unique_suffix()));
    std::fs::write(&temporary, bytes)
        .and_then(|()| std::fs::rename(&temporary, path))
        .with_context(|| format!("writing `{}`", path.display()))
}

/// A suffix no other thread or process uses at the same time, for temporary files.
pub fn unique_suffix() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let next = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{}-{next}", std::process::id())
}

/// Copies the folder `from` to `to`, leaving out entries named in `skip`.
///
/// # Errors
///
/// Fails on I/O errors, and on entries that are neither files nor folders
/// (a symlink could point anywhere; chapters hold only plain files).
pub fn copy_tree(from: &Path, to: &Path, skip: &[&str]) -> Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("creating `{}`", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading `{}`", from.display()))? {
        let entry = entry?;
        if skip.iter().any(|name| entry.file_name() == *name) {
            continue;
        }
        let kind = entry.file_type()?;
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree(&entry.path(), &target, skip)?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying `{}`", entry.path().display()))?;
        } else {
            bail!(
                "`{}` is neither a file nor a folder; the workbook holds only plain files",
                entry.path().display()
            );
        }
    }
    Ok(())
}

/// Copies the file `from` to `to`, making `to`'s folder first.
///
/// # Errors
///
/// Fails when the folder cannot be made or the file cannot be copied.
pub fn copy_creating_parents(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating `{}`", parent.display()))?;
    }
    std::fs::copy(from, to)
        .with_context(|| format!("copying `{}` to `{}`", from.display(), to.display()))?;
    Ok(())
}

/// Every file under `dir` whose extension is `extension`, sorted.
///
/// # Errors
///
/// Fails when a folder cannot be read.
pub fn files_with_extension(dir: &Path, extension: &str) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading `{}`", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(files_with_extension(&path, extension)?);
        } else if path.extension().is_some_and(|ext| ext == extension) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// `path` with `.` dropped and each `name/..` pair removed, without touching
/// the file system.
pub fn lexically_normal(path: &Path) -> PathBuf {
    let mut clean = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if clean.file_name().is_some() => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
}

/// Checks that `relative`, a path written in a manifest in folder `base`,
/// is relative and stays inside `root` (the workbook), under the same rule
/// as the dev server: no absolute paths, no way out through `..`.
///
/// # Errors
///
/// Says which rule the path breaks.
pub fn ensure_inside(root: &Path, base: &Path, relative: &Path) -> Result<(), String> {
    if relative.is_absolute() || relative.has_root() {
        return Err(format!(
            "`{}` is an absolute path; write it relative to the manifest's folder",
            relative.display()
        ));
    }
    let resolved = lexically_normal(&base.join(relative));
    let root = lexically_normal(root);
    let lexically_inside =
        resolved.starts_with(&root) && !resolved.components().any(|c| c == Component::ParentDir);
    if lexically_inside && !leaves_through_a_link(&root, &resolved) {
        Ok(())
    } else {
        Err(format!(
            "`{}` leads outside the workbook; manifests may only name files inside it",
            relative.display()
        ))
    }
}

/// True when `path`, once its links are resolved, is not inside `root`
/// (resolved too): a file that is a link to `/etc/passwd` is not inside.
/// A path that does not exist (yet) is judged by the folders that do.
pub fn leaves_through_a_link(root: &Path, path: &Path) -> bool {
    let Ok(root) = std::fs::canonicalize(root) else {
        return false;
    };
    let existing = path
        .ancestors()
        .find(|ancestor| ancestor.symlink_metadata().is_ok());
    match existing.map(std::fs::canonicalize) {
        Some(Ok(real)) => !real.starts_with(&root),
        Some(Err(_)) => true, // a dangling link
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_out_of_the_workbook_is_outside_it() {
        let root = tempfile::tempdir().unwrap();
        let inside = root.path().join("chapters");
        std::fs::create_dir_all(&inside).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", inside.join("passwd.wat")).unwrap();
        std::os::unix::fs::symlink("/nowhere", inside.join("dangling.wat")).unwrap();
        std::fs::write(inside.join("plain.wat"), "").unwrap();
        let check = |name: &str| ensure_inside(root.path(), &inside, Path::new(name));
        assert!(check("passwd.wat").is_err());
        assert!(check("dangling.wat").is_err());
        assert!(check("plain.wat").is_ok());
        assert!(check("not-yet.wat").is_ok());
    }

    #[test]
    fn manifest_paths_stay_inside_the_workbook() {
        let root = Path::new("/w");
        let base = Path::new("/w/chapters/a/exercises/x");
        assert!(ensure_inside(root, base, Path::new("../../sleep.wat")).is_ok());
        assert!(ensure_inside(root, base, Path::new("../../../../node-harness/lib/a.mjs")).is_ok());
        assert!(ensure_inside(root, base, Path::new("../../../../../etc/passwd")).is_err());
        assert!(ensure_inside(root, base, Path::new("/etc/passwd")).is_err());
    }
}
