//! Snapshot files in insta's format, shared by `cargo test` (through insta)
//! and by `runner chapter` (through this module), so there is one set of files:
//! `snapshots/<chapter>/<variant>.log.snap`, `snapshots/<chapter>/<module>.wasm-opt.snap`,
//! and the same under `snapshots/<chapter>/exercises/<exercise>/`.

use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::files::write_atomically;
use crate::names::SnapshotId;

/// The test that asserts every snapshot through insta; the header names it
/// because insta would write the same header from there.
pub const ASSERTING_TEST: &str = "runner/tests/chapters/trials.rs";

/// The `snapshots/` folder.
#[derive(Debug, Clone)]
pub struct SnapshotStore {
    dir: PathBuf,
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
    /// The snapshot differs.
    Differs(Difference),
}

/// How a value differs from its snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// A unified diff, `-` expected and `+` actual.
    pub diff: String,
    /// The first line that was expected and did not come (empty when none).
    pub first_expected: String,
    /// The first line that came and was not expected (empty when none).
    pub first_actual: String,
}

impl Difference {
    /// How `actual` differs from `expected`.
    pub fn between(expected: &str, actual: &str) -> Self {
        let (expected_text, actual_text) = (normalize(expected) + "\n", normalize(actual) + "\n");
        let lines = similar::TextDiff::from_lines(&expected_text, &actual_text);
        let first = |tag: similar::ChangeTag| {
            lines
                .iter_all_changes()
                .find(|change| change.tag() == tag)
                .map(|change| change.value().trim_end_matches('\n').to_string())
                .unwrap_or_default()
        };
        Self {
            diff: unified_diff(expected, actual),
            first_expected: first(similar::ChangeTag::Delete),
            first_actual: first(similar::ChangeTag::Insert),
        }
    }
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

/// The whole file insta writes for `contents` under `id`: a four-line header, then the contents.
pub fn snapshot_file_text(id: &SnapshotId, contents: &str) -> String {
    format!(
        "---\nsource: {ASSERTING_TEST}\nexpression: {}\n---\n{}\n",
        id.expression(),
        normalize(contents)
    )
}

impl SnapshotStore {
    /// The store in `dir`.
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// The file that holds snapshot `id`.
    pub fn path(&self, id: &SnapshotId) -> PathBuf {
        self.dir.join(id.relative_path())
    }

    /// The normalized contents of snapshot `id`, or `None` when it does not exist.
    ///
    /// # Errors
    ///
    /// Fails when the file exists but cannot be read.
    pub fn read(&self, id: &SnapshotId) -> Result<Option<String>> {
        let path = self.path(id);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Some(normalize(strip_header(&text)))),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error).with_context(|| format!("reading `{}`", path.display())),
        }
    }

    /// Compares `actual` with snapshot `id`, or records it when `accept` is set.
    ///
    /// # Errors
    ///
    /// Fails when the snapshot cannot be read or written.
    pub fn check(&self, id: &SnapshotId, actual: &str, accept: bool) -> Result<SnapshotCheck> {
        if accept {
            write_atomically(&self.path(id), snapshot_file_text(id, actual).as_bytes())?;
            return Ok(SnapshotCheck::Recorded);
        }
        Ok(match self.read(id)? {
            None => SnapshotCheck::Missing,
            Some(expected) if expected == normalize(actual) => SnapshotCheck::Matches,
            Some(expected) => SnapshotCheck::Differs(Difference::between(&expected, actual)),
        })
    }
}

fn strip_header(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    rest.find("\n---\n").map_or(rest, |end| &rest[end + 5..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::{Name, SuiteId};

    fn log_id() -> SnapshotId {
        SnapshotId::Log(
            SuiteId::Chapter(Name::new("demo").unwrap()),
            Name::new("x").unwrap(),
        )
    }

    #[test]
    fn check_records_matches_and_diffs() {
        let dir = tempfile::tempdir().unwrap();
        let store = SnapshotStore::new(dir.path().to_path_buf());
        let id = log_id();
        assert_eq!(
            store.check(&id, "a\nb", false).unwrap(),
            SnapshotCheck::Missing
        );
        assert_eq!(
            store.check(&id, "a\nb", true).unwrap(),
            SnapshotCheck::Recorded
        );
        assert_eq!(
            store.check(&id, "a\nb\n", false).unwrap(),
            SnapshotCheck::Matches
        );
        let SnapshotCheck::Differs(difference) = store.check(&id, "a\nc", false).unwrap() else {
            panic!("a changed line must differ");
        };
        assert!(difference.diff.contains("-b\n+c"), "{}", difference.diff);
        assert_eq!(
            (
                difference.first_expected.as_str(),
                difference.first_actual.as_str()
            ),
            ("b", "c")
        );
    }

    #[test]
    fn writes_insta_header() {
        assert_eq!(
            snapshot_file_text(&log_id(), "before\nafter\n\n"),
            "---\nsource: runner/tests/chapters/trials.rs\nexpression: log\n---\nbefore\nafter\n"
        );
        assert_eq!(
            normalize(strip_header(&snapshot_file_text(&log_id(), "a"))),
            "a"
        );
    }
}
