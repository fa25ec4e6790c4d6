//! `runner serve` over raw TCP: a browser would normalize the paths these
//! tests send, so they write the request bytes themselves.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

use runner::serve::{DevServer, ServeOptions, ServedSite};

use super::support::{MDBOOK_INSTALL, ScratchWorkbook, repo_root, repo_workbook, require_tool};

/// Written beside the served folders; no request may ever read it.
const SECRET: &str = "secret-outside-every-served-folder";

/// `runner serve <chapter> --port 0` on a scratch copy of a workbook, killed on drop.
pub(super) struct ServeProcess {
    scratch: ScratchWorkbook,
    child: Child,
    _stdout: BufReader<ChildStdout>,
    pub(super) address: SocketAddr,
}

impl ServeProcess {
    /// Serves chapter `passes` of the fixture workbook.
    fn start(extra: &[&str]) -> Self {
        Self::start_on(
            &repo_root().join("runner/tests/fixtures/workbook"),
            "passes",
            extra,
        )
    }

    pub(super) fn start_on(source: &std::path::Path, chapter: &str, extra: &[&str]) -> Self {
        let scratch = ScratchWorkbook::copy_of(source);
        std::fs::write(scratch.root().join("secret.txt"), SECRET).unwrap();
        std::fs::write(scratch.root().join("chapters/secret.txt"), SECRET).unwrap();
        std::os::unix::fs::symlink(
            scratch.root(),
            scratch.root().join("chapters").join(chapter).join("escape"),
        )
        .unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_runner"))
            .args(["serve", chapter, "--port", "0"])
            .args(extra)
            .arg("--workbook")
            .arg(scratch.root())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first_line = String::new();
        stdout.read_line(&mut first_line).unwrap();
        let url = first_line.trim();
        let address = url
            .strip_prefix("http://")
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap_or_else(|| panic!("the first line is not the URL: {first_line:?}"))
            .parse()
            .unwrap();
        Self {
            scratch,
            child,
            _stdout: stdout,
            address,
        }
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One raw HTTP exchange.
#[derive(Debug)]
pub(super) struct RawResponse {
    pub(super) status: u16,
    head: String,
    pub(super) body: Vec<u8>,
}

impl RawResponse {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

fn raw_request(address: SocketAddr, request: &str) -> RawResponse {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let split = bytes
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    RawResponse {
        status,
        head,
        body: bytes[split + 4..].to_vec(),
    }
}

pub(super) fn get(address: SocketAddr, target: &str) -> RawResponse {
    raw_request(
        address,
        &format!("GET {target} HTTP/1.1\r\nHost: {address}\r\n\r\n"),
    )
}

#[test]
fn traversal_is_refused_in_every_spelling() {
    let server = ServeProcess::start(&[]);
    let ok = get(server.address, "/chapters/passes/main.mjs");
    assert_eq!(ok.status, 200, "the control request must succeed: {ok:?}");
    for target in [
        "/../secret.txt",
        "/chapters/passes/../../secret.txt",
        "/chapters/passes/../secret.txt",
        "/chapters/passes/%2e%2e/%2e%2e/secret.txt",
        "/chapters/passes/%2E%2E/%2e%2E/secret.txt",
        "/chapters/passes/.%2e/secret.txt",
        "/chapters/passes/..%2f..%2fsecret.txt",
        "/chapters/passes/%2e%2e%2F%2e%2e%2Fsecret.txt",
        "/chapters/passes/..%5c..%5csecret.txt",
        "/chapters/passes\\..\\..\\secret.txt",
        "/chapters/passes/..\\..\\secret.txt",
        "/artifacts/passes/../../../../secret.txt",
        "/book/../secret.txt",
        "/host/%2e%2e/%2e%2e/secret.txt",
        "/lib/..%2F..%2F..%2Fsecret.txt",
        "//secret.txt",
        &format!("/{}/secret.txt", server.scratch.root().display()),
        &format!("/{}", server.scratch.root().join("secret.txt").display()),
        "/chapters/passes/escape/secret.txt",
        "/chapters/passes/secret.txt%00.mjs",
        "/chapters/passes/%00",
        "/chapters/%2e%2e/secret.txt",
        "/chapters/secret.txt",
        &format!("http://{}/chapters/passes/../../secret.txt", server.address),
        &format!("http://{}{}", server.address, "/secret.txt"),
        "secret.txt",
        "*",
    ] {
        let response = get(server.address, target);
        assert!(
            matches!(response.status, 400 | 404),
            "`{target}` answered {}",
            response.status
        );
        assert!(
            !String::from_utf8_lossy(&response.body).contains(SECRET),
            "`{target}` leaked the secret"
        );
    }
    for target in [
        "/chapters/passes/%2e%2e/x",
        "/chapters/passes/..%2fx",
        "/chapters/passes\\x",
        "http://127.0.0.1/x",
        "/x%00",
    ] {
        assert_eq!(get(server.address, target).status, 400, "{target}");
    }
}

#[test]
fn files_carry_isolation_headers_and_their_mime_types() {
    let server = ServeProcess::start(&[]);
    for (target, mime) in [
        ("/host/host.html?chapter=passes", "text/html"),
        ("/host/browser-host.mjs", "text/javascript"),
        ("/lib/host/host.mjs", "text/javascript"),
        ("/chapters/passes/main.mjs", "text/javascript"),
        ("/artifacts/passes/answer.wasm", "application/wasm"),
        ("/host/host.css", "text/css"),
        ("/chapters.json", "application/json"),
    ] {
        let response = get(server.address, target);
        assert_eq!(response.status, 200, "{target}: {response:?}");
        assert!(
            response
                .header("Content-Type")
                .is_some_and(|found| found.starts_with(mime)),
            "{target}: {}",
            response.head
        );
        assert_eq!(
            response.header("Cross-Origin-Opener-Policy"),
            Some("same-origin")
        );
        assert_eq!(
            response.header("Cross-Origin-Embedder-Policy"),
            Some("require-corp")
        );
        assert_eq!(
            response.header("Content-Length"),
            Some(response.body.len().to_string().as_str())
        );
    }
    let wasm = get(server.address, "/artifacts/passes/answer.wasm");
    assert!(wasm.body.starts_with(b"\0asm"), "not a wasm module");
    let chapters = String::from_utf8(get(server.address, "/chapters.json").body).unwrap();
    assert!(
        chapters.contains("\"passes\"") && !chapters.contains("\"mismatch\""),
        "`serve passes` lists only passes:\n{chapters}"
    );
    assert_eq!(
        get(server.address, "/chapters/mismatch/answer.wat").status,
        404
    );
    assert_eq!(get(server.address, "/nothing-here").status, 404);
    let head = raw_request(
        server.address,
        "HEAD /lib/host/host.mjs HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty() && head.header("Content-Length") != Some("0"));
    let post = raw_request(
        server.address,
        "POST /lib/host/host.mjs HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
    );
    assert_eq!(post.status, 405);
    assert_eq!(
        raw_request(server.address, "garbage\r\n\r\n").status,
        400,
        "a malformed request line"
    );
}

#[test]
#[cfg_attr(
    missing_mdbook,
    ignore = "needs mdbook: cargo install mdbook --locked --version 0.5.4"
)]
fn the_served_book_links_each_chapter_to_its_host_page() {
    require_tool("mdbook", MDBOOK_INSTALL);
    let first = repo_workbook().manifest.chapters[0].to_string();
    let server = ServeProcess::start_on(&repo_root(), &first, &[]);
    let root = get(server.address, "/");
    assert_eq!(
        (root.status, root.header("Location")),
        (302, Some("/book/"))
    );
    assert_eq!(get(server.address, "/book/").status, 200);
    let page = get(server.address, &format!("/book/chapters/{first}.html"));
    assert_eq!(page.status, 200);
    // Relative, so that the link resolves from file:// and `mdbook serve` too.
    let link = format!("href=\"../run-in-browser.html?chapter={first}\"");
    assert!(
        String::from_utf8_lossy(&page.body).contains(&link),
        "the chapter page has no `{link}`"
    );
    let relay = get(server.address, "/book/run-in-browser.html");
    assert_eq!(relay.status, 200);
    assert!(String::from_utf8_lossy(&relay.body).contains("../host/host.html"));
    assert_eq!(
        get(server.address, &format!("/host/host.html?chapter={first}")).status,
        200
    );
}

#[test]
fn no_isolation_leaves_out_coop_and_coep() {
    let server = ServeProcess::start(&["--no-isolation"]);
    let response = get(server.address, "/host/host.html");
    assert_eq!(response.status, 200);
    assert_eq!(response.header("Cross-Origin-Opener-Policy"), None);
    assert_eq!(response.header("Cross-Origin-Embedder-Policy"), None);
}

#[test]
fn serve_refuses_a_non_loopback_bind_address() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    for flag in ["--bind", "--host"] {
        for address in ["0.0.0.0", "192.0.2.7", "::"] {
            let output = scratch.runner(&["serve", flag, address, "--port", "0"]);
            assert_eq!(output.code, Some(2), "{flag} {address}: {output:?}");
            assert!(
                output
                    .stderr
                    .contains(&format!("refusing to bind `{address}`"))
                    && output.stderr.contains("loopback"),
                "{output:?}"
            );
            assert!(output.stdout.is_empty(), "nothing was served: {output:?}");
        }
    }
}

#[test]
fn the_library_server_refuses_non_loopback_and_stops_when_dropped() {
    let workbook = repo_workbook();
    let site = || ServedSite::new(&workbook, &[]).unwrap();
    let options = |bind: &str| ServeOptions {
        bind: bind.parse::<IpAddr>().unwrap(),
        port: 0,
        isolation: true,
    };
    let error = DevServer::start(site(), &options("0.0.0.0")).unwrap_err();
    assert!(error.to_string().contains("loopback"), "{error}");
    let server = DevServer::start(site(), &options("127.0.0.1")).unwrap();
    let address = server.address();
    assert_eq!(get(address, "/chapters.json").status, 200);
    drop(server);
    assert!(
        TcpStream::connect(address).is_err(),
        "the port is closed once the server is dropped"
    );
}

#[test]
fn only_the_browser_packages_are_served_from_node_modules() {
    let server = ServeProcess::start(&[]);
    for (target, mime) in [
        (
            "/node_modules/quickjs-emscripten-core/dist/index.mjs",
            "text/javascript",
        ),
        (
            "/node_modules/@jitl/quickjs-ng-wasmfile-release-sync/dist/emscripten-module.wasm",
            "application/wasm",
        ),
        (
            "/node_modules/%40jitl/quickjs-ng-wasmfile-release-asyncify/dist/index.mjs",
            "text/javascript",
        ),
    ] {
        let response = get(server.address, target);
        assert_eq!(response.status, 200, "{target}: {}", response.head);
        assert!(
            response
                .header("Content-Type")
                .is_some_and(|found| found.starts_with(mime)),
            "{target}: {}",
            response.head
        );
    }
    for target in [
        "/node_modules/binaryen/package.json",
        "/node_modules/node26/package.json",
        "/node_modules/@jitl",
        "/node_modules/@jitl/",
        "/node_modules/",
        "/node_modules/quickjs-emscripten-core/../binaryen/package.json",
        "/node_modules/quickjs-emscripten-core/%2e%2e/binaryen/package.json",
        "/node_modules/@jitl/quickjs-ng-wasmfile-release-sync/../../binaryen/package.json",
        "/node_modules/quickjs-emscripten-core-evil/package.json",
    ] {
        let response = get(server.address, target);
        assert!(
            matches!(response.status, 400 | 404),
            "`{target}` answered {}",
            response.status
        );
    }
}
