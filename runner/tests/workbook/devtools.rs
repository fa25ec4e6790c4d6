//! The source chapter's walkthrough in Chromium's developer tools, reproduced
//! over their protocol by `node-harness/devtools-walkthrough.mjs`:
//! breakpoints in the instrumented wasm of the emscripten chapter's recorded
//! `sleep-twice` build pause where the source chapter's screenshots show, and
//! Chromium's own front end is photographed at each pause. The book's copies
//! (`book/src/images/devtools/`) are rewritten only with
//! `WORKBOOK_UPDATE_SCREENSHOTS=1`; otherwise they go to a scratch folder.

use std::path::Path;

use super::support::{repo_root, require_tool, run_node_script};

const CHROMIUM: &str = "/usr/bin/chromium";
const BOOK_SCREENSHOTS: &str = "book/src/images/devtools";

/// What the walkthrough logs: the source chapter's story, pause by pause.
const EXPECTED: [&str; 7] = [
    "wasm_sleep is function 6; __asyncjs__timeout is import 0",
    "pause entry-1: printed so far: []",
    "pause constant-1: printed so far: []",
    "pause call-1: stepped over the call to __asyncjs__timeout, which returned 0",
    "pause entry-2: printed so far: [\"Before sleep 12345\"]",
    "pause call-2: stepped over the call to __asyncjs__timeout, which returned 54321",
    "printed: [\"Before sleep 12345\",\"After sleep 54321\"]",
];

fn served_folder(into: &Path) {
    let root = repo_root();
    std::fs::copy(
        root.join("node-harness/devtools-page/index.html"),
        into.join("index.html"),
    )
    .unwrap();
    for extension in ["mjs", "wasm"] {
        std::fs::copy(
            root.join(format!(
                "snapshots/emscripten/sleep-twice.recorded.{extension}"
            )),
            into.join(format!("sleep-twice.{extension}")),
        )
        .unwrap();
    }
}

#[test]
#[cfg_attr(
    missing_chromium,
    ignore = "needs Chromium: apt-get install -y chromium"
)]
fn devtools_pause_twice_in_wasm_sleep_and_skip_the_first_printf() {
    require_tool(CHROMIUM, "apt-get install -y chromium");
    let scratch = tempfile::tempdir().unwrap();
    let site = scratch.path().join("site");
    std::fs::create_dir(&site).unwrap();
    served_folder(&site);
    let update = std::env::var("WORKBOOK_UPDATE_SCREENSHOTS").as_deref() == Ok("1");
    let shots = if update {
        repo_root().join(BOOK_SCREENSHOTS)
    } else {
        scratch.path().join("shots")
    };
    std::fs::create_dir_all(&shots).unwrap();
    let stdout = run_node_script(
        "devtools-walkthrough.mjs",
        &[CHROMIUM.as_ref(), site.as_os_str(), shots.as_os_str()],
    );
    assert_eq!(stdout.lines().collect::<Vec<_>>(), EXPECTED);
    for shot in [
        "entry-1",
        "constant-1",
        "call-1-result",
        "entry-2",
        "call-2-result",
    ] {
        let png = std::fs::read(shots.join(format!("{shot}.png"))).unwrap();
        assert!(png.starts_with(b"\x89PNG"), "{shot}.png is not a PNG");
    }
}
