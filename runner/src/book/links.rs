//! Checks the links of the built book (mdbook's HTML output): every `href`
//! and `src` that stays in the book must name a file that exists, and a
//! `#fragment` on a page must name an `id` on it. A link that is
//! root-absolute (`/...`) or climbs out of the book is broken: it is dead
//! when the book is opened from disk (`file://`), and under `runner serve`,
//! which serves the book at `/book/`.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result};

use crate::files::files_with_extension;

/// One link found in a page of the built book.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BookLink {
    /// The page, relative to the book's output folder.
    pub page: PathBuf,
    /// The attribute's value, as written.
    pub target: String,
}

impl BookLink {
    /// The linked file relative to the book's output folder, with its
    /// fragment; `Err` says why the link cannot resolve inside the book.
    ///
    /// # Errors
    ///
    /// The link is root-absolute or climbs out of the book.
    pub fn resolve(&self) -> Result<(PathBuf, Option<String>), String> {
        let (with_query, fragment) = match self.target.split_once('#') {
            Some((rest, fragment)) => (rest, Some(fragment.to_string())),
            None => (self.target.as_str(), None),
        };
        let path = with_query.split('?').next().unwrap_or_default();
        if path.starts_with('/') {
            return Err("root-absolute: dead from file:// and under runner serve's /book/".into());
        }
        let base = if path.is_empty() {
            self.page.clone()
        } else {
            self.page.parent().unwrap_or(Path::new("")).join(path)
        };
        let mut resolved = PathBuf::new();
        for component in base.components() {
            match component {
                Component::Normal(part) => resolved.push(part),
                Component::ParentDir if resolved.pop() => {}
                Component::CurDir => {}
                _ => return Err("climbs out of the book".into()),
            }
        }
        Ok((resolved, fragment))
    }
}

/// True for links the check leaves alone: other sites, mail, scripts, data.
fn is_external(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    [
        "http://",
        "https://",
        "//",
        "mailto:",
        "javascript:",
        "data:",
    ]
    .iter()
    .any(|scheme| lower.starts_with(scheme))
}

/// Every `href="..."` and `src="..."` of `html` that is not external, entities decoded.
pub fn links_in(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(start) = rest.find(attribute) {
            rest = &rest[start + attribute.len()..];
            let Some(end) = rest.find('"') else { break };
            let target = rest[..end].replace("&amp;", "&");
            if !target.is_empty() && !is_external(&target) {
                found.push(target);
            }
            rest = &rest[end..];
        }
    }
    found
}

/// The links of every page under `book_dir` (mdbook's output).
///
/// # Errors
///
/// Fails when a page cannot be read.
pub fn book_links(book_dir: &Path) -> Result<Vec<BookLink>> {
    let mut links = BTreeSet::new();
    for page in files_with_extension(book_dir, "html")? {
        // mdbook's 404 page is for a web server at the site's root (its
        // `<base href="/">` says so): never opened from disk nor by runner serve.
        if page.file_name().is_some_and(|name| name == "404.html") {
            continue;
        }
        let html = std::fs::read_to_string(&page)
            .with_context(|| format!("reading `{}`", page.display()))?;
        let relative = page.strip_prefix(book_dir).unwrap_or(&page).to_path_buf();
        for target in links_in(&html) {
            links.insert(BookLink {
                page: relative.clone(),
                target,
            });
        }
    }
    Ok(links.into_iter().collect())
}

/// Every broken link of the book in `book_dir`, one line each, naming the page.
///
/// # Errors
///
/// Fails when a page cannot be read.
pub fn broken_links(book_dir: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for link in book_links(book_dir)? {
        let broken = match link.resolve() {
            Err(why) => Some(why),
            Ok((file, fragment)) => missing(book_dir, &file, fragment.as_deref()),
        };
        if let Some(why) = broken {
            problems.push(format!("{}: `{}`: {why}", link.page.display(), link.target));
        }
    }
    Ok(problems)
}

fn missing(book_dir: &Path, file: &Path, fragment: Option<&str>) -> Option<String> {
    let mut path = book_dir.join(file);
    if path.is_dir() {
        path = path.join("index.html");
    }
    if !path.is_file() {
        return Some(format!("no file `{}` in the book", file.display()));
    }
    let fragment = fragment.filter(|f| !f.is_empty())?;
    if path.extension().is_none_or(|extension| extension != "html") {
        return None;
    }
    let html = std::fs::read_to_string(&path).unwrap_or_default();
    let named = html.contains(&format!("id=\"{fragment}\""))
        || html.contains(&format!("name=\"{fragment}\""));
    (!named).then(|| format!("`{}` has no id `{fragment}`", file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(page: &str, target: &str) -> BookLink {
        BookLink {
            page: page.into(),
            target: target.into(),
        }
    }

    #[test]
    fn finds_local_links_only() {
        let html = r#"<a href="../x.html#y">x</a><img src="i.png"><a href="https://e.org">e</a><a href="a?b=1&amp;c=2">"#;
        assert_eq!(links_in(html), ["../x.html#y", "a?b=1&c=2", "i.png"]);
    }

    #[test]
    fn resolves_inside_the_book_and_refuses_what_escapes() {
        let (file, fragment) = link("chapters/a.html", "../images/p.png?x#f")
            .resolve()
            .unwrap();
        assert_eq!(
            (file, fragment.as_deref()),
            (PathBuf::from("images/p.png"), Some("f"))
        );
        assert_eq!(
            link("chapters/a.html", "#top").resolve().unwrap().0,
            PathBuf::from("chapters/a.html")
        );
        assert!(
            link("a.html", "/host/host.html")
                .resolve()
                .unwrap_err()
                .contains("root-absolute")
        );
        assert!(
            link("a.html", "../../x")
                .resolve()
                .unwrap_err()
                .contains("climbs out")
        );
    }

    #[test]
    fn reports_missing_files_and_ids() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.html"), r#"<h2 id="here"></h2><a href="a.html#here"></a><a href="a.html#gone"></a><a href="b.html"></a>"#).unwrap();
        let problems = broken_links(dir.path()).unwrap();
        assert_eq!(
            problems,
            [
                "a.html: `a.html#gone`: `a.html` has no id `gone`",
                "a.html: `b.html`: no file `b.html` in the book"
            ]
        );
    }
}
