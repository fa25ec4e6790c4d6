//! A chapter's variants share the cores: they run side by side, their
//! reports keep the manifest's order, and a variant marked `alone` runs with
//! nothing beside it. Proved from what the report records (which runs
//! overlapped each), never from timing.

use serde_json::Value;

use super::support::{ScratchWorkbook, repo_root};

const MANIFEST_ORDER: [&str; 5] = ["first", "second", "by-itself", "fourth", "fifth"];

fn variants_of_a_run() -> Vec<(String, Vec<String>)> {
    let workbook = ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/parallel"));
    let output = workbook.runner(&["all", "--format", "json"]);
    assert_eq!(output.code, Some(0), "{output:?}");
    let report: Value = serde_json::from_str(&output.stdout).unwrap();
    report["chapters"][0]["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|variant| {
            let name = variant["name"].as_str().unwrap().to_owned();
            let alongside = variant["ran_alongside"]
                .as_array()
                .unwrap()
                .iter()
                .map(|other| other.as_str().unwrap().to_owned())
                .collect();
            (name, alongside)
        })
        .collect()
}

#[test]
fn variants_report_in_the_manifests_order_and_alone_overlaps_nothing() {
    let variants = variants_of_a_run();
    let names: Vec<&str> = variants.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, MANIFEST_ORDER);
    for (name, alongside) in &variants {
        if name == "by-itself" {
            assert!(
                alongside.is_empty(),
                "the alone variant ran beside {alongside:?}"
            );
        } else {
            assert!(
                !alongside.contains(&"variants/by-itself".to_owned()),
                "{name} ran beside the alone variant"
            );
        }
    }
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    if cores > 1 {
        // Each waits 400 ms: with two cores, the other shared variants overlap.
        let overlapped = variants
            .iter()
            .filter(|(_, alongside)| !alongside.is_empty());
        assert!(
            overlapped.count() >= 2,
            "no two variants overlapped: {variants:?}"
        );
    }
}
