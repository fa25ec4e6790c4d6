//! What the dev server serves: which folder answers which URL prefix, and
//! the two generated documents (the chapter list and the fallback index).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Serialize;

use super::request_path::RequestPath;
use super::response::Response;
use crate::manifest::BrowserSpec;
use crate::names::Name;
use crate::workbook::{Suite, Workbook};

/// The npm packages (pinned in `node-harness/package.json`) that the browser
/// host page imports, served under `/node_modules/`; no other package is.
pub const BROWSER_PACKAGES: &[&str] = &[
    "quickjs-emscripten-core",
    "@jitl/quickjs-ffi-types",
    "@jitl/quickjs-ng-wasmfile-release-sync",
    "@jitl/quickjs-ng-wasmfile-release-asyncify",
];

/// The folders and generated documents behind the server's URLs.
#[derive(Debug)]
pub struct ServedSite {
    host_dir: PathBuf,
    lib_dir: PathBuf,
    node_modules_dir: PathBuf,
    book_dir: PathBuf,
    chapters: Vec<ServedChapter>,
    chapters_json: Vec<u8>,
    /// `book build`'s folder: when set, every URL is a file in it and nothing else.
    built_site: Option<PathBuf>,
}

#[derive(Debug)]
struct ServedChapter {
    name: Name,
    title: String,
    dir: PathBuf,
    artifact_dir: PathBuf,
}

/// One chapter in `/chapters.json`, which the host page reads.
#[derive(Serialize)]
struct ChapterListing<'a> {
    name: &'a str,
    title: &'a str,
    summary: &'a str,
    variants: Vec<VariantListing<'a>>,
}

#[derive(Serialize)]
struct VariantListing<'a> {
    name: &'a str,
    summary: &'a str,
    harness: String,
    browser: Option<&'a BrowserSpec>,
}

impl ServedSite {
    /// The site for `chapters` of `workbook`.
    ///
    /// # Errors
    ///
    /// Fails only when the chapter list cannot be serialized.
    pub fn new(workbook: &Workbook, chapters: &[Suite]) -> Result<Self> {
        let listings: Vec<ChapterListing<'_>> = chapters
            .iter()
            .map(|chapter| ChapterListing {
                name: chapter.id.name().as_str(),
                title: &chapter.manifest.title,
                summary: &chapter.manifest.summary,
                variants: chapter
                    .manifest
                    .variants
                    .iter()
                    .map(|variant| VariantListing {
                        name: variant.name.as_str(),
                        summary: &variant.summary,
                        harness: variant.harness.to_string_lossy().replace('\\', "/"),
                        browser: variant.browser.as_ref(),
                    })
                    .collect(),
            })
            .collect();
        let harness_dir = workbook.node_harness_dir();
        Ok(Self {
            host_dir: harness_dir.join("browser"),
            lib_dir: harness_dir.join("lib"),
            node_modules_dir: harness_dir.join("node_modules"),
            book_dir: workbook.root().join("book").join("book"),
            chapters_json: serde_json::to_vec_pretty(&listings)?,
            built_site: None,
            chapters: chapters
                .iter()
                .map(|chapter| ServedChapter {
                    name: chapter.id.name().clone(),
                    title: chapter.manifest.title.clone(),
                    dir: chapter.dir.clone(),
                    artifact_dir: workbook.artifact_dir(&chapter.id),
                })
                .collect(),
        })
    }

    /// Serves the static site `book build` wrote into `dir`, as a static host would.
    #[must_use]
    pub fn with_built_site(mut self, dir: PathBuf) -> Self {
        self.built_site = Some(dir);
        self
    }

    /// `/chapters.json`: the chapters and variants the host page lists.
    pub fn chapters_json(&self) -> &[u8] {
        &self.chapters_json
    }

    /// True when mdbook's output exists, so `/book/` has something to show.
    pub fn book_is_built(&self) -> bool {
        self.book_dir.join("index.html").is_file()
    }

    /// The response for a request path that already passed the traversal rules.
    pub(super) fn lookup(&self, path: &RequestPath) -> Response {
        let segments: Vec<&str> = path.segments.iter().map(String::as_str).collect();
        if let Some(root) = &self.built_site {
            return match segments.as_slice() {
                [] => serve_file(root, &["index.html"], path),
                _ => serve_file(root, &segments, path),
            };
        }
        match segments.as_slice() {
            [] if self.book_is_built() => Response::redirect("/book/"),
            [] => Response::new(200, "text/html; charset=utf-8", self.index_page()),
            ["chapters.json"] => Response::new(200, "application/json", self.chapters_json.clone()),
            ["book", rest @ ..] => serve_file(&self.book_dir, rest, path),
            ["host", rest @ ..] => serve_file(&self.host_dir, rest, path),
            ["lib", rest @ ..] => serve_file(&self.lib_dir, rest, path),
            ["node_modules", rest @ ..] => match browser_package(rest) {
                Some((package, file)) => {
                    serve_file(&self.node_modules_dir.join(package), file, path)
                }
                None => not_found(),
            },
            ["chapters", name, rest @ ..] => match self.chapter(name) {
                Some(chapter) => serve_file(&chapter.dir, rest, path),
                None => not_found(),
            },
            ["artifacts", name, rest @ ..] => match self.chapter(name) {
                Some(chapter) => serve_file(&chapter.artifact_dir, rest, path),
                None => not_found(),
            },
            _ => not_found(),
        }
    }

    fn chapter(&self, name: &str) -> Option<&ServedChapter> {
        self.chapters.iter().find(|chapter| chapter.name == *name)
    }

    fn index_page(&self) -> Vec<u8> {
        let mut page = String::from(
            "<!doctype html>\n<meta charset=\"utf-8\">\n<title>The Async WebAssembly Workbook</title>\n\
             <h1>The Async WebAssembly Workbook</h1>\n\
             <p>The book is not built, so it is not served. Build it with <code>mdbook build book</code> \
             (install mdbook with <code>cargo install mdbook --locked --version 0.5.4</code>); \
             <code>runner serve</code> builds it itself when mdbook is installed.</p>\n\
             <h2>Run a chapter in this browser</h2>\n<ul>\n",
        );
        for chapter in &self.chapters {
            let _ = writeln!(
                page,
                "<li><a href=\"/{}\">{}</a>: {}</li>",
                host_page_path(&chapter.name, None),
                chapter.name,
                html_escape(&chapter.title)
            );
        }
        page.push_str("</ul>\n");
        page.into_bytes()
    }
}

/// The host page that runs `chapter` (one `variant`, or all), relative to the server's root.
pub fn host_page_path(chapter: &Name, variant: Option<&Name>) -> String {
    match variant {
        Some(variant) => format!("host/host.html?chapter={chapter}&variant={variant}"),
        None => format!("host/host.html?chapter={chapter}"),
    }
}

/// Splits `segments` into one of [`BROWSER_PACKAGES`] and the file inside it.
fn browser_package<'a>(segments: &'a [&'a str]) -> Option<(&'static str, &'a [&'a str])> {
    BROWSER_PACKAGES.iter().find_map(|package| {
        let depth = package.split('/').count();
        let name = segments.get(..depth)?.join("/");
        (name == *package).then(|| (*package, &segments[depth..]))
    })
}

fn serve_file(root: &Path, segments: &[&str], path: &RequestPath) -> Response {
    let mut file = root.to_path_buf();
    file.extend(segments);
    if file.is_dir() {
        if !path.trailing_slash {
            let location = format!("/{}/", path.segments.join("/"));
            return Response::redirect(&location);
        }
        file.push("index.html");
    }
    // Symlinks could still point elsewhere: the resolved file must lie inside the resolved root.
    let (Ok(root), Ok(file)) = (root.canonicalize(), file.canonicalize()) else {
        return not_found();
    };
    if !file.starts_with(&root) || !file.is_file() {
        return not_found();
    }
    match std::fs::read(&file) {
        Ok(body) => Response::file(&file, body),
        Err(_) => not_found(),
    }
}

fn not_found() -> Response {
    Response::text(404, "not found")
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
