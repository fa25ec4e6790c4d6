//! Bad input to the commands other than `grade`: files that leave the
//! workbook through a link, `emcc` arguments that name files, and a
//! mutation aimed at the linked packages, which must never reach the real tree.

use std::path::Path;

use super::hostile::tree_bytes;
use super::support::{ScratchWorkbook, repo_root};

/// A copy of the classroom fixture whose `node-harness/node_modules` is a
/// real folder (as in a checkout) of links to the installed packages, with
/// one plain file of its own, `victim.txt`.
fn workbook_with_real_node_modules() -> ScratchWorkbook {
    let scratch = ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/classroom"));
    let packages = scratch.root().join("node-harness/node_modules");
    std::fs::remove_file(&packages).unwrap();
    std::fs::create_dir(&packages).unwrap();
    for entry in std::fs::read_dir(repo_root().join("node-harness/node_modules")).unwrap() {
        let entry = entry.unwrap();
        std::os::unix::fs::symlink(entry.path(), packages.join(entry.file_name())).unwrap();
    }
    std::fs::write(packages.join("victim.txt"), "the real packages\n").unwrap();
    scratch
}

#[test]
fn a_mutation_of_a_package_file_never_writes_the_real_tree() {
    let scratch = workbook_with_real_node_modules();
    let mutations = scratch.root().join("chapters/numbers/mutations.toml");
    let mut text = std::fs::read_to_string(&mutations).unwrap();
    text.push_str(
        "\n[[mutation]]\nname = \"through-the-link\"\nfile = \"../../node-harness/node_modules/victim.txt\"\nfind = \"real\"\nreplace = \"overwritten\"\nstage = \"log\"\nmessage = \"x\"\n",
    );
    std::fs::write(&mutations, text).unwrap();
    let before = tree_bytes(scratch.root(), &["target"]);
    let output = scratch.runner(&["dev", "check", "numbers"]);
    assert_ne!(output.code, Some(0), "{output:?}");
    assert!(
        output
            .stdout
            .contains("not a file of the scratch copy's own"),
        "{output:?}"
    );
    assert_eq!(
        tree_bytes(scratch.root(), &["target"]),
        before,
        "the real tree changed"
    );
    let victim = scratch.root().join("node-harness/node_modules/victim.txt");
    assert_eq!(
        std::fs::read_to_string(victim).unwrap(),
        "the real packages\n"
    );
}

fn with_module_line(
    scratch: &ScratchWorkbook,
    from: &str,
    to: &str,
) -> super::support::RunnerOutput {
    scratch.mutate("chapters/numbers/chapter.toml", from, to);
    scratch.runner(&["chapter", "numbers"])
}

#[test]
fn a_source_linked_to_a_file_outside_is_refused_without_reading_it() {
    let scratch = ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/classroom"));
    let chapter = scratch.root().join("chapters/numbers");
    std::os::unix::fs::symlink("/etc/passwd", chapter.join("passwd.wat")).unwrap();
    let output = with_module_line(
        &scratch,
        "source = \"answer.wat\"",
        "source = \"passwd.wat\"",
    );
    assert_ne!(output.code, Some(0), "{output:?}");
    let said = format!("{}{}", output.stdout, output.stderr);
    assert!(said.contains("leads outside the workbook"), "{said}");
    assert!(
        !said.contains("root:"),
        "the outside file was quoted: {said}"
    );
}

#[test]
fn emcc_arguments_that_name_a_file_are_refused() {
    for argument in [
        "--js-library",
        "--embed-file",
        "--pre-js",
        "-I/etc",
        "@args",
    ] {
        let scratch =
            ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/classroom"));
        let output = with_module_line(
            &scratch,
            "source = \"answer.wat\"",
            &format!("source = \"answer.wat\"\nemcc = [\"{argument}\", \"/etc/passwd\"]"),
        );
        assert_ne!(output.code, Some(0), "{output:?}");
        let said = format!("{}{}", output.stdout, output.stderr);
        assert!(
            said.contains(&format!("`emcc` argument `{argument}` is not allowed")),
            "{argument}: {said}"
        );
        assert!(Path::new("/etc/passwd").exists());
    }
}

#[test]
fn a_book_include_of_a_file_outside_the_workbook_fails_book_check() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let page = scratch.root().join("book/src/errata.md");
    let mut text = std::fs::read_to_string(&page).unwrap();
    text.push_str(
        "\n{{#include /etc/hostname}}\n\n{{#include ../../../../../../../etc/hostname}}\n",
    );
    std::fs::write(&page, text).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", scratch.root().join("book/src/linked.txt"))
        .unwrap();
    std::fs::write(
        &page,
        format!(
            "{}\n{{{{#include linked.txt}}}}\n",
            std::fs::read_to_string(&page).unwrap()
        ),
    )
    .unwrap();
    let output = scratch.runner(&["book", "check"]);
    assert_ne!(output.code, Some(0), "{output:?}");
    for problem in [
        "include `/etc/hostname` is an absolute path",
        "include `../../../../../../../etc/hostname` leads outside the workbook",
        "include `linked.txt` leads outside the workbook",
    ] {
        assert!(output.stdout.contains(problem), "{problem}: {output:?}");
    }
}

fn escapes() -> ScratchWorkbook {
    ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/escapes"))
}

#[test]
fn a_flood_is_bounded_on_the_terminal_with_the_cap_message_where_it_is_seen() {
    let scratch = escapes();
    let output = scratch.runner(&["chapter", "flood"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    let lines: Vec<&str> = output.stdout.lines().collect();
    assert!(lines.len() < 100, "{} lines", lines.len());
    let cap = lines
        .iter()
        .position(|line| line.contains("output truncated at 4194304 bytes"))
        .expect("the cap's message is shown");
    assert!(cap < 50, "the cap's message is on line {cap}");
    assert!(
        output
            .stdout
            .contains("more lines (--verbose shows them all)")
    );

    let verbose = scratch.runner(&["chapter", "flood", "--verbose"]);
    let lines: Vec<&str> = verbose.stdout.lines().collect();
    assert!(
        lines.len() > 4000,
        "--verbose shows it all: {} lines",
        lines.len()
    );
    let cap = lines
        .iter()
        .rposition(|line| line.contains("output truncated at 4194304 bytes"))
        .unwrap();
    assert!(
        lines.len() - cap < 10,
        "with --verbose the cap's message is at the bottom"
    );
}

#[test]
fn a_forged_three_megabyte_line_gives_a_bounded_report() {
    let scratch = escapes();
    scratch.mutate(
        "chapters/flood/main.mjs",
        "  for (let kib = 0; kib < 5 * 1024; kib += 1) host.detail(line);\n",
        "  const huge = 'x'.repeat(3 << 20);\n  process.stdout.write(`@trace {\"kind\":\"note\",\"lane\":\"js\",\"text\":\"${huge}\"}\\n`);\n  host.log(huge);\n",
    );
    let output = scratch.runner(&["chapter", "flood"]);
    assert_eq!(output.code, Some(1), "{output:?}");
    assert!(
        output.stdout.len() < 64 << 10,
        "{} bytes on the terminal",
        output.stdout.len()
    );
    assert!(
        output
            .stdout
            .contains("more characters; --verbose shows them"),
        "{}",
        output.stdout
    );
}

#[test]
fn the_readme_states_how_much_of_a_failure_is_shown() {
    use runner::report::bounded::{HEAD_LINES, LINE_CHARS, TAIL_LINES};
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let readme = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    let stated = format!(
        "the first {HEAD_LINES} and last {TAIL_LINES} lines of what the harness printed and of its message, each line cut at {LINE_CHARS} characters"
    );
    assert!(readme.contains(&stated), "README.md should say `{stated}`");
}
