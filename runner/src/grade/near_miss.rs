//! A file the student placed at the wrong path, or spelled differently:
//! named, so "not submitted" does not hide work that is there.

use std::path::{Path, PathBuf};

/// Folders deeper than this are not searched: a submission mirrors `chapters/`.
const MAX_DEPTH: usize = 8;

/// "found `Driver.mjs` at the top level; expected `chapters/.../driver.mjs`"
/// when `student` holds a file named like `expected` (ignoring case) elsewhere.
pub fn near_miss(student: &Path, expected: &Path) -> Option<String> {
    let wanted = expected.file_name()?.to_string_lossy().to_lowercase();
    let mut found = Vec::new();
    collect_named(student, &wanted, 0, &mut found);
    found.sort();
    let place = found.first()?.strip_prefix(student).ok()?;
    let at = match place.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => format!("in `{}/`", folder.display()),
        _ => "at the top level".to_string(),
    };
    Some(format!(
        "found `{}` {at}; expected `{}`",
        place.file_name()?.to_string_lossy(),
        Path::new("chapters").join(expected).display()
    ))
}

fn collect_named(folder: &Path, wanted: &str, depth: usize, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && depth < MAX_DEPTH {
            collect_named(&path, wanted, depth + 1, found);
        } else if kind.is_file() && entry.file_name().to_string_lossy().to_lowercase() == wanted {
            found.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_a_file_at_the_top_level_spelled_in_another_case() {
        let student = tempfile::tempdir().unwrap();
        std::fs::write(student.path().join("Driver.mjs"), "").unwrap();
        let expected = Path::new("asyncify/exercises/asyncify-driver/driver.mjs");
        assert_eq!(
            near_miss(student.path(), expected).as_deref(),
            Some(
                "found `Driver.mjs` at the top level; expected `chapters/asyncify/exercises/asyncify-driver/driver.mjs`"
            )
        );
    }

    #[test]
    fn says_nothing_when_there_is_nothing_like_it() {
        let student = tempfile::tempdir().unwrap();
        assert_eq!(near_miss(student.path(), Path::new("a/driver.mjs")), None);
    }
}
