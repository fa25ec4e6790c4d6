//! One set of words for the workspace: every file a hint, a starter's
//! comments or a book page's exercise section names exists in a fresh
//! `init` workspace, found from the workspace's root, the exercise's folder
//! or its chapter's folder (as a learner working there would look).

use std::path::Path;

use runner::workbook::Workbook;
use runner::workspace::init_workspace;

use super::support::{repo_root, repo_workbook};

/// Extensions of the files the workbook's texts name.
const FILE_EXTENSIONS: [&str; 9] = ["mjs", "js", "wat", "c", "rs", "snap", "toml", "md", "wasm"];

/// The words of `text` that name a file or folder: a path with a `/`, or a
/// name with one of the workbook's file extensions. Placeholders (`<name>`),
/// addresses and code such as `a/b` inside an expression are not paths.
fn named_paths(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || "`'\"(),;[]{}".contains(c))
        .filter(|word| !word.is_empty())
        .collect();
    // The folder `init` is told to make does not exist before it runs.
    let made_by_init = |index: usize| index > 0 && words[index - 1] == "init";
    (words.iter().enumerate())
        .filter(|(index, _)| !made_by_init(*index))
        .map(|(_, word)| word.trim_end_matches(['.', ':', '!', '?']))
        .filter(|word| is_path(word))
        .map(str::to_string)
        .collect()
}

fn is_path(word: &str) -> bool {
    let plain = !word.is_empty()
        && !word.contains("://")
        && !word.starts_with("node:")
        && (word.chars()).all(|c| c.is_ascii_alphanumeric() || "._-/".contains(c));
    let has_extension = Path::new(word)
        .extension()
        .is_some_and(|ext| FILE_EXTENSIONS.iter().any(|known| ext == *known));
    let is_relative_path = word.contains('/') && !word.starts_with('/');
    plain && word.chars().any(|c| c.is_ascii_alphabetic()) && (has_extension || is_relative_path)
}

/// The exercise section of a chapter page: from `## Exercises` to the next
/// `## ` heading, without the book's own `{{#include}}` lines.
fn exercise_section(page: &str) -> String {
    let Some(start) = page.find("\n## Exercises") else {
        return String::new();
    };
    let rest = &page[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |end| end + 3);
    rest[..end]
        .lines()
        .filter(|line| !line.contains("{{#include"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The comments of a starter (`//` in JavaScript and C, `;;` in WAT): the
/// words meant for the learner, not the code's own strings.
fn comments(source: &str) -> String {
    source
        .lines()
        .filter_map(|line| {
            let at = [line.find("//"), line.find(";;")]
                .into_iter()
                .flatten()
                .min()?;
            Some(&line[at + 2..])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn missing_in(text: &str, places: &[&Path]) -> Vec<String> {
    named_paths(text)
        .into_iter()
        .filter(|path| !places.iter().any(|place| place.join(path).exists()))
        .collect()
}

fn workspace_of(workbook: &Workbook, dir: &Path) -> Workbook {
    init_workspace(workbook, dir).unwrap();
    runner::locate::open_workspace(dir).unwrap()
}

#[test]
fn hints_starters_and_book_exercise_sections_name_only_files_a_workspace_has() {
    let workbook = repo_workbook();
    let outside = tempfile::tempdir().unwrap();
    let root = outside.path().join("w");
    let workspace = workspace_of(&workbook, &root);
    let mut problems = Vec::new();
    for exercise in workspace.exercises().unwrap() {
        let chapter = root.join(exercise.chapter.as_str());
        let places = [root.as_path(), exercise.dir.as_path(), chapter.as_path()];
        let mut texts = vec![(
            format!("the hint of {}", exercise.name),
            exercise.hint().to_string(),
        )];
        for file in exercise.files() {
            let starter = exercise.source_dir.join("starter").join(file);
            let text = std::fs::read_to_string(&starter).unwrap();
            texts.push((workbook.shown(&starter), comments(&text)));
        }
        for (source, text) in texts {
            for missing in missing_in(&text, &places) {
                problems.push(format!("{source} names `{missing}`"));
            }
        }
    }
    for chapter in &workbook.manifest.chapters {
        let page_path = repo_root().join(format!("book/src/chapters/{}.md", chapter.as_str()));
        let Ok(page) = std::fs::read_to_string(&page_path) else {
            continue;
        };
        let chapter_dir = root.join(chapter.as_str());
        let places = [root.as_path(), chapter_dir.as_path()];
        for missing in missing_in(&exercise_section(&page), &places) {
            problems.push(format!(
                "book/src/chapters/{chapter}.md's exercises name `{missing}`"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "names of files a fresh workspace does not have:\n{}",
        problems.join("\n")
    );
}

#[test]
fn paths_are_told_from_code_and_placeholders() {
    assert_eq!(
        named_paths(
            "see `chapters/atomics/protocol.mjs`, then a / b and <name>/x.mjs; ../../sleep.wat."
        ),
        vec!["chapters/atomics/protocol.mjs", "../../sleep.wat"]
    );
    assert_eq!(
        exercise_section("# A\n## Exercises\nx.wat\n## Next\ny.wat"),
        "## Exercises\nx.wat"
    );
}
