//! The compilers the workbook does not ship (rustc, emcc): each gets a trial
//! that rebuilds its modules and checks them against their recorded builds,
//! and skips loudly where the compiler is not installed.

use std::path::Path;
use std::sync::Arc;

use libtest_mimic::Trial;
use runner::build::{CCompiler, RustCompiler, build_suite};
use runner::exercise::Exercise;
use runner::names::Name;
use runner::workbook::{Suite, Workbook};

use super::trials::{failing, skipped, toolchain};

/// Whether a compiler can run here.
enum Availability {
    Ready,
    Missing(String),
    WrongVersion(String),
}

/// The compilers by the source extension they build.
const COMPILERS: [(&str, &str); 2] = [("rustc", "rs"), ("emcc", "c")];

fn availability(workbook: &Workbook, extension: &str) -> Availability {
    let cache = workbook.target_dir().join("compiler-check");
    match extension {
        "rs" => match RustCompiler::find(cache) {
            RustCompiler::Ready(_) => Availability::Ready,
            RustCompiler::Missing(reason) => Availability::Missing(reason),
            RustCompiler::WrongVersion(message) => Availability::WrongVersion(message),
        },
        _ => match CCompiler::find(cache) {
            CCompiler::Ready(_) => Availability::Ready,
            CCompiler::Missing(reason) => Availability::Missing(reason),
            CCompiler::WrongVersion(message) => Availability::WrongVersion(message),
        },
    }
}

/// The modules of `suite` built from `extension` sources that have a
/// recorded build (a learner's source has none).
fn modules_built_from(suite: &Suite, extension: &str) -> Vec<Name> {
    let modules = suite.manifest.modules.iter();
    modules
        .filter(|module| module.source.extension().is_some_and(|e| e == extension))
        .filter(|module| !suite.manifest.files.contains(&module.source))
        .map(|module| module.name.clone())
        .collect()
}

/// `compiler::<tool>` for every compiler some suite needs.
pub fn trials(workbook: &Arc<Workbook>, suites: &[Suite]) -> Vec<Trial> {
    COMPILERS
        .into_iter()
        .filter_map(|(tool, extension)| {
            let users: Vec<Suite> = (suites.iter())
                .filter(|suite| !modules_built_from(suite, extension).is_empty())
                .cloned()
                .collect();
            (!users.is_empty()).then(|| trial(workbook, tool, extension, users))
        })
        .collect()
}

/// Every module of `extension` compiles with the pinned `tool` and matches
/// its recorded build, which is what runs on a machine without the tool.
fn trial(
    workbook: &Arc<Workbook>,
    tool: &str,
    extension: &'static str,
    suites: Vec<Suite>,
) -> Trial {
    let name = format!("compiler::{tool}");
    match availability(workbook, extension) {
        Availability::Ready => {
            let workbook = Arc::clone(workbook);
            Trial::test(name, move || {
                let builders = &toolchain(&workbook).builders;
                let mut problems = Vec::new();
                for suite in &suites {
                    let built = build_suite(&workbook, suite, builders, false)?;
                    for module in modules_built_from(suite, extension) {
                        if let Err(failure) = &built.module(&module).wasm {
                            problems.push(format!("{} / {module}: {}", suite.id, failure.message));
                        }
                    }
                }
                if problems.is_empty() {
                    Ok(())
                } else {
                    Err(problems.join("\n").into())
                }
            })
        }
        Availability::WrongVersion(message) => failing(&name, message),
        Availability::Missing(reason) => skipped(&name, &reason),
    }
}

/// Why an edit to `file` of `chapter` cannot be checked here: it changes a
/// source, or the manifest of sources, whose compiler is not installed.
pub fn missing_for_edit(workbook: &Workbook, chapter: &Suite, file: &Path) -> Option<String> {
    let is_manifest = file.file_name().is_some_and(|name| name == "chapter.toml");
    COMPILERS.into_iter().find_map(|(_, extension)| {
        let edits_source = file.extension().is_some_and(|e| e == extension);
        let uses = is_manifest && !modules_built_from(chapter, extension).is_empty();
        match availability(workbook, extension) {
            Availability::Missing(reason) if edits_source || uses => Some(reason),
            _ => None,
        }
    })
}

/// Why `exercise` cannot be checked here: the learner writes a source whose
/// compiler is not installed, so neither starter nor solution can be built.
pub fn missing_for_exercise(workbook: &Workbook, exercise: &Exercise) -> Option<String> {
    COMPILERS.into_iter().find_map(|(_, extension)| {
        let writes = (exercise.manifest.files.iter())
            .any(|file| file.extension().is_some_and(|e| e == extension));
        match availability(workbook, extension) {
            Availability::Missing(reason) if writes => Some(reason),
            _ => None,
        }
    })
}
