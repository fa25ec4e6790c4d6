//! The compilers the workbook does not ship (rustc, emcc): each gets a trial
//! that rebuilds its modules and checks them against their recorded builds,
//! and skips loudly where the compiler is not installed.

use std::path::Path;
use std::sync::Arc;

use libtest_mimic::Trial;
use runner::build::{COMPILERS, Compilers, build_suite};
use runner::exercise::Exercise;
use runner::names::Name;
use runner::workbook::{Suite, Workbook};

use super::trials::{failing, skipped, toolchain};

fn compilers(workbook: &Workbook) -> Compilers {
    Compilers::new(workbook.target_dir().to_path_buf())
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
    let compilers = compilers(workbook);
    COMPILERS
        .into_iter()
        .filter_map(|compiler| {
            let extension = compiler.extension;
            let users: Vec<Suite> = (suites.iter())
                .filter(|suite| !modules_built_from(suite, extension).is_empty())
                .cloned()
                .collect();
            (!users.is_empty())
                .then(|| trial(workbook, &compilers, compiler.tool, extension, users))
        })
        .collect()
}

/// Every module of `extension` compiles with the pinned `tool` and matches
/// its recorded build, which is what runs on a machine without the tool.
fn trial(
    workbook: &Arc<Workbook>,
    compilers: &Compilers,
    tool: &str,
    extension: &'static str,
    suites: Vec<Suite>,
) -> Trial {
    let name = format!("compiler::{tool}");
    match compilers.unavailable(extension) {
        None => {
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
        Some(unavailable) if unavailable.missing => skipped(&name, unavailable.reason),
        Some(unavailable) => failing(&name, unavailable.reason.to_owned()),
    }
}

/// Why an edit to `file` of `chapter` cannot be checked here: it changes a
/// source, or the manifest of sources, whose compiler is not installed.
pub fn missing_for_edit(workbook: &Workbook, chapter: &Suite, file: &Path) -> Option<String> {
    let compilers = compilers(workbook);
    let unavailable = compilers.cannot_rebuild(chapter, file)?;
    unavailable.missing.then(|| unavailable.reason.to_owned())
}

/// Why `exercise` cannot be checked here: the learner writes a source whose
/// compiler is not installed, so neither starter nor solution can be built.
pub fn missing_for_exercise(workbook: &Workbook, exercise: &Exercise) -> Option<String> {
    let compilers = compilers(workbook);
    exercise.manifest.files.iter().find_map(|file| {
        let unavailable = compilers.unavailable(file.extension()?.to_str()?)?;
        unavailable.missing.then(|| unavailable.reason.to_owned())
    })
}
