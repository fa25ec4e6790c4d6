//! What a run found, as data: each stage, a verdict per variant, the module
//! sizes. Serialized for `--format json`; rendered as text in [`render`].

pub mod bounded;
mod learner;
pub mod render;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::names::SuiteId;
use crate::verdict::{StageFailure, StageStep, Verdict};

/// The verdict for one variant.
#[derive(Debug, Clone, Serialize)]
pub struct VariantReport {
    /// The variant's name.
    pub name: String,
    /// What it demonstrates.
    pub summary: String,
    /// The stages that passed, in order.
    pub steps: Vec<StageStep>,
    /// Passed, failed at a stage, or skipped.
    pub verdict: Verdict,
    /// The compared log, when the harness ran.
    pub log: Option<String>,
    /// The drawing made from the run's trace, when the engine draws (chapters on Node).
    pub drawing: Option<String>,
    /// Everything the harness printed, for `--verbose`.
    #[serde(skip)]
    pub raw_output: String,
    /// The drawing as an SVG figure, when the engine draws.
    #[serde(skip)]
    pub figure: Option<String>,
    /// The trace events the run recorded, one JSON object a line (for `--trace`).
    #[serde(skip)]
    pub trace: String,
    /// The runs (`<chapter or exercise>/<variant>`) that overlapped this one's engine run:
    /// empty for a variant marked `alone`.
    pub ran_alongside: Vec<String>,
}

/// One built module and its size, for the size table.
#[derive(Debug, Clone, Serialize)]
pub struct ModuleReport {
    /// The module's name.
    pub name: String,
    /// The wasm-opt arguments it was built with (empty: none).
    pub wasm_opt: Vec<String>,
    /// The size of the module the harness loads, when it built.
    pub bytes: Option<usize>,
    /// wasm-opt's output as WAT, for modules built with wasm-opt.
    #[serde(skip)]
    pub wasm_opt_output: Option<String>,
    /// The compiler's output as WAT, for modules whose source is not WAT.
    #[serde(skip)]
    pub compiled_output: Option<String>,
}

/// The verdicts for one chapter or one exercise.
#[derive(Debug, Clone)]
pub struct SuiteReport {
    /// Which chapter or exercise.
    pub id: SuiteId,
    /// Its title.
    pub title: String,
    /// Every module it builds, in manifest order.
    pub modules: Vec<ModuleReport>,
    /// One report per variant run, in manifest order.
    pub variants: Vec<VariantReport>,
}

impl SuiteReport {
    /// True when no variant failed.
    pub fn passed(&self) -> bool {
        self.variants.iter().all(|variant| variant.verdict.is_ok())
    }

    /// The failure of the first variant that failed, if any did.
    pub fn first_failure(&self) -> Option<&StageFailure> {
        self.variants
            .iter()
            .find_map(|variant| variant.verdict.failure())
    }
}

impl Serialize for SuiteReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut report = serializer.serialize_struct("SuiteReport", 6)?;
        report.serialize_field("kind", self.id.kind())?;
        report.serialize_field("name", self.id.name())?;
        report.serialize_field("title", &self.title)?;
        report.serialize_field("passed", &self.passed())?;
        report.serialize_field("modules", &self.modules)?;
        report.serialize_field("variants", &self.variants)?;
        report.end()
    }
}

/// The report for `runner all --format json`.
#[derive(Debug, Serialize)]
pub struct WorkbookReport<'a> {
    /// Every chapter, in workbook order.
    pub chapters: &'a [SuiteReport],
    /// How many chapters passed.
    pub passed: usize,
    /// How many chapters failed.
    pub failed: usize,
}
