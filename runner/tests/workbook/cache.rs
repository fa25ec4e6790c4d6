//! The wasm-opt cache under concurrent use: `cargo test` and `runner all`
//! optimize the same modules from several threads and processes at once.

use std::path::Path;

use runner::build::{CacheUse, WasmOpt, compile_wat};
use runner::node_packages::NodePackages;

use super::support::{ScratchWorkbook, assert_mentions, repo_root, toolchain};

#[test]
fn concurrent_cold_runs_of_one_module_all_succeed_and_then_hit() {
    toolchain();
    let harness = NodePackages::new(repo_root().join("node-harness"));
    let (script, version) = harness.wasm_opt().expect("binaryen is installed");
    let cache = tempfile::tempdir().unwrap();
    let wasm_opt = WasmOpt {
        node: harness.node_binary("node26").unwrap(),
        script,
        version,
        cache_dir: cache.path().to_path_buf(),
    };
    let text =
        "(module (func (export \"seven\") (result i32) (i32.add (i32.const 3) (i32.const 4))))";
    let input = compile_wat(text, Path::new("seven.wat")).unwrap();
    let args = vec!["-O2".to_string()];
    let outputs: Vec<_> = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..4)
            .map(|_| scope.spawn(|| wasm_opt.optimize(&input, &args)))
            .collect();
        runs.into_iter().map(|run| run.join().unwrap()).collect()
    });
    let bytes: Vec<Vec<u8>> = outputs
        .into_iter()
        .map(|output| output.unwrap().0)
        .collect();
    assert!(bytes.windows(2).all(|pair| pair[0] == pair[1]));
    let (again, cache_use) = wasm_opt.optimize(&input, &args).unwrap();
    assert_eq!((again, cache_use), (bytes[0].clone(), CacheUse::Hit));
    let leftovers: Vec<_> = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("put.wasm"))
        .collect();
    assert_eq!(
        leftovers,
        Vec::<String>::new(),
        "temporary files were left in the cache"
    );
}

fn instrumented() -> ScratchWorkbook {
    ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/instrumented"))
}

#[test]
fn a_chapter_runs_from_its_snapshots_without_wasm_opt() {
    let scratch = instrumented();
    let output = scratch.runner(&["chapter", "optimized", "--no-wasm-opt"]);
    assert_eq!(output.code, Some(0), "{output:?}");
    assert_mentions(
        &output.stdout,
        &[
            "skipped (--no-wasm-opt)",
            "rebuilt seven from `snapshots/optimized/seven.wasm-opt.snap`",
        ],
    );
    assert!(!output.stdout.contains("ran wasm-opt"), "{}", output.stdout);
}

#[test]
fn a_warm_rerun_does_not_run_wasm_opt() {
    let scratch = instrumented();
    let first = scratch.runner(&["chapter", "optimized"]);
    assert_eq!(first.code, Some(0), "{first:?}");
    let warm = scratch.runner(&["chapter", "optimized"]);
    assert_eq!(warm.code, Some(0), "{warm:?}");
    assert!(
        warm.stdout.contains("cache hit, wasm-opt not run"),
        "{}",
        warm.stdout
    );
    assert!(!warm.stdout.contains("ran wasm-opt"), "{}", warm.stdout);
}

#[test]
fn a_source_changed_without_its_snapshot_fails_at_the_snapshot_stage() {
    let scratch = instrumented();
    scratch.mutate(
        "chapters/optimized/seven.wat",
        "(i32.const 4)",
        "(i32.const 5)",
    );
    let output = scratch.runner(&["chapter", "optimized"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output.stdout.contains(
            "the instrumented `seven` differs from `snapshots/optimized/seven.wasm-opt.snap`"
        ) && output
            .stdout
            .contains("FAIL at stage snapshot (variant main)"),
        "{}",
        output.stdout
    );
}
