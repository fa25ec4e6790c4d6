//! The tools some tests need. Where one is missing, `runner/build.rs` marks
//! those tests ignored (with the install command as the reason), so they are
//! never reported as ok; under `WORKBOOK_REQUIRE_ALL=1` (as in CI) this test
//! fails instead, naming every missing tool and how to install it.

/// Each tool the cfg from `runner/build.rs` says is missing, with its install command.
fn missing_tools() -> Vec<&'static str> {
    let mut missing = Vec::new();
    if cfg!(missing_chromium) {
        missing.push("chromium: apt-get install -y chromium");
    }
    if cfg!(missing_emcc) {
        missing.push("emcc: apt-get install -y emscripten");
    }
    if cfg!(missing_rustc) {
        missing.push("rustc for wasm32: apt-get install -y rustc libstd-rust-dev-wasm32");
    }
    if cfg!(missing_mdbook) {
        missing.push("mdbook: cargo install mdbook --locked --version 0.5.4");
    }
    if cfg!(missing_script) {
        missing.push("script: apt-get install -y util-linux");
    }
    if cfg!(missing_bwrap) {
        missing.push("bwrap: apt-get install -y bubblewrap");
    }
    if cfg!(missing_setsid) {
        missing.push("setsid: apt-get install -y util-linux");
    }
    missing
}

#[test]
fn every_tool_a_test_needs_is_installed_when_all_are_required() {
    let missing = missing_tools();
    if std::env::var("WORKBOOK_REQUIRE_ALL").as_deref() == Ok("1") {
        assert!(
            missing.is_empty(),
            "WORKBOOK_REQUIRE_ALL=1, but the tests that need these tools were ignored:\n{}",
            missing.join("\n")
        );
    } else if !missing.is_empty() {
        eprintln!(
            "\n!!!!! tests ignored for want of a tool; install them to run every test:\n{}\n",
            missing.join("\n")
        );
    }
}
