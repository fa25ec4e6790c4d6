//! `runner chapter <name> --browser` on the fixture workbook
//! `tests/fixtures/browser`: the same log, a browser log of its own, a
//! Node-only variant, a page without isolation and a page that never yields.
//! Every chapter of the real workbook runs in Chromium from its data, in
//! `tests/chapters.rs`. No Chromium or node process may outlive a run.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use runner::workbook::Workbook;
use wait_timeout::ChildExt;

use super::support::{RunnerOutput, ScratchWorkbook, assert_mentions, repo_root, require_tool};

fn fixture() -> ScratchWorkbook {
    ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/browser"))
}

const CHROMIUM: &str = "/usr/bin/chromium";

fn require_chromium() {
    require_tool(CHROMIUM, "apt-get install -y chromium");
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

#[test]
#[cfg_attr(
    missing_chromium,
    ignore = "needs Chromium: apt-get install -y chromium"
)]
fn browser_runs_share_the_node_log_keep_their_own_or_skip_with_the_reason() {
    require_chromium();
    let scratch = fixture();
    let output = run_in_browser(
        &scratch,
        &["chapter", "differs", "--browser", "--variant", "same"],
    );
    assert_eq!(output.code, Some(0), "{output:?}");
    assert!(
        output.stdout.contains("ok harness   Chromium "),
        "{}",
        output.stdout
    );
    assert!(
        output
            .stdout
            .contains("matches `snapshots/differs/same.log.snap`"),
        "{}",
        output.stdout
    );
    let own = run_in_browser(
        &scratch,
        &["chapter", "differs", "--browser", "--variant", "own-log"],
    );
    assert_eq!(own.code, Some(0), "{own:?}");
    assert_mentions(
        &own.stdout,
        &[
            "browser log of its own: a browser has no Node process object",
            "matches `snapshots/differs/own-log-browser.log.snap`",
        ],
    );
    let skipped = run_in_browser(
        &scratch,
        &["chapter", "differs", "--browser", "--variant", "node-only"],
    );
    assert_eq!(skipped.code, Some(0), "{skipped:?}");
    assert!(
        skipped
            .stdout
            .contains("SKIPPED not run in the browser: the lesson is about Node alone"),
        "{}",
        skipped.stdout
    );
}

#[test]
#[cfg_attr(
    missing_chromium,
    ignore = "needs Chromium: apt-get install -y chromium"
)]
fn shared_memory_without_isolation_fails_and_names_coop_and_coep() {
    require_chromium();
    let scratch = fixture();
    let args = [
        "chapter",
        "differs",
        "--variant",
        "shared-memory",
        "--browser",
        "--no-isolation",
    ];
    let output = run_in_browser(&scratch, &args);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert_mentions(
        &output.stdout,
        &[
            "FAIL at stage harness (variant shared-memory)",
            "SharedArrayBuffer",
            "hint: SharedArrayBuffer exists only on cross-origin isolated pages: serve them with `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`",
        ],
    );
}

#[test]
#[cfg_attr(
    missing_chromium,
    ignore = "needs Chromium: apt-get install -y chromium"
)]
fn a_blocked_page_is_closed_at_the_time_limit() {
    require_chromium();
    let scratch = fixture();
    let started = Instant::now();
    let output = run_in_browser(&scratch, &["chapter", "blocked", "--browser"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output
            .stdout
            .contains("timed out after 2 s: `spins.mjs` never finished in Chromium"),
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
#[cfg_attr(
    missing_chromium,
    ignore = "needs Chromium: apt-get install -y chromium"
)]
fn one_browser_for_the_run_where_a_hung_page_fails_only_its_variant() {
    require_chromium();
    let scratch = fixture();
    let output = run_in_browser(&scratch, &["all", "--browser"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert_mentions(
        &output.stdout,
        &[
            "timed out after 2 s: `spins.mjs` never finished in Chromium",
            "matches `snapshots/differs/same.log.snap`",
            "matches `snapshots/differs/own-log-browser.log.snap`",
            "1 passed, 1 failed",
        ],
    );
}

#[test]
#[cfg_attr(
    missing_chromium,
    ignore = "needs Chromium: apt-get install -y chromium"
)]
fn a_browser_that_dies_fails_the_running_variant_and_is_restarted_once() {
    require_chromium();
    let scratch = fixture();
    // Long enough that the page is still spinning when the browser is killed.
    scratch.mutate(
        "chapters/blocked/chapter.toml",
        "time_limit_secs = 2",
        "time_limit_secs = 30",
    );
    // Alone, so the next variant starts only after the crash.
    scratch.mutate(
        "chapters/blocked/chapter.toml",
        "harness = \"spins.mjs\"",
        "harness = \"spins.mjs\"\nalone = true",
    );
    // A variant after the one that spins: it needs the restarted browser.
    // Alone too: alone variants run last, one at a time, in the manifest's order.
    std::fs::write(
        scratch.root().join("chapters/blocked/quick.mjs"),
        "export async function run(host) {\n  host.log('ran');\n}\n",
    )
    .unwrap();
    let manifest = scratch.root().join("chapters/blocked/chapter.toml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str("\n[[variant]]\nname = \"quick\"\nsummary = \"returns at once\"\nharness = \"quick.mjs\"\nnode = \"node26\"\nalone = true\n");
    std::fs::write(&manifest, text).unwrap();
    let child = scratch
        .command(&["chapter", "blocked", "--browser"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The browser process is the Chromium without a `--type=` (renderers and helpers have one).
    let deadline = Instant::now() + Duration::from_secs(30);
    let browser = loop {
        let found = super::support::processes_mentioning(scratch.root())
            .into_iter()
            .find(|(_, cmdline)| cmdline.contains("chromium") && !cmdline.contains("--type="));
        if let Some((pid, _)) = found {
            break pid;
        }
        assert!(Instant::now() < deadline, "Chromium never started");
        std::thread::sleep(Duration::from_millis(50));
    };
    // Let the pages start, then kill the browser under them.
    std::thread::sleep(Duration::from_secs(3));
    let pid = rustix::process::Pid::from_raw(browser).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::KILL).unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("Chromium died while `spins.mjs` ran"),
        "{stdout}"
    );
    assert!(
        stderr.contains("note: Chromium crashed or hung and was restarted"),
        "{stderr}"
    );
    assert!(
        stdout.contains("finished within 30 s"),
        "the variant after the crash did not run in the restarted browser:\n{stdout}"
    );
    assert_eq!(leftover_processes(&scratch), Vec::<String>::new());
}

#[test]
#[cfg_attr(
    missing_chromium,
    ignore = "needs Chromium: apt-get install -y chromium"
)]
fn ctrl_c_during_a_browser_run_leaves_no_chromium_and_no_node() {
    require_chromium();
    let scratch = fixture();
    // Long enough that the page is still spinning when the signal comes.
    scratch.mutate(
        "chapters/blocked/chapter.toml",
        "time_limit_secs = 2",
        "time_limit_secs = 60",
    );
    let mut child = scratch
        .command(&["chapter", "blocked", "--browser"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !leftover_processes(&scratch)
        .iter()
        .any(|cmdline| cmdline.contains("chromium"))
    {
        assert!(Instant::now() < deadline, "Chromium never started");
        std::thread::sleep(Duration::from_millis(50));
    }
    let runner = rustix::process::Pid::from_raw(i32::try_from(child.id()).unwrap()).unwrap();
    rustix::process::kill_process(runner, rustix::process::Signal::INT).unwrap();
    let Some(status) = child.wait_timeout(Duration::from_mins(1)).unwrap() else {
        let _ = child.kill();
        panic!("the runner did not stop within 60 s of SIGINT");
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("runner: stopped by"), "{stderr}");
    assert_eq!(leftover_processes(&scratch), Vec::<String>::new());
}

#[test]
fn a_missing_chromium_names_the_install_command() {
    let scratch = fixture();
    let output = Command::new(env!("CARGO_BIN_EXE_runner"))
        .args(["chapter", "differs", "--browser", "--workbook"])
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
fn a_program_that_is_not_chromium_is_named() {
    let scratch = fixture();
    let output = Command::new(env!("CARGO_BIN_EXE_runner"))
        .args(["chapter", "differs", "--browser", "--workbook"])
        .arg(scratch.root())
        .env("WORKBOOK_CHROMIUM", "/bin/true")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("`/bin/true --version` did not print a Chromium version"),
        "{stderr}"
    );
}

#[test]
fn browser_tables_are_checked() {
    let scratch = fixture();
    let table = "[variant.browser]\nreason = \"a browser has no Node process object\"\nexpected_log = \"own-log-browser\"\n";
    let manifest = "chapters/differs/chapter.toml";
    let error_for = |to: &str| {
        scratch.mutate(manifest, table, to);
        let error = Workbook::open(scratch.root())
            .unwrap()
            .chapter("differs")
            .unwrap_err();
        scratch.mutate(manifest, to, table);
        format!("{error:#}")
    };
    let unknown =
        error_for("[variant.browser]\nreason = \"x\"\nexpect_log = \"own-log-browser\"\n");
    assert!(unknown.contains("unknown field `expect_log`"), "{unknown}");
    let taken = error_for("[variant.browser]\nreason = \"x\"\nexpected_log = \"same\"\n");
    assert!(
        taken.contains("is the expected log of variant `same`"),
        "{taken}"
    );
    let both = error_for("[variant.browser]\nreason = \"x\"\nrun = false\nexpected_log = \"x\"\n");
    assert!(both.contains("has no use with `run = false`"), "{both}");
}
