use super::*;

fn names() -> PlaygroundNames {
    let variant = |name: &str, harness: &str, files: &[&str]| RunnableVariant {
        name: format!("ch/{name}"),
        chapter: "ch".into(),
        harness: harness.into(),
        files: files.iter().map(|file| (*file).to_string()).collect(),
    };
    PlaygroundNames {
        exercises: vec![("ex-wat".into(), true), ("ex-c".into(), false)],
        variants: vec![
            variant("one", "one.mjs", &["a.wat", "one.mjs"]),
            variant("two", "two.mjs", &["a.wat", "b.wat", "two.mjs"]),
        ],
    }
}

const PAGE: &str = "# Ch\n\n```wat\n{{#include ../../../chapters/ch/a.wat:x}}\n```\n\n\
```js\n{{#include ../../../chapters/ch/one.mjs:run}}\n```\n\n```text\n{{#include ../../../snapshots/ch/one.log.snap:5:}}\n```\n\n\
```wat\n{{#include ../../../chapters/ch/b.wat}}\n```\n\n### `ex-wat`: Do it\n\nText.\n\n### `ex-c`: In C\n\nText.\n";

#[test]
fn links_each_exercise_and_the_last_listing_of_each_variant() {
    let linked = with_links(Path::new("chapters/ch.md"), PAGE, &names());
    let links: Vec<&str> = linked
        .lines()
        .filter(|line| line.starts_with(LINK_LINE))
        .collect();
    assert_eq!(
        links,
        [
            "<p class=\"playground-link\"><a href=\"../edit-and-run.html?variant=ch/one\">Edit and run <code>ch/one</code> in your browser</a></p>",
            "<p class=\"playground-link\"><a href=\"../edit-and-run.html?variant=ch/two\">Edit and run <code>ch/two</code> in your browser</a></p>",
            "<p class=\"playground-link\"><a href=\"../edit-and-run.html?exercise=ex-wat\">Edit and run it in your browser</a></p>",
            "<p class=\"playground-link\"><a href=\"../edit-and-run.html?exercise=ex-c\">Why it does not run in your browser, and how to run it locally</a></p>",
        ]
    );
    assert!(linked.contains("{{#include ../../../chapters/ch/one.mjs:run}}\n```\n\n<p class"));
}

#[test]
fn making_the_links_again_changes_nothing_and_a_deeper_page_climbs_further() {
    let once = with_links(Path::new("chapters/ch.md"), PAGE, &names());
    assert_eq!(
        with_links(Path::new("chapters/ch.md"), &once, &names()),
        once
    );
    assert_eq!(without_links(&once).join("\n") + "\n", PAGE);
    let deeper = PAGE.replace("../../../", "../../../../");
    let linked = with_links(Path::new("chapters/ch/part.md"), &deeper, &names());
    assert!(linked.contains("href=\"../../edit-and-run.html?variant=ch/one\""));
    assert!(linked.contains("href=\"../../edit-and-run.html?exercise=ex-wat\""));
}

#[test]
fn a_link_to_a_name_the_playground_lacks_is_a_problem() {
    let line =
        "see [it](../edit-and-run.html?exercise=nope) and [that](../../playground/?variant=ch/one)";
    let problems = unknown_names(line, &names());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("exercise `nope`"));
    assert!(
        unknown_names("../edit-and-run.html?variant=ch/three", &names())[0]
            .contains("variant `ch/three`")
    );
}
