//! Every chapter passes, and its logs match the expected-log snapshots.

use runner::report::RenderOptions;
use runner::snapshot::{expected_log_name, instrumented_name};

use super::support::{repo_workbook, run_chapter};

fn check_chapter(name: &str) {
    let workbook = repo_workbook();
    let report = run_chapter(&workbook, name);
    insta::with_settings!({
        snapshot_path => "../../../snapshots",
        prepend_module_to_snapshot => false,
    }, {
        for module in &report.modules {
            if let Some(instrumented) = &module.instrumented_text {
                insta::assert_snapshot!(instrumented_name(name, &module.name), instrumented);
            }
        }
        for variant in &report.variants {
            if let Some(log) = &variant.log {
                insta::assert_snapshot!(expected_log_name(name, &variant.name), log);
            }
        }
    });
    assert!(
        report.passed,
        "{}",
        report.render(RenderOptions {
            color: false,
            verbose: true
        })
    );
}

macro_rules! chapter_tests {
    ($($name:ident),* $(,)?) => {
        $(#[test] fn $name() { check_chapter(&stringify!($name).replace('_', "-")); })*

        #[test]
        fn every_chapter_has_a_test() {
            let tested: Vec<String> = vec![$(stringify!($name).replace('_', "-")),*];
            assert_eq!(tested, repo_workbook().manifest.chapters, "add the chapter to chapter_tests!");
        }
    };
}

chapter_tests!(blocking, callback, asyncify, atomics, jspi);

#[test]
fn readme_lists_every_chapter() {
    let readme = std::fs::read_to_string(super::support::repo_root().join("README.md")).unwrap();
    for name in repo_workbook().manifest.chapters {
        assert!(
            readme.contains(&format!("| `{name}`")),
            "README.md's chapter table lacks `{name}`"
        );
    }
}
