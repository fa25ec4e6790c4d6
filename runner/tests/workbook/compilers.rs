//! The pinned compilers (rustc for Rust, emcc for C), one set of tests run
//! for each: a module is compiled by the pinned compiler and checked against
//! its recorded build, or runs from that record without the compiler, and
//! another version is refused. A new compiler adds one [`Case`].

use std::os::unix::fs::PermissionsExt;

use runner::build::{EMCC, PinnedCompiler, RUSTC};

use super::support::{RunnerOutput, ScratchWorkbook, repo_root, require_tool};

/// One compiler's fixture workbook (one chapter, one module, one variant
/// `main`) and what its messages say.
struct Case {
    compiler: &'static PinnedCompiler,
    /// The folder under `runner/tests/fixtures/`.
    fixture: &'static str,
    chapter: &'static str,
    /// The module's source, relative to the workbook.
    source: &'static str,
    /// An edit to the source that changes what the module computes.
    changes_result: (&'static str, &'static str),
    /// An edit that breaks the source, and what the compiler's error shows.
    breaks: (&'static str, &'static str),
    error_shows: &'static [&'static str],
    /// The record's files in `snapshots/<chapter>/`.
    record_files: &'static [&'static str],
    /// What a run from the record shows besides the one-line step.
    from_record_shows: &'static str,
    /// What a run with neither the compiler nor the record says.
    no_record_says: &'static str,
    /// What a rebuild that matches the record says.
    matches_says: &'static str,
    /// What a rebuild that differs from the record says.
    differs_says: &'static str,
    /// The first line `--version` prints for a version that is not pinned.
    other_version: (&'static str, &'static str),
}

const RUST: Case = Case {
    compiler: &RUSTC,
    fixture: "rust",
    chapter: "compiled",
    source: "chapters/compiled/eight.rs",
    changes_result: ("8\n", "9\n"),
    breaks: ("8\n", "eight\n"),
    error_shows: &["--> chapters/compiled/eight.rs:3:5"],
    record_files: &["eight.compiled.snap"],
    from_record_shows: "rebuilt eight from `snapshots/compiled/eight.compiled.snap`",
    no_record_says: "`snapshots/compiled/eight.compiled.snap` does not exist, so `eight` cannot be rebuilt without rustc",
    matches_says: "eight matches `snapshots/compiled/eight.compiled.snap`",
    differs_says: "the compiled `eight` differs from `snapshots/compiled/eight.compiled.snap`",
    other_version: ("rustc 1.70.0 (90c541806 2023-05-31)", "1.70.0"),
};

const C: Case = Case {
    compiler: &EMCC,
    fixture: "c",
    chapter: "compiled-c",
    source: "chapters/compiled-c/nine.c",
    changes_result: ("return 9;", "return 10;"),
    breaks: ("return 9;", "return 9"),
    error_shows: &["chapters/compiled-c/nine.c:3:", "error: expected ';'"],
    record_files: &["nine.recorded.wasm", "nine.recorded.mjs"],
    from_record_shows: "nine matches `snapshots/compiled-c/nine.compiled.snap`",
    no_record_says: "there is no recorded build (`snapshots/compiled-c/nine.recorded.wasm` and `snapshots/compiled-c/nine.recorded.mjs`), and emcc cannot run",
    matches_says: "matches `snapshots/compiled-c/nine.recorded.wasm`",
    differs_says: "the rebuilt module differs from `snapshots/compiled-c/nine.recorded.wasm`",
    other_version: (
        "emcc (Emscripten gcc/clang-like replacement + linker emulating GNU ld) 3.1.70 (abc)",
        "3.1.70",
    ),
};

impl Case {
    fn scratch(&self) -> ScratchWorkbook {
        ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures").join(self.fixture))
    }

    fn run_with(&self, scratch: &ScratchWorkbook, binary: &str) -> RunnerOutput {
        scratch.runner_with_env(
            &["chapter", self.chapter],
            &[(self.compiler.binary_variable, binary)],
        )
    }

    fn run_without(&self, scratch: &ScratchWorkbook) -> RunnerOutput {
        self.run_with(scratch, &format!("/nonexistent/{}", self.compiler.tool))
    }

    /// Fails, naming the install command, when the pinned compiler is missing
    /// (the test is compiled as ignored where the tool is absent).
    fn require_installed(&self) {
        require_tool(self.compiler.default_binary, self.compiler.install);
    }

    fn without_the_compiler_the_module_runs_from_its_record_and_says_so_once(&self) {
        let tool = self.compiler.tool;
        let output = self.run_without(&self.scratch());
        assert_eq!(output.code, Some(0), "{output:?}");
        let step = format!("{}: ran the recorded build ({tool} skipped)", self.source);
        assert!(
            output.stdout.contains(&step) && output.stdout.contains(self.from_record_shows),
            "{output:?}"
        );
        assert_eq!(
            output.stderr.trim(),
            format!(
                "note: `/nonexistent/{tool}` is not installed ({tool} {}; install it with `{}`): \
                 {} modules run from their recorded builds",
                self.compiler.version, self.compiler.install, self.compiler.language
            ),
            "said once, in one line"
        );
    }

    fn without_the_compiler_a_source_changed_since_its_record_is_refused(&self) {
        let scratch = self.scratch();
        scratch.mutate(self.source, self.changes_result.0, self.changes_result.1);
        let output = self.run_without(&scratch);
        assert_eq!(output.code, Some(1), "{output:?}");
        let refused = format!(
            "`{}` (or how it is built) changed since its build was recorded",
            self.source
        );
        assert!(
            output.stdout.contains(&refused)
                && output.stdout.contains("FAIL at stage parse (variant main)"),
            "{output:?}"
        );
    }

    fn without_the_compiler_or_a_record_the_failure_says_what_is_missing(&self) {
        let scratch = self.scratch();
        for file in self.record_files {
            let path = scratch
                .root()
                .join("snapshots")
                .join(self.chapter)
                .join(file);
            std::fs::remove_file(path).unwrap();
        }
        let output = self.run_without(&scratch);
        assert_eq!(output.code, Some(1), "{output:?}");
        assert!(
            output.stdout.contains(self.no_record_says) && output.stdout.contains("FAIL at stage"),
            "{output:?}"
        );
        assert_eq!(scratch.leftover_processes(), Vec::<String>::new());
    }

    fn another_version_is_refused_naming_both_versions(&self) {
        let scratch = self.scratch();
        let fake = scratch.root().join(self.compiler.tool);
        let script = format!("#!/bin/sh\necho '{}'\n", self.other_version.0);
        std::fs::write(&fake, script).unwrap();
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        let output = self.run_with(&scratch, fake.to_str().unwrap());
        assert_eq!(output.code, Some(1), "{output:?}");
        let (tool, pinned) = (self.compiler.tool, self.compiler.version);
        let refused = format!(
            "is {tool} {}, but the recorded builds come from {tool} {pinned}",
            self.other_version.1
        );
        assert!(
            output.stdout.contains(&refused)
                && output.stdout.contains("FAIL at stage parse (variant main)"),
            "{output:?}"
        );
    }

    fn the_pinned_compiler_matches_the_record_hits_its_cache_and_locates_errors(&self) {
        self.require_installed();
        let (scratch, tool) = (self.scratch(), self.compiler.tool);
        let binary = self.compiler.default_binary;
        let cold = self.run_with(&scratch, binary);
        assert_eq!(cold.code, Some(0), "{cold:?}");
        let ran = format!("ran {tool}, cached");
        assert!(
            cold.stdout.contains(&ran) && cold.stdout.contains(self.matches_says),
            "{cold:?}"
        );
        let warm = self.run_with(&scratch, binary);
        let hit = format!("cache hit, {tool} not run");
        assert!(warm.stdout.contains(&hit), "{warm:?}");

        scratch.mutate(self.source, self.breaks.0, self.breaks.1);
        let broken = self.run_with(&scratch, binary);
        assert_eq!(broken.code, Some(1), "{broken:?}");
        assert!(
            self.error_shows
                .iter()
                .all(|shown| broken.stdout.contains(shown))
                && broken.stdout.contains("FAIL at stage parse (variant main)"),
            "{broken:?}"
        );
        assert_eq!(scratch.leftover_processes(), Vec::<String>::new());
    }

    fn with_the_compiler_a_changed_source_differs_from_its_record(&self) {
        self.require_installed();
        let scratch = self.scratch();
        scratch.mutate(self.source, self.changes_result.0, self.changes_result.1);
        let output = self.run_with(&scratch, self.compiler.default_binary);
        assert_eq!(output.code, Some(1), "{output:?}");
        assert!(
            output.stdout.contains(self.differs_says)
                && output
                    .stdout
                    .contains("FAIL at stage snapshot (variant main)"),
            "{output:?}"
        );
    }
}

/// The same tests, one module per case.
macro_rules! compiler_tests {
    ($case:ident: $module:ident, $missing:ident, $needs:literal) => {
        mod $module {
            #[test]
            fn without_the_compiler_the_module_runs_from_its_record_and_says_so_once() {
                super::$case
                    .without_the_compiler_the_module_runs_from_its_record_and_says_so_once();
            }

            #[test]
            fn without_the_compiler_a_source_changed_since_its_record_is_refused() {
                super::$case.without_the_compiler_a_source_changed_since_its_record_is_refused();
            }

            #[test]
            fn without_the_compiler_or_a_record_the_failure_says_what_is_missing() {
                super::$case.without_the_compiler_or_a_record_the_failure_says_what_is_missing();
            }

            #[test]
            fn another_version_is_refused_naming_both_versions() {
                super::$case.another_version_is_refused_naming_both_versions();
            }

            #[test]
            #[cfg_attr($missing, ignore = $needs)]
            fn the_pinned_compiler_matches_the_record_hits_its_cache_and_locates_errors() {
                super::$case
                    .the_pinned_compiler_matches_the_record_hits_its_cache_and_locates_errors();
            }

            #[test]
            #[cfg_attr($missing, ignore = $needs)]
            fn with_the_compiler_a_changed_source_differs_from_its_record() {
                super::$case.with_the_compiler_a_changed_source_differs_from_its_record();
            }
        }
    };
}

compiler_tests!(
    RUST: rustc,
    missing_rustc,
    "needs rustc for wasm32: apt-get install -y rustc libstd-rust-dev-wasm32"
);
compiler_tests!(C: emcc, missing_emcc, "needs emcc: apt-get install -y emscripten");
