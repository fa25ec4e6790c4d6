//! The dev server's one rule for turning a request target into path segments.
//! Everything that could name a file outside a served folder is refused here,
//! before any file system call.

use std::fmt;

/// Why a request target was refused; the server answers 400 Bad Request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedPath(pub &'static str);

impl fmt::Display for RefusedPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// A request path split into decoded segments that are each safe to join
/// onto a folder: no `.` or `..`, no separators, no NUL, no hidden names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestPath {
    /// The decoded segments, in order; empty for `/`.
    pub segments: Vec<String>,
    /// True when the path ended in `/` (a folder was asked for).
    pub trailing_slash: bool,
}

/// Parses an origin-form request target (`/a/b?query`), percent-decoding
/// each segment on its own so that an encoded `/` or `\` cannot join two.
///
/// # Errors
///
/// Refuses absolute-form and authority-form targets, backslashes, empty
/// segments (`//`), malformed escapes, names that are not UTF-8, `.`, `..`
/// and other names starting with a dot, and NUL or control characters.
pub fn parse_request_path(target: &str) -> Result<RequestPath, RefusedPath> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let Some(rest) = path.strip_prefix('/') else {
        return Err(RefusedPath(
            "only origin-form targets (starting with `/`) are served",
        ));
    };
    if path.contains('\\') {
        return Err(RefusedPath("backslashes are not allowed in paths"));
    }
    if rest.is_empty() {
        return Ok(RequestPath {
            segments: Vec::new(),
            trailing_slash: true,
        });
    }
    let trailing_slash = rest.ends_with('/');
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let segments = rest
        .split('/')
        .map(decode_segment)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(RequestPath {
        segments,
        trailing_slash,
    })
}

fn decode_segment(raw: &str) -> Result<String, RefusedPath> {
    if raw.is_empty() {
        return Err(RefusedPath("empty path segments (`//`) are not allowed"));
    }
    let decoded = percent_decode(raw)?;
    if decoded.starts_with('.') {
        return Err(RefusedPath(
            "`.`, `..` and hidden names are not served, encoded or not",
        ));
    }
    if decoded.contains(['/', '\\']) {
        return Err(RefusedPath(
            "an encoded `/` or `\\` inside a path segment is not allowed",
        ));
    }
    if decoded.chars().any(char::is_control) {
        return Err(RefusedPath("NUL and control characters are not allowed"));
    }
    Ok(decoded)
}

fn percent_decode(raw: &str) -> Result<String, RefusedPath> {
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = bytes
                .get(index + 1..index + 3)
                .and_then(|pair| std::str::from_utf8(pair).ok())
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
                .ok_or(RefusedPath("malformed percent-escape"))?;
            decoded.push(hex);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).map_err(|_| RefusedPath("the decoded path is not UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(target: &str) -> Vec<String> {
        parse_request_path(target).unwrap().segments
    }

    #[test]
    fn splits_and_decodes_ordinary_paths() {
        assert_eq!(segments("/"), Vec::<String>::new());
        assert_eq!(segments("/host/host.html?chapter=x"), ["host", "host.html"]);
        assert_eq!(segments("/book/a%20b.html#top"), ["book", "a b.html"]);
        assert!(parse_request_path("/book/").unwrap().trailing_slash);
        assert!(!parse_request_path("/book").unwrap().trailing_slash);
    }

    #[test]
    fn refuses_every_spelling_of_traversal() {
        for target in [
            "/../etc/passwd",
            "/book/../../etc/passwd",
            "/book/%2e%2e/%2e%2e/etc/passwd",
            "/book/%2E%2e/x",
            "/book/.%2E/x",
            "/book/..%2fetc",
            "/book/..%2Fetc",
            "/book/..%5cetc",
            "/book\\..\\etc",
            "/book/./x",
            "/book/.hidden",
            "//etc/passwd",
            "/book/x%00.html",
            "/book/%zz",
            "/book/%c0%ae",
            "http://127.0.0.1/etc/passwd",
            "etc/passwd",
            "*",
        ] {
            assert!(
                parse_request_path(target).is_err(),
                "{target} should be refused"
            );
        }
    }
}
