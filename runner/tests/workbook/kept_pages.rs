//! Kept host pages (see `node-harness/lib/env/browser/page-reuse.mjs`): a
//! variant that throws, changes a global or hangs in a kept page gets that
//! page discarded, and the variant after it runs in a page of its own with
//! the log it has there. The run is pinned to one core, so the variants run
//! one after another in the manifest's order; the driver's phases
//! (`WORKBOOK_BROWSER_PHASES`) say which ran in a kept page.

use std::fmt::Write as _;
use std::process::Command;

use super::support::{ScratchWorkbook, assert_mentions, repo_root, require_tool};

const CHROMIUM: &str = "/usr/bin/chromium";

/// Each variant, its harness, and whether it runs in a page kept from the one before.
const VARIANTS: [(&str, &str, bool); 7] = [
    ("first", "host.log('a first run');", false),
    ("throws", "throw new Error('thrown on purpose');", true),
    (
        "after-throw",
        "host.log(`patched: ${typeof globalThis.patched}`);",
        false,
    ),
    (
        "patches",
        "globalThis.patched = true;\n  host.log('patched');",
        true,
    ),
    (
        "after-patch",
        "host.log(`patched: ${typeof globalThis.patched}`);",
        false,
    ),
    ("hangs", "for (;;) {\n    // never yields\n  }", true),
    (
        "after-hang",
        "host.log(`patched: ${typeof globalThis.patched}`);",
        false,
    ),
];

fn write_chapter(scratch: &ScratchWorkbook) {
    let dir = scratch.root().join("chapters/kept");
    std::fs::create_dir_all(&dir).unwrap();
    let mut manifest = String::from(
        "title = \"Kept pages\"\nsummary = \"variants that break the page they ran in\"\ntime_limit_secs = 30\n",
    );
    let snapshots = scratch.root().join("snapshots/kept");
    std::fs::create_dir_all(&snapshots).unwrap();
    for (name, body, _) in VARIANTS {
        let harness = format!("{}.mjs", name.replace('-', "_"));
        std::fs::write(
            dir.join(&harness),
            format!("export async function run(host) {{\n  {body}\n}}\n"),
        )
        .unwrap();
        let limit = if name == "hangs" {
            "time_limit_secs = 2\n"
        } else {
            ""
        };
        let _ = write!(
            manifest,
            "\n[[variant]]\nname = \"{name}\"\nsummary = \"{name}\"\nharness = \"{harness}\"\nnode = \"node26\"\n{limit}"
        );
        let log = match name {
            "first" => "a first run",
            "patches" => "patched",
            _ => "patched: undefined",
        };
        std::fs::write(
            snapshots.join(format!("{name}.log.snap")),
            format!("---\nsource: runner/tests/chapters/trials.rs\nexpression: log\n---\n{log}\n"),
        )
        .unwrap();
    }
    std::fs::write(dir.join("chapter.toml"), manifest).unwrap();
    scratch.mutate(
        "chapters/workbook.toml",
        "chapters = [\"differs\", \"blocked\"]",
        "chapters = [\"differs\", \"blocked\", \"kept\"]",
    );
}

#[test]
#[cfg_attr(
    missing_chromium,
    ignore = "needs Chromium: apt-get install -y chromium"
)]
fn a_kept_page_a_variant_broke_is_discarded_and_the_next_variant_is_unaffected() {
    require_tool(CHROMIUM, "apt-get install -y chromium");
    require_tool("/usr/bin/taskset", "apt-get install -y util-linux");
    let scratch = ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/browser"));
    write_chapter(&scratch);
    let phases = scratch.root().join("target/phases.jsonl");
    let output = Command::new("/usr/bin/taskset")
        .args(["-c", "0", env!("CARGO_BIN_EXE_runner")])
        .args(["chapter", "kept", "--browser", "--workbook"])
        .arg(scratch.root())
        .env("NO_COLOR", "1")
        .env("WORKBOOK_BROWSER_PHASES", &phases)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert_mentions(
        &stdout,
        &[
            "FAIL at stage harness (variant throws)",
            "thrown on purpose",
            "FAIL at stage harness (variant hangs)",
            "timed out after 2 s: `hangs.mjs` never finished in Chromium",
            "matches `snapshots/kept/first.log.snap`",
            "matches `snapshots/kept/after-throw.log.snap`",
            "matches `snapshots/kept/patches.log.snap`",
            "matches `snapshots/kept/after-patch.log.snap`",
            "matches `snapshots/kept/after-hang.log.snap`",
        ],
    );
    let recorded = std::fs::read_to_string(&phases).unwrap();
    let reused: Vec<(String, bool)> = recorded
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .filter_map(|page| {
            let url = page["url"].as_str()?;
            let variant = url.rsplit_once("variant=")?.1.split('&').next()?.to_owned();
            Some((variant, page["reused"].as_bool() == Some(true)))
        })
        .collect();
    let expected: Vec<(String, bool)> = VARIANTS
        .iter()
        .map(|(name, _, kept)| ((*name).to_owned(), *kept))
        .collect();
    assert_eq!(reused, expected, "{recorded}");
    assert_mentions(&recorded, &["the run changed globals: globalThis.patched"]);
}
