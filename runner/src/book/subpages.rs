//! A chapter's subpages: the pages in `book/src/chapters/<chapter>/`. They
//! are found from that folder, never listed in Rust; their order is the
//! order in which the chapter's own page first links to them, and each
//! one's title is its first line, `# <title>`.

use std::path::Path;

use anyhow::{Result, anyhow};

use super::read;

/// One page under a chapter's folder in the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subpage {
    /// Relative to `book/src/`, with `/` separators: `chapters/<chapter>/<file>.md`.
    pub link: String,
    /// The page's first heading.
    pub title: String,
}

/// The subpages of `chapter` under `src` (the book's `src/`), in the order
/// the chapter's page links to them; a page it does not link to comes last,
/// by name (`unlinked_subpages` reports it).
///
/// # Errors
///
/// Fails when a page cannot be read, or a subpage does not start with its
/// `# <title>` line (the message names the file and line 1).
pub fn subpages(src: &Path, chapter: &str) -> Result<Vec<Subpage>> {
    let folder = src.join("chapters").join(chapter);
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let main = std::fs::read_to_string(src.join("chapters").join(format!("{chapter}.md")))
        .unwrap_or_default();
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&folder)? {
        let path = entry?.path();
        let Some(file) = path.file_name().and_then(|name| name.to_str()) else {
            continue;
        };
        if path.is_file() && path.extension().is_some_and(|ext| ext == "md") {
            let title = title_of(&read(&path)?).ok_or_else(|| {
                anyhow!(
                    "book/src/chapters/{chapter}/{file}:1: a subpage starts with its title, `# <title>`; add that line"
                )
            })?;
            let position = main
                .find(&format!("]({chapter}/{file}"))
                .unwrap_or(usize::MAX);
            found.push((position, file.to_string(), title));
        }
    }
    found.sort();
    Ok(found
        .into_iter()
        .map(|(_, file, title)| Subpage {
            link: format!("chapters/{chapter}/{file}"),
            title,
        })
        .collect())
}

/// Subpages of `chapter` its page does not link to, as problems naming the
/// page and the link to add.
///
/// # Errors
///
/// As for [`subpages`].
pub fn unlinked_subpages(src: &Path, chapter: &str) -> Result<Vec<String>> {
    let main = std::fs::read_to_string(src.join("chapters").join(format!("{chapter}.md")))
        .unwrap_or_default();
    let mut problems = Vec::new();
    for subpage in subpages(src, chapter)? {
        let relative = subpage.link.trim_start_matches("chapters/");
        if !main.contains(&format!("]({relative}")) {
            problems.push(format!(
                "book/src/chapters/{chapter}.md: does not link to its subpage `{}`; add a link `[{}]({relative})` (the order of these links is the order of the contents)",
                subpage.link, subpage.title
            ));
        }
    }
    Ok(problems)
}

fn title_of(text: &str) -> Option<String> {
    let title = text.lines().next()?.strip_prefix("# ")?.trim();
    (!title.is_empty()).then(|| title.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_subpages_by_the_chapter_page_links_and_reads_their_titles() {
        let dir = tempfile::tempdir().unwrap();
        let chapters = dir.path().join("chapters");
        std::fs::create_dir_all(chapters.join("c")).unwrap();
        std::fs::write(
            chapters.join("c.md"),
            "# C\n[Later](c/b.md) then [first?](c/a.md#x)\n",
        )
        .unwrap();
        std::fs::write(chapters.join("c/a.md"), "# Page A\n").unwrap();
        std::fs::write(chapters.join("c/b.md"), "# Page B\nbody\n").unwrap();
        std::fs::write(chapters.join("c/z.md"), "# Page Z\n").unwrap();
        let found = subpages(dir.path(), "c").unwrap();
        let titles: Vec<&str> = found.iter().map(|page| page.title.as_str()).collect();
        assert_eq!(titles, ["Page B", "Page A", "Page Z"]);
        assert_eq!(found[0].link, "chapters/c/b.md");
        let unlinked = unlinked_subpages(dir.path(), "c").unwrap();
        assert_eq!(unlinked.len(), 1);
        assert!(unlinked[0].contains("[Page Z](c/z.md)"), "{unlinked:?}");
    }

    #[test]
    fn a_subpage_without_a_title_names_its_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("chapters/c")).unwrap();
        std::fs::write(dir.path().join("chapters/c/a.md"), "no title\n").unwrap();
        let error = subpages(dir.path(), "c").unwrap_err().to_string();
        assert!(error.starts_with("book/src/chapters/c/a.md:1: "), "{error}");
        assert!(subpages(dir.path(), "none").unwrap().is_empty());
    }
}
