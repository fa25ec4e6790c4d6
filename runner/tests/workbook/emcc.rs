//! The C builder: a `.c` module is compiled by the pinned emcc and checked
//! against its recorded build, or runs from that record without emcc.

use std::os::unix::fs::PermissionsExt;

use super::support::{RunnerOutput, ScratchWorkbook, repo_root, require_tool};

fn compiled() -> ScratchWorkbook {
    ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/c"))
}

fn run_with_emcc(scratch: &ScratchWorkbook, emcc: &str) -> RunnerOutput {
    scratch.runner_with_env(&["chapter", "compiled-c"], &[("WORKBOOK_EMCC", emcc)])
}

#[test]
fn without_emcc_the_module_runs_from_its_recorded_build_and_says_so_once() {
    let scratch = compiled();
    let output = run_with_emcc(&scratch, "/nonexistent/emcc");
    assert_eq!(output.code, Some(0), "{output:?}");
    assert!(
        output
            .stdout
            .contains("chapters/compiled-c/nine.c: ran the recorded build (emcc skipped)"),
        "{output:?}"
    );
    assert_eq!(
        output.stderr.trim(),
        "note: `/nonexistent/emcc` is not installed (emcc 3.1.6; install it with \
         `apt-get install -y emscripten`): C modules run from their recorded builds",
        "said once, in one line"
    );
}

#[test]
fn without_emcc_or_a_record_the_failure_names_the_install_command() {
    let scratch = compiled();
    for file in ["nine.recorded.wasm", "nine.recorded.mjs"] {
        std::fs::remove_file(scratch.root().join("snapshots/compiled-c").join(file)).unwrap();
    }
    let output = run_with_emcc(&scratch, "/nonexistent/emcc");
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output.stdout.contains("there is no recorded build")
            && output
                .stdout
                .contains("install emcc with `apt-get install -y emscripten`")
            && output.stdout.contains("FAIL at stage parse (variant main)"),
        "{output:?}"
    );
    assert_eq!(scratch.leftover_processes(), Vec::<String>::new());
}

#[test]
fn another_emcc_version_is_refused_naming_both_versions() {
    let scratch = compiled();
    let fake = scratch.root().join("emcc");
    std::fs::write(
        &fake,
        "#!/bin/sh\necho 'emcc (Emscripten gcc/clang-like replacement + linker emulating GNU ld) 3.1.70 (abc)'\n",
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let output = run_with_emcc(&scratch, fake.to_str().unwrap());
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output
            .stdout
            .contains("is emcc 3.1.70, but the recorded builds come from emcc 3.1.6"),
        "{output:?}"
    );
}

#[test]
#[cfg_attr(missing_emcc, ignore = "needs emcc: apt-get install -y emscripten")]
fn the_pinned_emcc_matches_the_record_hits_its_cache_and_locates_errors() {
    require_tool(runner::build::DEFAULT_EMCC, runner::build::EMCC_INSTALL);
    let scratch = compiled();
    let cold = run_with_emcc(&scratch, runner::build::DEFAULT_EMCC);
    assert_eq!(cold.code, Some(0), "{cold:?}");
    assert!(cold.stdout.contains("ran emcc, cached"), "{cold:?}");
    assert!(
        cold.stdout
            .contains("matches `snapshots/compiled-c/nine.recorded.wasm`"),
        "{cold:?}"
    );
    let warm = run_with_emcc(&scratch, runner::build::DEFAULT_EMCC);
    assert!(warm.stdout.contains("cache hit, emcc not run"), "{warm:?}");

    scratch.mutate("chapters/compiled-c/nine.c", "return 9;", "return 9");
    let broken = run_with_emcc(&scratch, runner::build::DEFAULT_EMCC);
    assert_eq!(broken.code, Some(1), "{broken:?}");
    assert!(
        broken.stdout.contains("chapters/compiled-c/nine.c:3:")
            && broken.stdout.contains("error: expected ';'")
            && broken.stdout.contains("FAIL at stage parse (variant main)"),
        "{broken:?}"
    );
    assert_eq!(scratch.leftover_processes(), Vec::<String>::new());
}

#[test]
#[cfg_attr(missing_emcc, ignore = "needs emcc: apt-get install -y emscripten")]
fn with_emcc_a_changed_source_differs_from_its_record() {
    require_tool(runner::build::DEFAULT_EMCC, runner::build::EMCC_INSTALL);
    let scratch = compiled();
    scratch.mutate("chapters/compiled-c/nine.c", "return 9;", "return 10;");
    let output = run_with_emcc(&scratch, runner::build::DEFAULT_EMCC);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output
            .stdout
            .contains("the rebuilt module differs from `snapshots/compiled-c/nine.recorded.wasm`")
            && output
                .stdout
                .contains("FAIL at stage snapshot (variant main)"),
        "{output:?}"
    );
}
