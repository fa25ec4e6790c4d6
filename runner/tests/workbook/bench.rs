//! `runner bench`: it runs and reports every technique of `bench/bench.toml`,
//! with a tiny N. The numbers themselves are never checked: they are
//! measurements, not facts.

use super::support::{ScratchWorkbook, repo_root, require_tool};

/// The technique names in `bench/bench.toml`, read as plain TOML.
fn technique_names() -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join("bench/bench.toml")).unwrap();
    let manifest: toml::Table = toml::from_str(&text).unwrap();
    manifest["technique"]
        .as_array()
        .unwrap()
        .iter()
        .map(|technique| technique["name"].as_str().unwrap().to_string())
        .collect()
}

const TINY: [&str; 5] = ["--rounds", "2", "--batches", "2", "--format"];

#[test]
fn bench_reports_every_technique_as_valid_json() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let mut args = vec!["bench"];
    args.extend(TINY);
    args.push("json");
    let output = scratch.runner(&args);
    assert_eq!(output.code, Some(0), "{output:?}");
    let report: serde_json::Value = serde_json::from_str(&output.stdout).unwrap();
    let rows = report["techniques"].as_array().unwrap();
    let names: Vec<&str> = rows
        .iter()
        .map(|row| row["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, technique_names());
    for row in rows {
        assert!(row["error"].is_null(), "{row}");
        assert_eq!(row["rounds"], 2, "{row}");
        assert_eq!(row["samples_ns"].as_array().unwrap().len(), 2, "{row}");
        let spread = &row["spread"];
        assert!(
            spread["min_ns"].as_f64() <= spread["median_ns"].as_f64(),
            "{row}"
        );
        assert!(row["ratio_to_microtask"].as_f64().is_some(), "{row}");
    }
    assert_eq!(report["settings"]["rounds"], 2);
    assert!(report["machine"]["engines"].as_array().unwrap().len() >= 2);
}

#[test]
fn the_text_table_has_a_row_per_technique_and_the_floor_always_runs() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let mut args = vec!["bench", "jspi"];
    args.extend(TINY);
    args.push("text");
    let output = scratch.runner(&args);
    assert_eq!(output.code, Some(0), "{output:?}");
    let rows: Vec<&str> = output
        .stdout
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|first| technique_names().iter().any(|name| name == first))
        .collect();
    assert_eq!(rows, ["await-null", "jspi"], "{}", output.stdout);
}

#[test]
fn an_unknown_technique_is_named_with_a_suggestion() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let output = scratch.runner(&["bench", "jsp", "--rounds", "1", "--batches", "1"]);
    assert_eq!(output.code, Some(2), "{output:?}");
    assert!(
        output
            .stderr
            .contains("unknown technique `jsp`: did you mean `jspi`?"),
        "{}",
        output.stderr
    );
}

#[test]
#[cfg_attr(
    missing_chromium,
    ignore = "needs Chromium: apt-get install -y chromium"
)]
fn bench_runs_in_one_chromium_page_and_skips_what_a_browser_lacks() {
    require_tool("/usr/bin/chromium", "apt-get install -y chromium");
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let mut args = vec!["bench", "--browser"];
    args.extend(TINY);
    args.push("json");
    let output = scratch.runner(&args);
    assert_eq!(output.code, Some(0), "{output:?}");
    let report: serde_json::Value = serde_json::from_str(&output.stdout).unwrap();
    assert_eq!(report["engine"], "chromium");
    for row in report["techniques"].as_array().unwrap() {
        if row["skipped"].is_null() {
            assert!(row["error"].is_null(), "{row}");
            assert_eq!(row["samples_ns"].as_array().unwrap().len(), 2, "{row}");
        } else {
            assert!(row["samples_ns"].as_array().unwrap().is_empty(), "{row}");
        }
    }
    assert_eq!(scratch.leftover_processes(), Vec::<String>::new());
}
