//! The live timeline of the browser host page, checked in Chromium through
//! `node-harness/timeline-probe.mjs`: the test reads the lanes and marks the
//! page drew (their data attributes), never pixels. While worker A blocks
//! in `Atomics.wait`, the main thread's ticks keep coming; while the main
//! thread spins in a busy-wait sleep, none come. Runs when Chromium is
//! installed, skips loudly otherwise, and fails under `WORKBOOK_REQUIRE_ALL=1`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use super::support::{repo_root, require_tool};

const CHROMIUM: &str = "/usr/bin/chromium";

/// `runner serve --port 0` on the repository's workbook, killed on drop.
struct Served {
    child: Child,
    url: String,
}

impl Served {
    fn start() -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_runner"))
            .args(["serve", "--port", "0", "--workbook"])
            .arg(repo_root())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut first_line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first_line)
            .unwrap();
        Self {
            child,
            url: first_line.trim().to_string(),
        }
    }

    /// What the timeline drew for one variant, as the probe printed it.
    fn timeline(&self, chapter: &str, variant: &str) -> Value {
        let profile = tempfile::tempdir().unwrap();
        let page = format!(
            "{}host/host.html?chapter={chapter}&variant={variant}",
            self.url
        );
        let output = Command::new("node")
            .current_dir(repo_root().join("node-harness"))
            .arg("timeline-probe.mjs")
            .arg(&page)
            .arg(CHROMIUM)
            .arg(profile.path())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "the probe failed on {page}:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The time of the first mark on `lane` whose text contains `text`.
fn time_of(drawn: &Value, lane: &str, text: &str) -> f64 {
    marks(drawn)
        .find(|mark| mark["lane"] == lane && mark["text"].as_str().unwrap().contains(text))
        .and_then(|mark| mark["t"].as_f64())
        .unwrap_or_else(|| {
            panic!(
                "no mark `{text}` on lane `{lane}`: lanes {}",
                drawn["lanes"]
            )
        })
}

fn marks(drawn: &Value) -> impl Iterator<Item = &Value> {
    drawn["marks"].as_array().unwrap().iter()
}

fn ticks_between(drawn: &Value, from: f64, to: f64) -> usize {
    marks(drawn)
        .filter(|mark| mark["kind"] == "tick" && mark["lane"] == "timers")
        .filter(|mark| (from..=to).contains(&mark["t"].as_f64().unwrap()))
        .count()
}

#[test]
fn the_host_page_draws_live_lanes_ticks_while_a_worker_blocks_and_none_while_main_spins() {
    if !require_tool(CHROMIUM, "apt-get install -y chromium") {
        return;
    }
    let served = Served::start();

    let workers = served.timeline("atomics", "two-workers");
    let lanes: Vec<&str> = workers["lanes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for lane in ["main", "timers", "worker A", "worker B", "worker A wasm"] {
        assert!(lanes.contains(&lane), "no lane `{lane}`: {lanes:?}");
    }
    let blocked = time_of(&workers, "worker A", "Atomics.wait on");
    let woken = time_of(&workers, "worker A", "is over: the value changed");
    assert!(blocked < woken, "{workers}");
    assert!(
        ticks_between(&workers, blocked, woken) > 0,
        "the main thread's ticker drew no tick while worker A was blocked: {workers}"
    );

    // The spin calls now_ms() thousands of times: the trace is cut after its
    // first events, all of them inside the spin, so no tick may come up to the last.
    let spinning = served.timeline("blocking", "busy-wait");
    let started = time_of(&spinning, "main", "ticker started");
    let last = marks(&spinning)
        .filter(|mark| mark["lane"] == "wasm")
        .filter_map(|mark| mark["t"].as_f64())
        .fold(started, f64::max);
    assert!(last > started, "no wasm marks after the ticker started");
    assert_eq!(
        ticks_between(&spinning, started, last),
        0,
        "a tick came while the main thread spun in wasm"
    );
}
