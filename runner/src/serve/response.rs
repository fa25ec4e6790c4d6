//! One HTTP response, and the headers every response carries.

use std::fmt::Write as _;
use std::path::Path;

/// An HTTP/1.1 response, written once and followed by closing the connection.
#[derive(Debug)]
pub struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    head_only: bool,
}

impl Response {
    /// A `200 OK` with `body`, typed by the extension of `path`.
    pub fn file(path: &Path, body: Vec<u8>) -> Self {
        Self::new(200, content_type(path), body)
    }

    /// A response of `status` with `body` of type `content_type`.
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Self {
        Self {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body,
            head_only: false,
        }
    }

    /// A plain-text response, for errors.
    pub fn text(status: u16, message: &str) -> Self {
        Self::new(
            status,
            "text/plain; charset=utf-8",
            format!("{message}\n").into_bytes(),
        )
    }

    /// A redirect to `location`.
    pub fn redirect(location: &str) -> Self {
        Self::text(302, &format!("see {location}")).with_header("Location", location)
    }

    /// Adds one header.
    pub fn with_header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_string()));
        self
    }

    /// The same response for a HEAD request: the headers, no body.
    pub fn without_body(mut self) -> Self {
        self.head_only = true;
        self
    }

    /// The bytes on the wire. With `isolation`, the headers that make a page
    /// cross-origin isolated, so that it may use `SharedArrayBuffer`.
    pub fn into_bytes(self, isolation: bool) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            let _ = write!(head, "{name}: {value}\r\n");
        }
        let _ = write!(head, "Content-Length: {}\r\n", self.body.len());
        head.push_str("Cache-Control: no-store\r\n");
        head.push_str("X-Content-Type-Options: nosniff\r\n");
        if isolation {
            head.push_str("Cross-Origin-Opener-Policy: same-origin\r\n");
            head.push_str("Cross-Origin-Embedder-Policy: require-corp\r\n");
            head.push_str("Cross-Origin-Resource-Policy: same-origin\r\n");
        }
        head.push_str("Connection: close\r\n\r\n");
        let mut bytes = head.into_bytes();
        if !self.head_only {
            bytes.extend_from_slice(&self.body);
        }
        bytes
    }
}

/// The `Content-Type` for a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|ext| ext.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "txt" | "md" | "wat" | "snap" | "toml" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        _ => "Internal Server Error",
    }
}
