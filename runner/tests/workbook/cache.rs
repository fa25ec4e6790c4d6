//! The wasm-opt cache under concurrent use: `cargo test` and `runner all`
//! optimize the same modules from several threads and processes at once.

use std::path::Path;

use runner::compile::compile_wat;
use runner::node_harness::NodeHarness;
use runner::wasm_opt::{CacheUse, WasmOpt};

use super::support::{repo_root, toolchain};

#[test]
fn concurrent_cold_runs_of_one_module_all_succeed_and_then_hit() {
    toolchain();
    let harness = NodeHarness::new(repo_root().join("node-harness"));
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
