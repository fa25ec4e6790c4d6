//! Advice for the mistakes learners make, added below a failed check: each
//! names the fix in the learner's words, where the raw message names only
//! the symptom (a glue function's `TypeError`, a parser's grammar names).

use crate::report::SuiteReport;
use crate::verdict::Stage;

use super::Exercise;

/// The parser's words for what it expected, and the learner's.
const PLAIN_WAT_WORDS: [(&str, &str); 8] = [
    ("absheaptype", "a heap type such as `func` or `extern`"),
    ("heaptype", "a heap type such as `func` or `extern`"),
    (
        "reftype",
        "a reference type such as `funcref` or `externref`",
    ),
    (
        "valtype",
        "a value type (`i32`, `i64`, `f32`, `f64`, `v128` or a reference type)",
    ),
    ("an index", "an index (a number, or a `$name`)"),
    ("left paren", "an opening `(`"),
    ("right paren", "a closing `)`"),
    ("a string", "a string in double quotes"),
];

/// One line of advice for each known mistake in a failed `report` of
/// `exercise`, whose learner files are read as they are now.
pub fn advice_for(exercise: &Exercise, report: &SuiteReport) -> Vec<String> {
    let Some(failure) = report.first_failure() else {
        return Vec::new();
    };
    let sources: Vec<String> = (exercise.files().iter())
        .filter_map(|file| std::fs::read_to_string(exercise.learner_file(file)).ok())
        .collect();
    let mut advice = Vec::new();
    if let Some(name) = sources.iter().find_map(|text| underscored_c_name(text)) {
        advice.push(format!(
            "ccall and cwrap take the C function's own name, without the underscore its wasm export carries: `'{name}'`, not `'_{name}'`."
        ));
    }
    if failure.message.contains("unexpectedly returned a Promise") {
        advice.push(
            "`evalCode` runs a script to its end at once, so a script that awaits cannot run there: use the asyncify build and `await vm.evalCodeAsync(script)`.".into(),
        );
    }
    let starter_logs = (exercise.files().iter())
        .filter_map(|file| {
            std::fs::read_to_string(exercise.source_dir.join("starter").join(file)).ok()
        })
        .map(|text| text.matches("console.log(").count())
        .sum::<usize>();
    let learner_logs = sources
        .iter()
        .map(|text| text.matches("console.log(").count())
        .sum::<usize>();
    if failure.stage == Stage::Log && learner_logs > starter_logs {
        advice.push(
            "Your file still calls `console.log`: what it prints lands in the log the check compares. Remove debug output before checking (in watch, v shows the run's details).".into(),
        );
    }
    if failure.stage == Stage::Parse
        && let Some(plain) = plain_wat_expectation(&failure.message)
    {
        advice.push(format!(
            "In plain words: the parser expected {plain} there."
        ));
    }
    advice
}

/// The name in a `ccall('_name', …)` or `cwrap("_name", …)`, without its underscore.
fn underscored_c_name(source: &str) -> Option<String> {
    ["ccall(", "cwrap("].iter().find_map(|call| {
        source.match_indices(call).find_map(|(at, _)| {
            let rest = source[at + call.len()..].trim_start();
            let quote = rest.chars().next().filter(|c| "'\"`".contains(*c))?;
            let name = rest[1..].strip_prefix('_')?;
            let end = name.find(quote)?;
            Some(name[..end].to_string())
        })
    })
}

/// The parser's "expected one of: …" in plain words, when it used grammar names.
fn plain_wat_expectation(message: &str) -> Option<String> {
    // "unexpected token, expected one of: …": the list follows the last "expected".
    let listed = &message[message.rfind("expected")? + "expected".len()..];
    let listed = listed.trim_start_matches(" one of").trim_start_matches(':');
    let listed = listed.lines().next()?;
    let mut plain: Vec<&str> = Vec::new();
    let mut translated = false;
    for item in listed
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
    {
        match PLAIN_WAT_WORDS.iter().find(|(word, _)| item == *word) {
            Some((_, words)) => {
                translated = true;
                if !plain.contains(words) {
                    plain.push(words);
                }
            }
            None => plain.push(item),
        }
    }
    translated.then(|| plain.join(", or "))
}

#[cfg(test)]
mod tests {
    use super::{plain_wat_expectation, underscored_c_name};

    #[test]
    fn an_underscored_ccall_name_is_found_without_its_underscore() {
        let source = "const p = Module.ccall( '_wait_rounds', 'number', [], [], { async: true });";
        assert_eq!(underscored_c_name(source).as_deref(), Some("wait_rounds"));
        assert_eq!(underscored_c_name("Module.ccall('wait_rounds')"), None);
    }

    #[test]
    fn grammar_names_become_plain_words() {
        assert_eq!(
            plain_wat_expectation(
                "error: expected one of: an index, left paren, absheaptype\n --> x.wat:3:9"
            )
            .as_deref(),
            Some(
                "an index (a number, or a `$name`), or an opening `(`, or a heap type such as `func` or `extern`"
            )
        );
        assert_eq!(plain_wat_expectation("expected `)`"), None);
    }
}
