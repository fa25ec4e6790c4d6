//! The source chapter's Node server for shared memory, corrected
//! (`chapters/atomics/dev_server.mjs`), checked end to end by
//! `node-harness/dev-server-check.mjs` under the pinned Node 26: raw requests
//! over a socket for MIME types, query strings, escapes and traversal, then a
//! page in Chromium that must be cross-origin isolated.

use serde_json::Value;

use super::support::{repo_root, require_tool, run_node_script};

const CHROMIUM: &str = "/usr/bin/chromium";

/// A folder to serve (the check page, a module, a file with a space in its
/// name, a symlink that leads out) beside a secret that must stay unread.
fn served_folder() -> (tempfile::TempDir, std::path::PathBuf) {
    let scratch = tempfile::tempdir().unwrap();
    let folder = scratch.path().join("site");
    std::fs::create_dir(&folder).unwrap();
    for file in ["index.html", "worker.mjs"] {
        std::fs::copy(
            repo_root().join("node-harness/dev-server-page").join(file),
            folder.join(file),
        )
        .unwrap();
    }
    let module = wat::parse_str(r#"(module (func (export "answer") (result i32) i32.const 42))"#);
    std::fs::write(folder.join("module.wasm"), module.unwrap()).unwrap();
    std::fs::write(folder.join("page name.html"), "<p>a space</p>").unwrap();
    std::fs::write(scratch.path().join("secret.txt"), "SECRET").unwrap();
    std::os::unix::fs::symlink(scratch.path(), folder.join("escape")).unwrap();
    (scratch, folder)
}

fn run_check() -> Value {
    let (_scratch, folder) = served_folder();
    let stdout = run_node_script(
        "dev-server-check.mjs",
        &[CHROMIUM.as_ref(), folder.as_os_str()],
    );
    serde_json::from_str(stdout.trim()).unwrap()
}

fn request<'a>(report: &'a Value, target: &str) -> &'a Value {
    report["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|request| request["target"] == target)
        .unwrap_or_else(|| panic!("no request for `{target}` in {report}"))
}

#[test]
#[cfg_attr(
    missing_chromium,
    ignore = "needs Chromium: apt-get install -y chromium"
)]
fn dev_server_serves_an_isolated_page_and_nothing_outside_its_folder() {
    require_tool(CHROMIUM, "apt-get install -y chromium");
    let report = run_check();
    assert!(
        report["url"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:")
    );
    for (target, content_type) in [
        ("/index.html?v=1", "text/html; charset=utf-8"),
        ("/module.wasm?v=2#frag", "application/wasm"),
        ("/worker.mjs", "text/javascript; charset=utf-8"),
        ("/page%20name.html", "text/html; charset=utf-8"),
    ] {
        let answer = request(&report, target);
        assert_eq!(answer["status"], 200, "{answer}");
        assert_eq!(answer["type"], content_type, "{answer}");
        assert_eq!(answer["coop"], "same-origin", "{answer}");
        assert_eq!(answer["coep"], "require-corp", "{answer}");
    }
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2fsecret.txt",
        "/..%5csecret.txt",
        "/escape/secret.txt",
        "/index.html%00.txt",
        "/%zz",
    ] {
        let answer = request(&report, target);
        assert_eq!(answer["status"], 404, "{answer}");
        assert_eq!(answer["secretLeaked"], false, "{answer}");
    }
    let post = report["requests"].as_array().unwrap().last().unwrap();
    assert_eq!(
        (&post["method"], &post["status"]),
        (&"POST".into(), &405.into())
    );
    let page = &report["page"];
    assert_eq!(page["crossOriginIsolated"], true, "{page}");
    assert_eq!(page["sharedArrayBuffer"], "function", "{page}");
    assert_eq!(page["answer"], 42, "{page}");
    assert_eq!(page["worker"]["crossOriginIsolated"], true, "{page}");
    assert_eq!(page["worker"]["wait"], "timed-out", "{page}");
}
