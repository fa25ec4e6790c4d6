//! `runner watch`, driven through a pipe: one key per character. Waits are
//! for output to appear (up to a generous limit), never fixed sleeps.

use std::io::{BufRead, BufReader, Write as _};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use super::support::{ScratchWorkbook, repo_root};

const PATIENCE: Duration = Duration::from_mins(1);

struct WatchSession {
    child: Child,
    keys: ChildStdin,
    lines: Receiver<String>,
    seen: String,
}

impl WatchSession {
    fn start(scratch: &ScratchWorkbook, args: &[&str]) -> Self {
        let mut child = scratch
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let keys = child.stdin.take().unwrap();
        let (sender, lines) = channel();
        forward_lines(child.stdout.take().unwrap(), sender.clone(), "");
        forward_lines(child.stderr.take().unwrap(), sender, "stderr: ");
        Self {
            child,
            keys,
            lines,
            seen: String::new(),
        }
    }

    /// Waits for the end of the next screen (its last line is the keys),
    /// and returns the screen.
    fn screen(&mut self) -> String {
        self.expect("keys: ")
    }

    /// Waits for the screen that shows a run's result (not "running…").
    fn result_screen(&mut self) -> String {
        loop {
            let screen = self.screen();
            if !screen.contains("running…") {
                return screen;
            }
        }
    }

    /// Waits for screens until one contains `text`, and returns it.
    fn screen_with(&mut self, text: &str) -> String {
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
        }
    }

    /// Waits for a line containing `text`, and returns everything printed until then.
    fn expect(&mut self, text: &str) -> String {
        let mut printed = String::new();
        loop {
            let line = self.lines.recv_timeout(PATIENCE).unwrap_or_else(|_| {
                panic!(
                    "no `{text}` from watch; it printed:\n{}{printed}",
                    self.seen
                )
            });
            printed.push_str(&line);
            printed.push('\n');
            if line.contains(text) {
                self.seen.push_str(&printed);
                return printed;
            }
        }
    }

    fn press(&mut self, key: char) {
        self.press_named(&key.to_string());
    }

    /// One piped line: a character, or `enter`, `up`, `down`, `esc`.
    fn press_named(&mut self, key: &str) {
        // One write: watch may quit, and close the pipe, as soon as it reads `q`.
        let sent = self.keys.write_all(format!("{key}\n").as_bytes());
        if let Err(error) = sent {
            let rest: Vec<String> = self.lines.try_iter().collect();
            panic!(
                "watch stopped reading keys ({error}); it printed:\n{}{}",
                self.seen,
                rest.join("\n")
            );
        }
    }

    fn quit(mut self) {
        self.press('q');
        self.expect("Bye. Your progress is saved.");
        assert!(self.child.wait().unwrap().success());
    }
}

fn forward_lines(
    stream: impl std::io::Read + Send + 'static,
    sender: Sender<String>,
    prefix: &'static str,
) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if sender.send(format!("{prefix}{line}")).is_err() {
                break;
            }
        }
    });
}

fn classroom() -> ScratchWorkbook {
    ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/classroom"))
}

fn solve(scratch: &ScratchWorkbook, exercise: &str, file: &str) {
    let folder = scratch
        .root()
        .join("chapters/numbers/exercises")
        .join(exercise);
    std::fs::copy(folder.join("solution").join(file), folder.join(file)).unwrap();
}

#[test]
fn watch_reruns_on_save_and_moves_on_only_when_asked() {
    let scratch = classroom();
    let mut watch = WatchSession::start(&scratch, &["watch"]);
    // The first screen keeps the welcome whole and sums the run up in a line.
    let welcome = watch.result_screen();
    for expected in [
        "Welcome to the Async WebAssembly Workbook.",
        "  variant: one way the exercise is run",
        "Exercise add-wat is not done yet: it fails at stage log, as every starter does until you edit it. Press Enter for the report",
    ] {
        assert!(welcome.contains(expected), "no `{expected}` in:\n{welcome}");
    }
    assert!(!welcome.contains("--- expected"), "{welcome}");
    watch.press_named("enter");
    let first = watch.screen();
    for expected in [
        "Exercise 1/2: add-wat (numbers chapter)",
        "Edit: chapters/numbers/exercises/add-wat/add.wat",
        "[watching add-wat: reruns when you save] run 1 at ",
        "--- expected (- lines)",
        "+++ your code logged (+ lines)",
        "-add(2, 3) = 5",
        "+add(2, 3) = 0",
        "Exercise add-wat is not done yet. Stuck? Press h for the hint.",
    ] {
        assert!(first.contains(expected), "no `{expected}` in:\n{first}");
    }
    assert!(welcome.contains("Made your copy `chapters/numbers/exercises/add-wat/add.wat`"));
    assert!(!first.contains("module sizes"), "{first}");
    assert!(!first.contains("cargo run -p runner -- hint"), "{first}");

    solve(&scratch, "add-wat", "add.wat");
    let rerun = watch.screen_with("run 2 at ");
    assert!(rerun.contains("Exercise add-wat is done."), "{rerun}");
    assert!(!rerun.contains("Welcome"), "{rerun}");

    watch.press('h');
    let hint = watch.screen();
    assert!(
        hint.contains("Add the two parameters with i32.add."),
        "{hint}"
    );
    watch.press('n');
    watch.screen_with("[watching greet-js");
    watch.quit();

    let progress = std::fs::read_to_string(scratch.root().join(".workbook-progress.json")).unwrap();
    let progress: serde_json::Value = serde_json::from_str(&progress).unwrap();
    assert_eq!(progress["current"], "greet-js");
    assert_eq!(progress["done"], serde_json::json!(["add-wat"]));
    assert_eq!(scratch.leftover_processes(), Vec::<String>::new());
}

#[test]
fn watch_starts_anywhere_shows_details_lists_resets_and_completes() {
    let scratch = classroom();
    let mut watch = WatchSession::start(&scratch, &["watch", "greet-js", "--manual-run"]);
    let first = watch.result_screen();
    assert!(first.contains("Exercise 2/2: greet-js"), "{first}");
    assert!(first.contains("is not done yet"), "{first}");
    assert!(!first.contains("ok parse"), "{first}");

    // v shows the details in place, without a rerun; v again hides them.
    watch.press('v');
    let verbose = watch.screen();
    assert!(
        verbose.contains("run 1 at ") && verbose.contains("verbose on"),
        "{verbose}"
    );
    assert!(
        verbose.contains("ok parse") && verbose.contains("module sizes:"),
        "{verbose}"
    );
    assert!(
        verbose.contains("the log differs from `snapshots/"),
        "{verbose}"
    );
    watch.press('v');
    assert!(!watch.screen().contains("module sizes:"));

    solve(&scratch, "greet-js", "greeting.mjs");
    watch.press('r');
    let passed = watch.result_screen();
    assert!(passed.contains("Exercise greet-js is done."), "{passed}");
    assert!(!passed.contains("All 2 exercises are done"), "{passed}");

    // The list: k moves up to add-wat, Enter works on it.
    watch.press('l');
    let list = watch.screen();
    assert!(list.contains("Exercises (1/2 done), showing all"), "{list}");
    assert!(list.contains(">* [x] greet-js"), "{list}");
    watch.press('p');
    let pending = watch.screen();
    assert!(
        pending.contains(">  [ ] add-wat") && !pending.contains("greet-js"),
        "{pending}"
    );
    watch.press('a');
    watch.screen();
    watch.press_named("enter");
    watch.screen_with("Exercise 1/2: add-wat");
    let add = watch.result_screen();
    assert!(add.contains("is not done yet"), "{add}");

    // Finishing the last unfinished exercise completes the workbook.
    solve(&scratch, "add-wat", "add.wat");
    watch.press('r');
    let complete = watch.result_screen();
    assert!(complete.contains("All 2 exercises are done."), "{complete}");
    assert!(complete.contains("  - numbers: "), "{complete}");

    // Reset greet-js from the list (asked first, backed up), then reach it again.
    watch.press('l');
    watch.screen();
    watch.press_named("down");
    assert!(watch.screen().contains(">  [x] greet-js"));
    watch.press('r');
    assert!(
        watch
            .screen()
            .contains("Reset greet-js to its starter? Your files are backed up first.")
    );
    watch.press('y');
    let reset = watch.screen();
    assert!(reset.contains("Backed up `chapters/numbers/exercises/greet-js/greeting.mjs` to `.workbook-backups/greet-js/"), "{reset}");
    assert!(reset.contains(">  [ ] greet-js"), "{reset}");
    watch.press_named("esc");
    watch.screen_with("Exercise 1/2: add-wat");
    watch.press('n');
    watch.screen_with("Exercise 2/2: greet-js");
    let again = watch.result_screen();
    assert!(again.contains("is not done yet"), "{again}");
    watch.press('n');
    assert!(
        watch
            .screen()
            .contains("This is the last unfinished exercise")
    );

    solve(&scratch, "greet-js", "greeting.mjs");
    watch.press('r');
    let done = watch.result_screen();
    assert!(done.contains("All 2 exercises are done."), "{done}");
    // Any key after that keeps the summary on screen.
    watch.press('x');
    let after_key = watch.screen();
    assert!(
        after_key.contains("All 2 exercises are done."),
        "{after_key}"
    );
    watch.quit();
}

#[test]
fn manual_run_reruns_only_on_r() {
    let scratch = classroom();
    let mut watch = WatchSession::start(&scratch, &["watch", "--manual-run"]);
    watch.expect("[watching add-wat: press r to rerun]");
    watch.result_screen();
    solve(&scratch, "add-wat", "add.wat");
    watch.press('r');
    let rerun = watch.result_screen();
    assert!(rerun.contains("Exercise add-wat is done."), "{rerun}");
    watch.press('x');
    assert!(watch.screen().contains("Unknown key `x`."));
    watch.quit();
}

#[test]
fn watch_ends_when_its_input_closes() {
    let scratch = classroom();
    let mut watch = WatchSession::start(&scratch, &["watch", "--manual-run"]);
    watch.expect("[watching add-wat");
    let WatchSession {
        mut child, keys, ..
    } = watch;
    drop(keys);
    assert!(child.wait().unwrap().success());
}
