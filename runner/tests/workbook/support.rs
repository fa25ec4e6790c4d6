//! Shared helpers: the real workbook, scratch copies of it, and running the
//! runner binary.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use runner::toolchain::{Toolchain, ToolchainOptions};
use runner::workbook::Workbook;

/// How to install the pinned mdbook.
pub const MDBOOK_INSTALL: &str = "cargo install mdbook --locked --version 0.5.4";

/// The repository root, which is also the real workbook.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The real workbook.
pub fn repo_workbook() -> Workbook {
    Workbook::open(&repo_root()).expect("the repository's workbook.toml is valid")
}

/// Installs node-harness once for the whole test binary and returns the toolchain.
pub fn toolchain() -> &'static Toolchain {
    static TOOLCHAIN: OnceLock<Toolchain> = OnceLock::new();
    TOOLCHAIN.get_or_init(|| {
        Toolchain::prepare(&repo_workbook(), ToolchainOptions::default())
            .expect("node-harness installs")
    })
}

/// A throwaway workbook: `chapters/`, `snapshots/`, `book/` and `bench/` copied from `source`,
/// node-harness's host files copied, its `node_modules` and the wasm-opt
/// cache shared with the repository through symlinks.
pub struct ScratchWorkbook {
    dir: tempfile::TempDir,
}

impl ScratchWorkbook {
    /// A copy of the workbook at `source` (the repository or a fixture).
    pub fn copy_of(source: &Path) -> Self {
        toolchain();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        copy_tree(&source.join("chapters"), &root.join("chapters"));
        for folder in ["snapshots", "book", "bench"] {
            if source.join(folder).is_dir() {
                copy_tree(&source.join(folder), &root.join(folder));
            }
        }
        if source.join("README.md").is_file() {
            std::fs::copy(source.join("README.md"), root.join("README.md")).unwrap();
        }
        let harness = repo_root().join("node-harness");
        copy_tree(&harness.join("lib"), &root.join("node-harness/lib"));
        copy_tree(&harness.join("browser"), &root.join("node-harness/browser"));
        for file in [
            "package.json",
            "package-lock.json",
            "node-host.mjs",
            "permission-guard.mjs",
            "lockdown.mjs",
            "signed-lines.mjs",
            "bench-host.mjs",
            "browser-driver.mjs",
            "chromium-flags.mjs",
        ] {
            std::fs::copy(harness.join(file), root.join("node-harness").join(file)).unwrap();
        }
        std::os::unix::fs::symlink(
            harness.join("node_modules"),
            root.join("node-harness/node_modules"),
        )
        .unwrap();
        let cache = repo_root().join("target/workbook/wasm-opt-cache");
        std::fs::create_dir_all(&cache).unwrap();
        std::fs::create_dir_all(root.join("target/workbook")).unwrap();
        std::os::unix::fs::symlink(cache, root.join("target/workbook/wasm-opt-cache")).unwrap();
        Self { dir }
    }

    /// The scratch workbook's root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Replaces the one occurrence of `from` with `to` in `relative`.
    pub fn mutate(&self, relative: &str, from: &str, to: &str) {
        let path = self.root().join(relative);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` must occur exactly once in {relative}"
        );
        std::fs::write(&path, text.replace(from, to)).unwrap();
    }

    /// The runner binary with `args`, on this workbook, without colors.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_runner"));
        command
            .args(args)
            .arg("--workbook")
            .arg(self.root())
            .env("NO_COLOR", "1");
        command
    }

    /// Runs the runner binary on this workbook.
    pub fn runner(&self, args: &[&str]) -> RunnerOutput {
        self.runner_with_env(args, &[])
    }

    /// [`Self::runner`] with extra environment variables.
    pub fn runner_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> RunnerOutput {
        let output = self
            .command(args)
            .envs(env.iter().copied())
            .output()
            .unwrap();
        let scrub = |bytes: &[u8]| {
            String::from_utf8_lossy(bytes).replace(&self.root().display().to_string(), "<workbook>")
        };
        RunnerOutput {
            code: output.status.code(),
            stdout: scrub(&output.stdout),
            stderr: scrub(&output.stderr),
        }
    }

    /// Processes still alive, after a bounded wait for those being killed,
    /// with this workbook's path on their command line (every harness and
    /// every child a fixture harness starts has it there).
    pub fn leftover_processes(&self) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let alive: Vec<String> = processes_mentioning(self.root())
                .into_iter()
                .map(|(_, cmdline)| cmdline)
                .collect();
            if alive.is_empty() || Instant::now() > deadline {
                return alive;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for ScratchWorkbook {
    // A failing test must not leave its processes behind either.
    fn drop(&mut self) {
        for (pid, _) in processes_mentioning(self.root()) {
            if let Some(pid) = rustix::process::Pid::from_raw(pid) {
                let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
            }
        }
    }
}

/// Live (not zombie) processes other than this one whose command line contains `path`.
pub fn processes_mentioning(path: &Path) -> Vec<(i32, String)> {
    let needle = path.display().to_string();
    let me = std::process::id();
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|entry| {
            let pid: i32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            (u32::try_from(pid).ok()? != me && cmdline.contains(&needle)).then_some((pid, cmdline))
        })
        .collect()
}

/// What the runner binary printed, with the scratch path replaced by `<workbook>`.
#[derive(Debug)]
pub struct RunnerOutput {
    /// The exit code.
    pub code: Option<i32>,
    /// stdout.
    pub stdout: String,
    /// stderr.
    pub stderr: String,
}

/// Fails unless `program` is installed, naming `install`. A test that needs a
/// tool is also marked `#[cfg_attr(missing_<tool>, ignore = "...")]`
/// (`runner/build.rs` sets the cfg), so it is reported as ignored, never as
/// ok, where the tool is missing; this catches a run with `--include-ignored`.
pub fn require_tool(program: &str, install: &str) {
    assert!(
        Command::new(program).arg("--version").output().is_ok(),
        "`{program}` is not installed; install it with `{install}`"
    );
}

/// Copies the folder `from` to `to`, skipping mdbook's output folder.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_name() == "book" && from.ends_with("book") {
            continue; // mdbook's output folder
        }
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The book built by mdbook into a temporary folder, with mdbook's stderr.
pub fn build_book() -> (tempfile::TempDir, String) {
    require_tool("mdbook", MDBOOK_INSTALL);
    let out = tempfile::tempdir().unwrap();
    let built = Command::new("mdbook")
        .arg("build")
        .arg(repo_root().join("book"))
        .arg("--dest-dir")
        .arg(out.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&built.stderr).into_owned();
    assert!(built.status.success(), "{stderr}");
    (out, stderr)
}

/// Fails, showing `text`, unless it contains every one of `fragments`.
pub fn assert_mentions(text: &str, fragments: &[&str]) {
    for fragment in fragments {
        assert!(text.contains(fragment), "`{fragment}` missing:\n{text}");
    }
}

/// Runs `node-harness/<script>` with `args` under the pinned Node 26 and
/// returns what it printed; fails the test, with its stderr, when it fails.
pub fn run_node_script(script: &str, args: &[&std::ffi::OsStr]) -> String {
    let packages = runner::node_packages::NodePackages::new(repo_root().join("node-harness"));
    packages.ensure_installed().unwrap();
    let output = Command::new(packages.node_binary("node26").unwrap())
        .arg(repo_root().join("node-harness").join(script))
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}
