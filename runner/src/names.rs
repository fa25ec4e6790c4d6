//! Typed names and ids: what a manifest calls a chapter, variant, module,
//! exercise or mutation, and the suite (a chapter or one exercise) a run is about.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A name of lowercase letters, digits and `-`, starting with a letter: the
/// one naming style for chapters, exercises, variants, modules and mutations,
/// so that two names never differ only in `-` versus `_`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Name(String);

impl Name {
    /// Checks `text` against the naming rule.
    ///
    /// # Errors
    ///
    /// Says what is wrong and suggests the kebab-case spelling.
    pub fn new(text: &str) -> Result<Self, String> {
        let starts_with_letter = text.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        let allowed = text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if starts_with_letter && allowed && !text.ends_with('-') {
            return Ok(Self(text.to_string()));
        }
        let suggestion = text.to_ascii_lowercase().replace(['_', ' ', '.'], "-");
        Err(format!(
            "`{text}` is not a valid name: use lowercase letters, digits and `-`, starting with a letter (kebab-case, e.g. `{suggestion}`)"
        ))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Name {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        Self::new(&text)
    }
}

impl From<Name> for String {
    fn from(name: Name) -> Self {
        name.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

/// What a run is about: a chapter, or one exercise of a chapter. It decides
/// where the run's snapshots and built modules live.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SuiteId {
    /// `chapters/<chapter>/`.
    Chapter(Name),
    /// `chapters/<chapter>/exercises/<exercise>/`.
    Exercise {
        /// The chapter the exercise belongs to.
        chapter: Name,
        /// The exercise.
        exercise: Name,
    },
}

impl SuiteId {
    /// The chapter this suite is, or belongs to.
    pub fn chapter(&self) -> &Name {
        match self {
            Self::Chapter(chapter) | Self::Exercise { chapter, .. } => chapter,
        }
    }

    /// The suite's own name: the chapter's or the exercise's.
    pub fn name(&self) -> &Name {
        match self {
            Self::Chapter(name) | Self::Exercise { exercise: name, .. } => name,
        }
    }

    /// "chapter" or "exercise", for reports.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Chapter(_) => "chapter",
            Self::Exercise { .. } => "exercise",
        }
    }

    /// The suite's folder relative to `chapters/`, and the layout of its
    /// snapshots under `snapshots/` and its artifacts under `target/workbook/`.
    pub fn relative_dir(&self) -> std::path::PathBuf {
        match self {
            Self::Chapter(chapter) => chapter.as_str().into(),
            Self::Exercise { chapter, exercise } => {
                [chapter.as_str(), "exercises", exercise.as_str()]
                    .iter()
                    .collect()
            }
        }
    }
}

impl fmt::Display for SuiteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind(), self.name())
    }
}

/// Anything that a suite's snapshot can be of.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SnapshotId {
    /// The expected log of a variant (or a browser log of its own):
    /// `<suite>/<name>.log.snap`.
    Log(SuiteId, Name),
    /// A module as wasm-opt left it, printed as WAT: `<suite>/<module>.wasm-opt.snap`.
    WasmOpt(SuiteId, Name),
    /// A module compiled from a source that is not WAT (Rust), printed as
    /// WAT: `<suite>/<module>.compiled.snap`. It is also the recorded build.
    Compiled(SuiteId, Name),
    /// The drawing made from a chapter variant's event trace: `<suite>/<name>.drawing.snap`.
    Drawing(SuiteId, Name),
    /// The same drawing as an SVG figure: `<suite>/<name>.figure.svg.snap`.
    Figure(SuiteId, Name),
}

impl SnapshotId {
    /// The file, relative to `snapshots/`.
    pub fn relative_path(&self) -> std::path::PathBuf {
        match self {
            Self::Log(suite, name) => suite.relative_dir().join(format!("{name}.log.snap")),
            Self::WasmOpt(suite, name) => {
                suite.relative_dir().join(format!("{name}.wasm-opt.snap"))
            }
            Self::Compiled(suite, name) => {
                suite.relative_dir().join(format!("{name}.compiled.snap"))
            }
            Self::Drawing(suite, name) => suite.relative_dir().join(format!("{name}.drawing.snap")),
            Self::Figure(suite, name) => {
                suite.relative_dir().join(format!("{name}.figure.svg.snap"))
            }
        }
    }

    /// The `expression` in the snapshot's header: the variable that the
    /// test in `runner/tests/chapters/trials.rs` hands to insta.
    pub fn expression(&self) -> &'static str {
        match self {
            Self::Log(..) => "log",
            Self::WasmOpt(..) => "wasm_opt_output",
            Self::Compiled(..) => "compiled_output",
            Self::Drawing(..) => "drawing",
            Self::Figure(..) => "figure",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kebab_case() {
        assert!(Name::new("call-chain2").is_ok());
        assert_eq!(
            Name::new("call_chain").unwrap_err(),
            "`call_chain` is not a valid name: use lowercase letters, digits and `-`, starting with a letter (kebab-case, e.g. `call-chain`)"
        );
        for bad in ["", "-a", "a-", "A", "2x", "a b", "../x"] {
            assert!(Name::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn snapshots_mirror_the_chapters() {
        let chapter = Name::new("asyncify").unwrap();
        let exercise = SuiteId::Exercise {
            chapter: chapter.clone(),
            exercise: Name::new("asyncify-buffer").unwrap(),
        };
        let log = SnapshotId::Log(SuiteId::Chapter(chapter), Name::new("call-chain").unwrap());
        let module = SnapshotId::WasmOpt(exercise, Name::new("descend").unwrap());
        assert_eq!(
            log.relative_path(),
            std::path::Path::new("asyncify/call-chain.log.snap")
        );
        assert_eq!(
            module.relative_path(),
            std::path::Path::new("asyncify/exercises/asyncify-buffer/descend.wasm-opt.snap")
        );
    }
}
