//! Snapshot files in insta's format, shared by `cargo test` (through insta)
//! and by `runner chapter` (through this module), so there is one set of files.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The `snapshots/` folder.
#[derive(Debug, Clone)]
pub struct SnapshotStore {
    dir: PathBuf,
}

/// Snapshot name of a variant's expected log.
pub fn expected_log_name(chapter: &str, variant: &str) -> String {
    format!("{chapter}__{variant}__log")
}

/// Snapshot name of a module's wasm-opt output, printed as WAT.
pub fn instrumented_name(chapter: &str, module: &str) -> String {
    format!("{chapter}__{module}__instrumented")
}

/// How a value compared with its committed snapshot.
#[derive(Debug, PartialEq, Eq)]
pub enum SnapshotCheck {
    /// `--accept`: the value was written as the new snapshot.
    Recorded,
    /// The snapshot holds this value.
    Matches,
    /// There is no snapshot yet.
    Missing,
    /// The snapshot differs; a unified diff, `-` expected and `+` actual.
    Differs(String),
}

/// A unified diff from `expected` to `actual`: `-` lines were expected, `+` lines came.
pub fn unified_diff(expected: &str, actual: &str) -> String {
    // A final newline on both sides keeps "\ No newline at end of file" out of the diff.
    let expected = normalize(expected) + "\n";
    let actual = normalize(actual) + "\n";
    similar::TextDiff::from_lines(&expected, &actual)
        .unified_diff()
        .context_radius(3)
        .header("expected", "actual")
        .to_string()
}

/// Normalizes text the way insta does before comparing: LF line ends, no trailing whitespace.
pub fn normalize(text: &str) -> String {
    text.trim_end().replace("\r\n", "\n")
}

impl SnapshotStore {
    /// The store in `dir`.
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// The file that holds snapshot `name`.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.snap"))
    }

    /// The normalized contents of snapshot `name`, or `None` when it does not exist.
    ///
    /// # Errors
    ///
    /// Fails when the file exists but cannot be read.
    pub fn read(&self, name: &str) -> Result<Option<String>> {
        let path = self.path(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Some(normalize(strip_metadata(&text)))),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error).with_context(|| format!("reading `{}`", path.display())),
        }
    }

    /// Compares `actual` with snapshot `name`, or records it when `accept` is set.
    ///
    /// # Errors
    ///
    /// Fails when the snapshot cannot be read or written.
    pub fn check(
        &self,
        name: &str,
        expression: &str,
        actual: &str,
        accept: bool,
    ) -> Result<SnapshotCheck> {
        if accept {
            self.write(name, expression, actual)?;
            return Ok(SnapshotCheck::Recorded);
        }
        Ok(match self.read(name)? {
            None => SnapshotCheck::Missing,
            Some(expected) if expected == normalize(actual) => SnapshotCheck::Matches,
            Some(expected) => SnapshotCheck::Differs(unified_diff(&expected, actual)),
        })
    }

    /// Writes snapshot `name` as insta would, so `cargo test` accepts it too.
    ///
    /// # Errors
    ///
    /// Fails when the file cannot be written.
    pub fn write(&self, name: &str, expression: &str, contents: &str) -> Result<()> {
        let path = self.path(name);
        let text = format!(
            "---\nsource: runner/tests/chapters.rs\nexpression: {expression}\n---\n{}\n",
            normalize(contents)
        );
        write_atomically(&path, text.as_bytes())
    }
}

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

fn strip_metadata(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    rest.find("\n---\n").map_or(rest, |end| &rest[end + 5..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_records_matches_and_diffs() {
        let dir = tempfile::tempdir().unwrap();
        let store = SnapshotStore::new(dir.path().to_path_buf());
        assert_eq!(
            store.check("x", "log", "a\nb", false).unwrap(),
            SnapshotCheck::Missing
        );
        assert_eq!(
            store.check("x", "log", "a\nb", true).unwrap(),
            SnapshotCheck::Recorded
        );
        assert_eq!(
            store.check("x", "log", "a\nb\n", false).unwrap(),
            SnapshotCheck::Matches
        );
        let SnapshotCheck::Differs(diff) = store.check("x", "log", "a\nc", false).unwrap() else {
            panic!("a changed line must differ");
        };
        assert!(diff.contains("-b\n+c"), "{diff}");
    }

    #[test]
    fn strips_insta_metadata() {
        let file = "---\nsource: x.rs\nexpression: log\n---\nbefore\nafter\n\n";
        assert_eq!(normalize(strip_metadata(file)), "before\nafter");
    }
}
