//! `runner chapter <name> --browser`: every chapter in headless Chromium,
//! checked against the same expected logs as under Node, and the browser
//! failures the runner must explain. No Chromium or node process may outlive a run.

use std::process::Command;
use std::time::{Duration, Instant};

use runner::workbook::Workbook;

use super::support::{RunnerOutput, ScratchWorkbook, repo_root, require_tool};

const CHROMIUM: &str = "/usr/bin/chromium";

fn chromium_installed() -> bool {
    require_tool(CHROMIUM, "apt-get install -y chromium")
}

/// Processes whose command line names the scratch workbook: the driver and
/// Chromium (its profile lives under the workbook's `target/`).
fn leftover_processes(scratch: &ScratchWorkbook) -> Vec<String> {
    let needle = scratch.root().display().to_string();
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let found: Vec<String> = std::fs::read_dir("/proc")
            .unwrap()
            .filter_map(|entry| std::fs::read(entry.ok()?.path().join("cmdline")).ok())
            .map(|cmdline| String::from_utf8_lossy(&cmdline).replace('\0', " "))
            .filter(|cmdline| cmdline.contains(&needle) && !cmdline.contains("runner "))
            .collect();
        // A renderer may take a moment to notice that its browser has gone.
        if found.is_empty() || Instant::now() > deadline {
            return found;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn run_in_browser(scratch: &ScratchWorkbook, args: &[&str]) -> RunnerOutput {
    let output = scratch.runner(args);
    assert_eq!(
        leftover_processes(scratch),
        Vec::<String>::new(),
        "a browser run left processes behind"
    );
    output
}

fn assert_chapter_passes_in_chromium(chapter: &str) -> RunnerOutput {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let output = run_in_browser(&scratch, &["chapter", chapter, "--browser"]);
    assert_eq!(output.code, Some(0), "{}\n{}", output.stdout, output.stderr);
    assert!(
        output.stdout.contains("ok harness   Chromium ") && !output.stdout.contains("FAIL"),
        "{}",
        output.stdout
    );
    output
}

#[test]
fn blocking_passes_in_chromium() {
    if chromium_installed() {
        assert_chapter_passes_in_chromium("blocking");
    }
}

#[test]
fn callback_passes_in_chromium() {
    if chromium_installed() {
        assert_chapter_passes_in_chromium("callback");
    }
}

#[test]
fn asyncify_passes_in_chromium() {
    if chromium_installed() {
        assert_chapter_passes_in_chromium("asyncify");
    }
}

#[test]
fn atomics_passes_in_chromium_with_the_main_thread_refusal_as_its_own_log() {
    if !chromium_installed() {
        return;
    }
    let output = assert_chapter_passes_in_chromium("atomics");
    assert!(
        output
            .stdout
            .contains("matches `snapshots/atomics__two-workers__log.snap`"),
        "the workers variant is checked against the Node log:\n{}",
        output.stdout
    );
    assert!(
        output
            .stdout
            .contains("browser log of its own: a browser's main thread may not block")
            && output
                .stdout
                .contains("matches `snapshots/atomics__main-thread-wait-browser__log.snap`"),
        "{}",
        output.stdout
    );
}

#[test]
fn jspi_standard_passes_in_chromium_and_the_suspender_variant_is_node_20_only() {
    if !chromium_installed() {
        return;
    }
    let output = assert_chapter_passes_in_chromium("jspi");
    assert!(
        output
            .stdout
            .contains("matches `snapshots/jspi__standard__log.snap`"),
        "{}",
        output.stdout
    );
    assert!(
        output
            .stdout
            .contains("SKIPPED not run in the browser: Chromium ships only the standard JSPI API"),
        "{}",
        output.stdout
    );
}

#[test]
fn atomics_without_isolation_fails_and_names_coop_and_coep() {
    if !chromium_installed() {
        return;
    }
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let output = run_in_browser(
        &scratch,
        &[
            "chapter",
            "atomics",
            "--variant",
            "two-workers",
            "--browser",
            "--no-isolation",
        ],
    );
    assert_eq!(output.code, Some(1), "{output:?}");
    for fragment in [
        "FAIL at stage harness (variant two-workers)",
        "crossOriginIsolated = false",
        "SharedArrayBuffer is unavailable",
        "hint: SharedArrayBuffer exists only on cross-origin isolated pages: serve them with `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`",
    ] {
        assert!(
            output.stdout.contains(fragment),
            "`{fragment}` missing:\n{}",
            output.stdout
        );
    }
}

#[test]
fn a_blocked_page_is_closed_at_the_time_limit() {
    if !chromium_installed() {
        return;
    }
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    scratch.mutate(
        "chapters/blocking/chapter.toml",
        "title = \"A blocking sleep starves the event loop\"\n",
        "title = \"A blocking sleep starves the event loop\"\ntime_limit_secs = 2\n",
    );
    // The busy-wait now spins for ten minutes on the page's main thread.
    scratch.mutate(
        "chapters/blocking/busy_wait.mjs",
        "const DURATION_MS = 100;",
        "const DURATION_MS = 600_000;",
    );
    let started = Instant::now();
    let output = run_in_browser(
        &scratch,
        &["chapter", "blocking", "--variant", "busy-wait", "--browser"],
    );
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output
            .stdout
            .contains("timed out after 2 s: `busy_wait.mjs` never finished in Chromium"),
        "{}",
        output.stdout
    );
    assert!(
        started.elapsed() < Duration::from_mins(1),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_missing_chromium_names_the_install_command() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let output = Command::new(env!("CARGO_BIN_EXE_runner"))
        .args(["chapter", "blocking", "--browser", "--workbook"])
        .arg(scratch.root())
        .env("WORKBOOK_CHROMIUM", scratch.root().join("no-chromium-here"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("Chromium is not installed at")
            && stderr.contains("apt-get install -y chromium"),
        "{stderr}"
    );
}

#[test]
fn browser_tables_are_checked() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let table = "[variant.browser]\nexpected_log = \"main-thread-wait-browser\"\n";
    let manifest = "chapters/atomics/chapter.toml";
    let error_for = |to: &str| {
        scratch.mutate(manifest, table, to);
        let error = Workbook::open(scratch.root())
            .unwrap()
            .chapter("atomics")
            .unwrap_err();
        scratch.mutate(manifest, to, table);
        format!("{error:#}")
    };
    let unknown = error_for("[variant.browser]\nexpect_log = \"main-thread-wait-browser\"\n");
    assert!(unknown.contains("unknown field `expect_log`"), "{unknown}");
    let taken = error_for("[variant.browser]\nexpected_log = \"two-workers\"\n");
    assert!(
        taken.contains("is the expected log of variant `two-workers`"),
        "{taken}"
    );
    let both = error_for("[variant.browser]\nrun = false\nexpected_log = \"x\"\n");
    assert!(both.contains("has no use with `run = false`"), "{both}");
}
