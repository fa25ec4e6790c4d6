//! The host library's own unit tests (`node-harness/test/*.test.mjs`), run by
//! `node --test` under the pinned Node 26, so the README's test command runs them.

use std::process::Command;

use runner::node_packages::NodePackages;

use super::support::{repo_root, toolchain};

#[test]
fn the_node_harness_unit_tests_pass_under_the_pinned_node() {
    toolchain();
    let harness = NodePackages::new(repo_root().join("node-harness"));
    let node = harness
        .node_binary("node26")
        .expect("node26 is pinned in node-harness/package.json");
    let output = Command::new(&node)
        .args(["--test", "--test-reporter=tap", "test/*.test.mjs"])
        .current_dir(harness.dir())
        .output()
        .expect("the pinned Node starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let summary: Vec<&str> = stdout
        .lines()
        .filter(|line| {
            ["# tests ", "# pass ", "# fail ", "# skipped "]
                .iter()
                .any(|count| line.starts_with(count))
        })
        .collect();
    assert!(
        output.status.success(),
        "`node --test` in node-harness failed:\n{stdout}\n{stderr}"
    );
    let passed = summary
        .iter()
        .find_map(|line| line.strip_prefix("# pass "))
        .and_then(|count| count.trim().parse::<u32>().ok());
    assert!(
        passed.is_some_and(|count| count > 0),
        "`node --test` ran no test:\n{stdout}"
    );
    println!("node --test: {}", summary.join("; "));
}
