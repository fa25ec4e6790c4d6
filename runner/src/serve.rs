//! The development server: the browser host page, each chapter's harness
//! files and built modules, and the built book, over plain HTTP/1.1 on
//! loopback. One thread accepts; each connection gets its own thread and is
//! closed after one response.
//!
//! URL layout (the same relative layout as on disk, so `import`s resolve):
//!
//! | URL                          | served from                               |
//! |------------------------------|-------------------------------------------|
//! | `/`                          | a redirect to `/book/`, or an index page  |
//! | `/book/...`                  | `book/book/` (mdbook's output)            |
//! | `/host/...`                  | `node-harness/browser/`                   |
//! | `/lib/...`                   | `node-harness/lib/`                       |
//! | `/chapters.json`             | the served chapters and their variants    |
//! | `/chapters/<name>/...`       | `chapters/<name>/`                        |
//! | `/artifacts/<name>/...`      | `target/workbook/<name>/`                 |

mod request_path;
mod response;
mod site;

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{Context, Result, bail};

pub use request_path::{RefusedPath, RequestPath, parse_request_path};
pub use site::{BROWSER_PACKAGES, ServedSite, host_page_path};

use response::Response;

/// The address the server binds to unless told otherwise.
pub const DEFAULT_BIND: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// A request head larger than this is refused: nothing the workbook serves needs more.
const MAX_REQUEST_HEAD: usize = 16 * 1024;

/// How long a connection may stay silent before it is dropped.
const CONNECTION_TIMEOUT: Duration = Duration::from_secs(10);

/// Where and how to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The address to bind; only loopback addresses are accepted.
    pub bind: IpAddr,
    /// The port; 0 picks any free port.
    pub port: u16,
    /// Send `Cross-Origin-Opener-Policy` and `Cross-Origin-Embedder-Policy`,
    /// which make the pages cross-origin isolated (`SharedArrayBuffer`).
    pub isolation: bool,
}

/// A running server; dropping it stops the server and joins its thread.
#[derive(Debug)]
pub struct DevServer {
    address: SocketAddr,
    stopping: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

impl DevServer {
    /// Binds and starts serving `site` on a background thread.
    ///
    /// # Errors
    ///
    /// Refuses a non-loopback bind address (the server has no
    /// authentication, so it must not be reachable from the network), and
    /// fails when the address cannot be bound.
    pub fn start(site: ServedSite, options: &ServeOptions) -> Result<Self> {
        ensure_loopback(options.bind)?;
        let listener = TcpListener::bind((options.bind, options.port))
            .with_context(|| format!("binding `{}:{}`", options.bind, options.port))?;
        let address = listener.local_addr()?;
        let stopping = Arc::new(AtomicBool::new(false));
        let site = Arc::new(site);
        let isolation = options.isolation;
        let stop = Arc::clone(&stopping);
        let acceptor = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let site = Arc::clone(&site);
                std::thread::spawn(move || serve_connection(stream, &site, isolation));
            }
        });
        Ok(Self {
            address,
            stopping,
            acceptor: Some(acceptor),
        })
    }

    /// The bound address.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The server's root URL, such as `http://127.0.0.1:8000/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// Serves until the process ends.
    pub fn run_forever(mut self) {
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

impl Drop for DevServer {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // The acceptor sleeps in accept(); one connection wakes it to see the flag.
        let _ = TcpStream::connect(self.address);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

/// Accepts only loopback addresses.
///
/// # Errors
///
/// Refuses any other address: the server has no authentication, so it must
/// not be reachable from the network.
pub fn ensure_loopback(bind: IpAddr) -> Result<()> {
    if !bind.is_loopback() {
        bail!(
            "refusing to bind `{bind}`: the dev server serves your files without any authentication, so it binds to a loopback address only (127.0.0.1 or ::1)"
        );
    }
    Ok(())
}

fn serve_connection(mut stream: TcpStream, site: &ServedSite, isolation: bool) {
    let _ = stream.set_read_timeout(Some(CONNECTION_TIMEOUT));
    let _ = stream.set_write_timeout(Some(CONNECTION_TIMEOUT));
    let response = match read_request_head(&mut stream) {
        Ok(head) => respond(&head, site),
        Err(response) => response,
    };
    let _ = stream.write_all(&response.into_bytes(isolation));
    let _ = stream.flush();
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

/// The request line and headers, up to the blank line.
struct RequestHead {
    method: String,
    target: String,
}

fn read_request_head(stream: &mut TcpStream) -> Result<RequestHead, Response> {
    let mut head = Vec::new();
    let mut buffer = [0_u8; 2048];
    while !head.windows(4).any(|window| window == b"\r\n\r\n") {
        if head.len() > MAX_REQUEST_HEAD {
            return Err(Response::text(431, "request head too large"));
        }
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return Err(Response::text(400, "incomplete request")),
            Ok(read) => head.extend_from_slice(&buffer[..read]),
        }
    }
    let text = String::from_utf8_lossy(&head);
    let request_line = text.lines().next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(method), Some(target), Some(version), None) if version.starts_with("HTTP/1.") => {
            Ok(RequestHead {
                method: method.to_string(),
                target: target.to_string(),
            })
        }
        _ => Err(Response::text(400, "malformed request line")),
    }
}

fn respond(head: &RequestHead, site: &ServedSite) -> Response {
    let response = match head.method.as_str() {
        "GET" | "HEAD" => match parse_request_path(&head.target) {
            Ok(path) => site.lookup(&path),
            Err(refused) => Response::text(400, &format!("refused: {refused}")),
        },
        _ => Response::text(405, "only GET and HEAD are served").with_header("Allow", "GET, HEAD"),
    };
    if head.method == "HEAD" {
        response.without_body()
    } else {
        response
    }
}
