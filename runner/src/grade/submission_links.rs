//! Symbolic links in a submission: a link can point a grader at a
//! solution, another student's work or any file the grader may read, so a
//! submission that holds one, anywhere, is not graded.

use std::path::Path;

/// Folders deeper than this are not searched: a submission mirrors `chapters/`.
const MAX_DEPTH: usize = 16;

/// Entries looked at before the search gives up (and the folder is refused as too large).
const MAX_ENTRIES: usize = 20_000;

/// Why `folder` (the student's folder, called `name` in the class) is not
/// graded: it is a link, or holds one (named relative to it), or is too
/// large to search. `None` when it holds only plain files and folders.
pub fn refusal(folder: &Path, name: &str) -> Option<String> {
    let Ok(meta) = std::fs::symlink_metadata(folder) else {
        return Some(format!("`{name}` cannot be read"));
    };
    if meta.file_type().is_symlink() {
        return Some(format!(
            "`{name}` is a symbolic link; a submission is a plain folder, so copy the work in rather than linking it"
        ));
    }
    if !meta.is_dir() {
        return Some(format!("`{name}` is not a folder"));
    }
    let mut seen = 0;
    match first_link(folder, folder, 0, &mut seen) {
        Ok(None) => None,
        Ok(Some(link)) => Some(format!(
            "`{link}` is a symbolic link; a submission holds only plain files and folders, so copy the file in rather than linking it"
        )),
        Err(TooLarge) => Some(format!(
            "`{name}` holds more than {MAX_ENTRIES} entries or folders deeper than {MAX_DEPTH}; a submission mirrors `chapters/`"
        )),
    }
}

struct TooLarge;

/// The first link under `folder`, in name order, relative to `top`.
fn first_link(
    top: &Path,
    folder: &Path,
    depth: usize,
    seen: &mut usize,
) -> Result<Option<String>, TooLarge> {
    if depth > MAX_DEPTH {
        return Err(TooLarge);
    }
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(None);
    };
    let mut paths: Vec<_> = entries.flatten().map(|entry| entry.path()).collect();
    paths.sort();
    for path in paths {
        *seen += 1;
        if *seen > MAX_ENTRIES {
            return Err(TooLarge);
        }
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            let relative = path.strip_prefix(top).unwrap_or(&path);
            return Ok(Some(relative.display().to_string()));
        }
        if meta.is_dir()
            && let Some(link) = first_link(top, &path, depth + 1, seen)?
        {
            return Ok(Some(link));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_a_linked_folder_deep_in_the_submission() {
        let class = tempfile::tempdir().unwrap();
        let student = class.path().join("ada");
        std::fs::create_dir_all(student.join("a/exercises")).unwrap();
        std::os::unix::fs::symlink("/etc", student.join("a/exercises/x")).unwrap();
        let reason = refusal(&student, "ada").unwrap();
        assert!(
            reason.starts_with("`a/exercises/x` is a symbolic link"),
            "{reason}"
        );
    }

    #[test]
    fn a_linked_student_folder_is_refused_and_a_plain_one_is_not() {
        let class = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(class.path().join("ada/a")).unwrap();
        std::os::unix::fs::symlink(class.path().join("ada"), class.path().join("bob")).unwrap();
        assert_eq!(refusal(&class.path().join("ada"), "ada"), None);
        let reason = refusal(&class.path().join("bob"), "bob").unwrap();
        assert!(reason.starts_with("`bob` is a symbolic link"), "{reason}");
    }
}
