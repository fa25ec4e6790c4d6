//! Cross-page facts (`book/facts.toml`): a sentence on a page that states a
//! number or a name the book measures or orders elsewhere (a module's size,
//! a ratio of sizes, a recorded bench median, the first or last chapter).
//! `book check` computes each value now and fails when the page no longer
//! says it, so prose cannot drift from the tables it leans on.

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use super::{read, recorded_bench};
use crate::bench::report::{BenchReport, TechniqueResult, format_ns};
use crate::run::module_sizes;
use crate::toolchain::Toolchain;
use crate::workbook::Workbook;

/// Where the facts are listed, relative to the workbook.
pub const FACTS_FILE: &str = "book/facts.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Facts {
    #[serde(rename = "fact")]
    facts: Vec<Fact>,
}

/// One sentence fragment, `says`, whose `{}` stands for `value`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fact {
    /// Relative to `book/src/`.
    page: String,
    says: String,
    value: FactValue,
}

/// Where a fact's value comes from.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum FactValue {
    /// `"<chapter>/<module>"`: its size in bytes as it builds now.
    ModuleSize(String),
    /// Two modules, `[a, b]`: a's size over b's, one decimal.
    SizeRatio([String; 2]),
    /// A technique of the recorded bench: its median, as the cost table shows it.
    BenchMedian(String),
    /// A technique of the recorded bench: its module's size without names.
    BenchSize(String),
    /// Two techniques, `[a, b]`: a's module size over b's, one decimal.
    BenchSizeRatio([String; 2]),
    /// Two files, relative to the workbook (such as an npm package's wasm
    /// under `node-harness/node_modules`): a's size over b's, one decimal.
    FileSizeRatio([String; 2]),
    /// `"<file>::<name>"`: a test a page cites; `<name>` must be a `fn` in
    /// a file under `runner/tests/`.
    Test(String),
    /// `"first"` or `"last"`: that chapter's name in `chapters/workbook.toml`.
    Chapter(String),
}

/// Every fact in `book/facts.toml` that its page no longer states, as a
/// message naming the page, the expected words and the fact's line.
///
/// # Errors
///
/// Fails when the facts file or a page cannot be read. A fact whose value
/// cannot be found (a module, technique, file or test that does not exist) is
/// a problem that names its line, not an error.
pub fn fact_problems(workbook: &Workbook, toolchain: &Toolchain) -> Result<Vec<String>> {
    let path = workbook.root().join(FACTS_FILE);
    let text = read(&path)?;
    let facts: Facts =
        toml::from_str(&text).with_context(|| format!("`{FACTS_FILE}` is not valid"))?;
    let bench = recorded_bench(workbook)?;
    let mut problems = Vec::new();
    for fact in &facts.facts {
        if fact.says.matches("{}").count() != 1 {
            bail!(
                "{FACTS_FILE}:{}: `says` must hold `{{}}` exactly once, where the value goes",
                line_of(&text, &fact.says)
            );
        }
        let value = match fact_value(workbook, toolchain, &bench, &fact.value) {
            Ok(value) => value,
            Err(error) => {
                problems.push(format!(
                    "{FACTS_FILE}:{}: {error:#}",
                    line_of(&text, &fact.says)
                ));
                continue;
            }
        };
        let expected = fact.says.replace("{}", &value);
        let page = read(&workbook.root().join("book/src").join(&fact.page))?;
        if !squeeze(&page).contains(&squeeze(&expected)) {
            problems.push(format!(
                "book/src/{}: should say `{expected}` ({FACTS_FILE}:{}); \
                 change the page, or the fact if the sentence moved",
                fact.page,
                line_of(&text, &fact.says)
            ));
        }
    }
    Ok(problems)
}

fn fact_value(
    workbook: &Workbook,
    toolchain: &Toolchain,
    bench: &BenchReport,
    value: &FactValue,
) -> Result<String> {
    Ok(match value {
        FactValue::ModuleSize(module) => module_size(workbook, toolchain, module)?.to_string(),
        FactValue::SizeRatio([a, b]) => ratio(
            module_size(workbook, toolchain, a)?,
            module_size(workbook, toolchain, b)?,
        ),
        FactValue::BenchMedian(name) => {
            let spread = technique(bench, name)?
                .spread
                .with_context(|| format!("technique `{name}` has no recorded median"))?;
            format_ns(spread.median_ns)
        }
        FactValue::BenchSize(name) => bench_size(bench, name)?.to_string(),
        FactValue::BenchSizeRatio([a, b]) => ratio(bench_size(bench, a)?, bench_size(bench, b)?),
        FactValue::FileSizeRatio([a, b]) => ratio(file_size(workbook, a)?, file_size(workbook, b)?),
        FactValue::Test(name) => test_name(workbook, name)?,
        FactValue::Chapter(position) => {
            let chapters = &workbook.manifest.chapters;
            let chapter = match position.as_str() {
                "first" => chapters.first(),
                "last" => chapters.last(),
                other => bail!("chapter position `{other}`: use \"first\" or \"last\""),
            };
            chapter
                .context("chapters/workbook.toml lists no chapter")?
                .to_string()
        }
    })
}

fn module_size(workbook: &Workbook, toolchain: &Toolchain, qualified: &str) -> Result<usize> {
    let Some((chapter, module)) = qualified.split_once('/') else {
        bail!("module `{qualified}`: write it as \"<chapter>/<module>\"");
    };
    let suite = workbook.chapter(chapter)?;
    module_sizes(workbook, &suite, toolchain)?
        .into_iter()
        .find(|(name, _)| name.as_str() == module)
        .with_context(|| format!("chapter `{chapter}` has no module `{module}`"))?
        .1
        .with_context(|| format!("module `{qualified}` does not build"))
}

fn file_size(workbook: &Workbook, relative: &str) -> Result<usize> {
    if relative
        .split('/')
        .any(|part| part == ".." || part.is_empty())
    {
        bail!("file `{relative}`: name it relative to the workbook, without `..`");
    }
    let metadata = std::fs::metadata(workbook.root().join(relative)).with_context(|| {
        format!("file `{relative}` (for packages, `npm ci` in node-harness installs them)")
    })?;
    usize::try_from(metadata.len()).context("file size")
}

/// The cited name, once a `fn` of that name is found under `runner/tests/`.
fn test_name(workbook: &Workbook, cited: &str) -> Result<String> {
    let function = cited.rsplit("::").next().unwrap_or(cited);
    let tests = workbook.root().join("runner/tests");
    if !tests.is_dir() {
        // A copy of the book without the runner's sources (a scratch workbook).
        return Ok(cited.to_string());
    }
    let defined = crate::files::files_with_extension(&tests, "rs")?
        .iter()
        .filter_map(|file| std::fs::read_to_string(file).ok())
        .any(|text| text.contains(&format!("fn {function}(")));
    if !defined {
        bail!("no test `fn {function}(` under runner/tests/; fix the name the page cites");
    }
    Ok(cited.to_string())
}

fn technique<'a>(bench: &'a BenchReport, name: &str) -> Result<&'a TechniqueResult> {
    bench
        .techniques
        .iter()
        .find(|row| row.name == name)
        .with_context(|| format!("book/bench/recorded.json has no technique `{name}`"))
}

fn bench_size(bench: &BenchReport, name: &str) -> Result<usize> {
    Ok(technique(bench, name)?
        .size
        .with_context(|| format!("technique `{name}` has no recorded module size"))?
        .without_names)
}

/// `a / b` with one decimal, rounded half up, in integer arithmetic.
fn ratio(a: usize, b: usize) -> String {
    let tenths = (a * 10 + b.max(1) / 2) / b.max(1);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Runs of whitespace as one space: prose wraps wherever the editor likes.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle)
        .map_or(1, |at| text[..at].matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_round_half_up_to_one_decimal() {
        assert_eq!(ratio(766, 111), "6.9");
        assert_eq!(ratio(8528, 322), "26.5");
        assert_eq!(ratio(15, 10), "1.5");
    }

    #[test]
    fn wrapped_prose_matches_a_one_line_fact() {
        assert!(squeeze("about\n  6.9 times the\nplain one").contains("6.9 times the plain"));
    }

    #[test]
    fn facts_name_their_source() {
        let facts: Facts = toml::from_str(
            "[[fact]]\npage = \"a.md\"\nsays = \"{} bytes\"\nvalue = { module_size = \"c/m\" }\n",
        )
        .unwrap();
        assert!(matches!(facts.facts[0].value, FactValue::ModuleSize(ref m) if m == "c/m"));
    }
}
