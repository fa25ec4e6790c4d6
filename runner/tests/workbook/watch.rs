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

#[test]
fn watch_reruns_on_save_and_moves_on_only_when_asked() {
    let scratch = classroom();
    let mut watch = WatchSession::start(&scratch, &["watch"]);
    watch.expect("Made your copy `chapters/numbers/exercises/add-wat/add.wat`");
    watch.expect("Exercise add-wat is not done yet.");
    watch.expect("[watching add-wat: reruns when you save]");

    let folder = scratch.root().join("chapters/numbers/exercises/add-wat");
    std::fs::copy(folder.join("solution/add.wat"), folder.join("add.wat")).unwrap();
    let rerun = watch.expect("[watching add-wat");
    assert!(rerun.contains("Exercise add-wat is done."), "{rerun}");

    watch.press('h');
    watch.expect("Add the two parameters with i32.add.");
    watch.press('l');
    let list = watch.expect("greet-js");
    assert!(list.contains("[x] add-wat"), "{list}");
    watch.press('n');
    watch.expect("[watching greet-js");
    watch.quit();

    let progress = std::fs::read_to_string(scratch.root().join(".workbook-progress.json")).unwrap();
    let progress: serde_json::Value = serde_json::from_str(&progress).unwrap();
    assert_eq!(progress["current"], "greet-js");
    assert_eq!(progress["done"], serde_json::json!(["add-wat"]));
    assert_eq!(scratch.leftover_processes(), Vec::<String>::new());
}

#[test]
fn manual_run_reruns_only_on_r() {
    let scratch = classroom();
    let mut watch = WatchSession::start(&scratch, &["watch", "--manual-run"]);
    watch.expect("[watching add-wat: press r to rerun]");
    let folder = scratch.root().join("chapters/numbers/exercises/add-wat");
    std::fs::copy(folder.join("solution/add.wat"), folder.join("add.wat")).unwrap();
    watch.press('r');
    let rerun = watch.expect("[watching add-wat");
    assert!(rerun.contains("Exercise add-wat is done."), "{rerun}");
    watch.press('x');
    watch.expect("Unknown key `x`.");
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
