//! The tests, discovered from the workbook's data.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use libtest_mimic::{Failed, Trial};
use runner::book::check_chapter_pages;
use runner::dev_check::audit_exercises;
use runner::engine::BrowserPages;
use runner::exercise::Exercise;
use runner::mutation::{check_mutation, load_mutations};
use runner::report::SuiteReport;
use runner::report::render::RenderOptions;
use runner::run::{RunOptions, run_suite};
use runner::toolchain::{Toolchain, ToolchainOptions};
use runner::workbook::{Suite, Workbook};

/// The workbook under test: `WORKBOOK_DIR`, or this repository.
pub fn workbook_root() -> PathBuf {
    std::env::var_os("WORKBOOK_DIR").map_or_else(
        || {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .parent()
                .expect("runner/ has a parent")
                .to_path_buf()
        },
        PathBuf::from,
    )
}

/// Every test the workbook's data leads to.
pub fn discover() -> Vec<Trial> {
    let root = workbook_root();
    let workbook = match Workbook::open(&root).and_then(|w| Ok((w.chapters()?, w.exercises()?, w)))
    {
        Ok(loaded) => loaded,
        Err(error) => return vec![failing("workbook::loads", format!("{error:#}"))],
    };
    let (chapters, exercises, workbook) = workbook;
    let workbook = Arc::new(workbook);
    let mut trials = Vec::new();
    let suites: Vec<Suite> = (chapters.iter().cloned())
        .chain(exercises.iter().map(Exercise::suite))
        .collect();
    trials.extend(super::compilers::trials(&workbook, &suites));
    for chapter in chapters {
        trials.push(chapter_trial(&workbook, chapter.clone()));
        trials.push(browser_trial(&workbook, chapter.clone()));
        trials.extend(super::timeline::trials(&workbook, &chapter));
        trials.push(book_trial(&workbook, chapter.clone()));
        trials.extend(mutation_trials(&workbook, &chapter));
    }
    trials.extend(
        exercises
            .into_iter()
            .map(|exercise| exercise_trial(&workbook, exercise)),
    );
    trials.push(super::snapshots::trial(&workbook));
    if std::env::var_os("WORKBOOK_DIR").is_none() {
        trials.push(Trial::test(
            "fixture::a-chapter-added-as-data-is-tested",
            super::fixture::a_chapter_added_as_data_is_tested,
        ));
    }
    trials
}

pub fn failing(name: &str, message: String) -> Trial {
    Trial::test(name, move || Err(message.into()))
}

/// The Node toolchain, prepared once for every test of this process.
pub fn toolchain(workbook: &Workbook) -> &'static Toolchain {
    static TOOLCHAIN: OnceLock<Toolchain> = OnceLock::new();
    TOOLCHAIN.get_or_init(|| {
        Toolchain::prepare(workbook, ToolchainOptions::default()).expect("node-harness installs")
    })
}

fn chapter_trial(workbook: &Arc<Workbook>, chapter: Suite) -> Trial {
    let workbook = Arc::clone(workbook);
    Trial::test(format!("chapter::{}", chapter.id.name()), move || {
        let report = run_suite(
            &workbook,
            &chapter,
            toolchain(&workbook),
            &RunOptions::default(),
        )?;
        let verdict = passed(&report);
        // The runner's own report first: insta stops at the first snapshot that differs.
        if let Err(failed) = &verdict {
            eprintln!("{}", failed.message().unwrap_or_default());
        }
        assert_snapshots(&workbook, &chapter, &report);
        verdict
    })
}

/// Hands every log, compiled module and wasm-opt output to insta, so `cargo
/// insta review` works on the same files.
fn assert_snapshots(workbook: &Workbook, suite: &Suite, report: &SuiteReport) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(workbook.snapshots_dir().join(suite.id.relative_dir()));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for module in &report.modules {
            if let Some(compiled_output) = &module.compiled_output {
                insta::assert_snapshot!(format!("{}.compiled", module.name), compiled_output);
            }
            if let Some(wasm_opt_output) = &module.wasm_opt_output {
                insta::assert_snapshot!(format!("{}.wasm-opt", module.name), wasm_opt_output);
            }
        }
        for variant in &report.variants {
            if let Some(log) = &variant.log {
                insta::assert_snapshot!(format!("{}.log", variant.name), log);
            }
            if let Some(figure) = &variant.figure {
                insta::assert_snapshot!(format!("{}.figure.svg", variant.name), figure);
            }
            if let Some(drawing) = &variant.drawing {
                insta::assert_snapshot!(format!("{}.drawing", variant.name), drawing);
            }
        }
    });
}

fn passed(report: &SuiteReport) -> Result<(), Failed> {
    if report.passed() {
        Ok(())
    } else {
        Err(report
            .render(RenderOptions {
                color: false,
                verbose: true,
                show_log: false,
            })
            .into())
    }
}

fn browser_trial(workbook: &Arc<Workbook>, chapter: Suite) -> Trial {
    let name = format!("browser::{}", chapter.id.name());
    let Some(skip) = missing_chromium() else {
        let workbook = Arc::clone(workbook);
        return Trial::test(name, move || {
            let run_in = |pages| -> Result<SuiteReport, Failed> {
                let options = ToolchainOptions {
                    browser_isolation: Some(true),
                    browser_pages: pages,
                    ..ToolchainOptions::default()
                };
                let toolchain = Toolchain::prepare(&workbook, options)?;
                Ok(run_suite(
                    &workbook,
                    &chapter,
                    &toolchain,
                    &RunOptions::default(),
                )?)
            };
            let shared = run_in(BrowserPages::Shared)?;
            passed(&shared)?;
            let fresh = run_in(BrowserPages::EveryFresh)?;
            super::pages::same_in_shared_and_fresh_pages(&chapter, &shared, &fresh)
        });
    };
    skipped(&name, &skip)
}

/// The Chromium the browser tests use: `WORKBOOK_CHROMIUM`, or Debian's.
pub fn chromium_path() -> PathBuf {
    std::env::var_os("WORKBOOK_CHROMIUM").map_or_else(
        || PathBuf::from(runner::engine::DEFAULT_CHROMIUM),
        PathBuf::from,
    )
}

/// Why browser tests cannot run here, or `None` when Chromium is installed.
pub fn missing_chromium() -> Option<String> {
    let chromium = chromium_path();
    (!chromium.is_file()).then(|| {
        format!(
            "`{}` is not installed; install it with `apt-get install -y chromium`",
            chromium.display()
        )
    })
}

/// A test that cannot run here: ignored with a loud message, or failing
/// under `WORKBOOK_REQUIRE_ALL=1`.
pub fn skipped(name: &str, reason: &str) -> Trial {
    if std::env::var("WORKBOOK_REQUIRE_ALL").as_deref() == Ok("1") {
        return failing(name, format!("WORKBOOK_REQUIRE_ALL=1: {reason}"));
    }
    eprintln!("\n!!!!! SKIPPED {name}: {reason} !!!!!\n");
    Trial::test(name, || Ok(())).with_ignored_flag(true)
}

fn book_trial(workbook: &Arc<Workbook>, chapter: Suite) -> Trial {
    let workbook = Arc::clone(workbook);
    Trial::test(format!("book::{}", chapter.id.name()), move || {
        let mut problems = check_chapter_pages(&workbook, chapter.id.name())?;
        let exercises = workbook
            .manifest
            .exercises
            .iter()
            .filter(|(_, owner)| owner == chapter.id.name())
            .count();
        if exercises < 2 {
            problems.push(format!(
                "chapter `{name}` has {exercises} exercise(s) listed in chapters/workbook.toml; it needs at least 2: add another folder chapters/{name}/exercises/<exercise>/ and its name to `exercises` (see the README's \"Authoring exercises\"); `dev check` and `book check` do not count them",
                name = chapter.id.name()
            ));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n").into())
        }
    })
}

fn mutation_trials(workbook: &Arc<Workbook>, chapter: &Suite) -> Vec<Trial> {
    let name = chapter.id.name().clone();
    let loaded = match load_mutations(workbook, std::slice::from_ref(chapter)) {
        Ok(mut loaded) => loaded.remove(0),
        Err(error) => return vec![failing(&format!("mutation::{name}"), format!("{error:#}"))],
    };
    let manifest = Arc::new(loaded.1);
    manifest
        .mutations
        .iter()
        .map(|spec| {
            let trial = format!("mutation::{name}::{}", spec.name);
            if let Some(reason) = super::compilers::missing_for_edit(workbook, chapter, &spec.file)
            {
                return skipped(&trial, &reason);
            }
            let (workbook, manifest, chapter, spec) = (
                Arc::clone(workbook),
                Arc::clone(&manifest),
                chapter.clone(),
                spec.clone(),
            );
            Trial::test(trial, move || {
                let outcome =
                    check_mutation(&workbook, toolchain(&workbook), &chapter, &manifest, &spec)?;
                if let Some(reason) = outcome.skipped {
                    return Err(reason.into());
                }
                match outcome.problem {
                    None => Ok(()),
                    Some(problem) => Err(format!("{}: {problem}", outcome.location).into()),
                }
            })
        })
        .collect()
}

fn exercise_trial(workbook: &Arc<Workbook>, exercise: Exercise) -> Trial {
    let name = format!("exercise::{}", exercise.name);
    if let Some(reason) = super::compilers::missing_for_exercise(workbook, &exercise) {
        return skipped(&name, &reason);
    }
    let workbook = Arc::clone(workbook);
    Trial::test(name, move || {
        let mut audits = audit_exercises(
            &workbook,
            toolchain(&workbook),
            std::slice::from_ref(&exercise),
            false,
        )?;
        let audit = audits.remove(0);
        if let Some(solution) = &audit.solution {
            assert_snapshots(&workbook, &exercise.suite(), solution);
        }
        if !audit.problems.is_empty() {
            return Err(audit.problems.join("\n").into());
        }
        Ok(())
    })
}
