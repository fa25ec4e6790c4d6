//! The OS sandbox around every graded job: bubblewrap (`bwrap`) gives the job
//! no network, its own PID, IPC and UTS namespaces, a new session (so it can
//! neither see nor signal the runner, nor reach the terminal), read-only
//! views of the folders it needs and a private `/tmp`; `prlimit` bounds its
//! memory, processes (threads included), file sizes and open files.
//!
//! Run as root, bwrap does not make a user namespace (root's processes are
//! exempt from the process limit there); the job instead drops to a uid of its
//! own with `setpriv`, one per job running at once (and per runner), so one
//! job's processes never count against another's.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, PoisonError};

use anyhow::{Context, Result, bail};

/// Committed memory per job (private writable mappings: the heap, array
/// buffers, WebAssembly memories), in bytes.
pub const MEMORY_LIMIT_BYTES: u64 = 2 << 30;
/// Processes and threads per job: Node uses about a dozen, each worker a few more.
pub const PROCESS_LIMIT: u64 = 128;
/// The largest file a job may write, in bytes (it may write only to its private `/tmp`).
pub const FILE_SIZE_LIMIT_BYTES: u64 = 16 << 20;
/// Open files per job.
pub const OPEN_FILES_LIMIT: u64 = 256;
/// The private `/tmp` of a job, in bytes.
pub const TMP_SIZE_BYTES: u64 = 16 << 20;
/// The first uid a job runs as when the runner is root.
const FIRST_JOB_UID: u32 = 1_000_000_000;
/// Each runner process takes a block of uids of its own (by its pid), so
/// jobs of two runners at once never share a uid, nor its process limit.
const UIDS_PER_RUNNER: u32 = 1024;
const RUNNER_BLOCKS: u32 = 2_000_000;

/// The install command named wherever bubblewrap is missing.
pub const INSTALL_BUBBLEWRAP: &str = "sudo apt-get install bubblewrap";

/// Which job uids are in use, for a runner that runs as root.
static JOB_UIDS: Mutex<Vec<bool>> = Mutex::new(Vec::new());

/// A located and working bubblewrap.
#[derive(Debug, Clone)]
pub struct Bubblewrap {
    bwrap: PathBuf,
    prlimit: PathBuf,
    /// `setpriv`, when the runner is root and each job drops to a uid of its own.
    setpriv: Option<PathBuf>,
}

/// A job's uid, returned to the pool when the job is over.
#[derive(Debug)]
pub struct JobIdentity {
    slot: Option<usize>,
}

impl Drop for JobIdentity {
    fn drop(&mut self) {
        if let Some(slot) = self.slot {
            let mut slots = JOB_UIDS.lock().unwrap_or_else(PoisonError::into_inner);
            slots[slot] = false;
        }
    }
}

impl Bubblewrap {
    /// Finds `bwrap` and `prlimit` (and `setpriv` for root) on `PATH`, and
    /// checks that a sandbox can really be made here.
    ///
    /// # Errors
    ///
    /// Fails when a tool is missing, naming the install command, or when
    /// bwrap cannot make a sandbox here, with what it said.
    pub fn locate() -> Result<Self> {
        let Some(bwrap) = on_path("bwrap") else {
            bail!(
                "bubblewrap (`bwrap`) is not installed, and `grade` runs every submission in a bubblewrap sandbox: install it with `{INSTALL_BUBBLEWRAP}`, or pass `--unsandboxed` to grade work you trust under Node's permission model alone"
            );
        };
        let prlimit = on_path("prlimit").context(
            "`prlimit` (util-linux) is not on PATH; it sets each graded job's limits: install it with `sudo apt-get install util-linux`",
        )?;
        let root = rustix::process::geteuid().is_root();
        let setpriv = if root {
            Some(on_path("setpriv").context(
                "`setpriv` (util-linux) is not on PATH; as root, each graded job drops to a uid of its own with it: install it with `sudo apt-get install util-linux`",
            )?)
        } else {
            None
        };
        let sandbox = Self {
            bwrap,
            prlimit,
            setpriv,
        };
        sandbox.probe()?;
        Ok(sandbox)
    }

    /// Runs `true` in a sandbox like a job's, so a machine where bwrap cannot
    /// work (no user namespaces) is found before any student is graded.
    fn probe(&self) -> Result<()> {
        let truth = on_path("true").context("`true` is not on PATH")?;
        let (mut command, _identity) = self.command(&truth, &[], &[], Path::new("/"));
        let output = command
            .output()
            .with_context(|| format!("could not start `{}`", self.bwrap.display()))?;
        if !output.status.success() {
            bail!(
                "bubblewrap cannot make a sandbox on this machine ({}): {}; user namespaces may be disabled (`sysctl kernel.unprivileged_userns_clone=1`), or pass `--unsandboxed` to grade work you trust under Node's permission model alone",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        Ok(())
    }

    /// `program args` inside a sandbox where only `readable` (and the
    /// system's `/usr`) can be read, at their own paths, and `workdir` is the
    /// working folder. The environment is only what the caller sets on the
    /// returned command. Keep the [`JobIdentity`] until the job has ended.
    pub fn command(
        &self,
        program: &Path,
        args: &[OsString],
        readable: &[PathBuf],
        workdir: &Path,
    ) -> (Command, JobIdentity) {
        let mut command = Command::new(&self.bwrap);
        command.env_clear().env("PATH", "/usr/bin:/bin");
        command.args(namespaces(self.setpriv.is_some()));
        command.args(["--die-with-parent", "--new-session", "--dev", "/dev"]);
        for system in ["/usr", "/bin", "/lib", "/lib64"] {
            command.args(["--ro-bind-try", system, system]);
        }
        command.args(["--perms", "1777", "--size", &TMP_SIZE_BYTES.to_string()]);
        command.args(["--tmpfs", "/tmp"]);
        command.args(bind_arguments(readable));
        command
            .arg("--chdir")
            .arg(workdir)
            .arg("--")
            .arg(&self.prlimit);
        command.args([
            format!("--data={MEMORY_LIMIT_BYTES}"),
            format!("--nproc={PROCESS_LIMIT}"),
            format!("--fsize={FILE_SIZE_LIMIT_BYTES}"),
            format!("--nofile={OPEN_FILES_LIMIT}"),
            "--core=0".to_string(),
            "--".to_string(),
        ]);
        let identity = match &self.setpriv {
            Some(setpriv) => {
                let (slot, uid) = take_job_uid();
                command.arg(setpriv).args([
                    format!("--reuid={uid}"),
                    format!("--regid={uid}"),
                    "--clear-groups".to_string(),
                    "--inh-caps=-all".to_string(),
                    "--bounding-set=-all".to_string(),
                    "--".to_string(),
                ]);
                JobIdentity { slot: Some(slot) }
            }
            None => JobIdentity { slot: None },
        };
        command.arg(program).args(args);
        (command, identity)
    }
}

/// The namespaces a job gets. As root, no user namespace: the job changes
/// uid itself, which needs `setuid` kept until `setpriv` drops everything.
fn namespaces(root: bool) -> Vec<&'static str> {
    let mut flags = vec![
        "--unshare-ipc",
        "--unshare-pid",
        "--unshare-net",
        "--unshare-uts",
        "--unshare-cgroup-try",
    ];
    if root {
        flags.extend(["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]);
    } else {
        flags.push("--unshare-user");
    }
    flags
}

/// `--ro-bind` for every folder, each preceded by its ancestors made
/// readable by all: bwrap would otherwise copy their modes, and a `0700`
/// temporary folder would hide the job's files from the job's own uid.
fn bind_arguments(readable: &[PathBuf]) -> Vec<OsString> {
    let mut folders: Vec<&PathBuf> = readable.iter().collect();
    folders.sort();
    // A folder inside another is already bound, and bwrap cannot make folders in a read-only bind.
    folders.dedup_by(|later, earlier| later.starts_with(&**earlier));
    let mut made: Vec<PathBuf> = Vec::new();
    let mut args: Vec<OsString> = Vec::new();
    for folder in folders {
        let mut ancestors: Vec<&Path> = folder.ancestors().skip(1).collect();
        ancestors.reverse();
        for ancestor in ancestors {
            if ancestor == Path::new("/") || made.iter().any(|done| done == ancestor) {
                continue;
            }
            made.push(ancestor.to_path_buf());
            args.extend(["--perms".into(), "0755".into(), "--dir".into()]);
            args.push(ancestor.as_os_str().to_owned());
        }
        args.push("--ro-bind".into());
        args.push(folder.as_os_str().to_owned());
        args.push(folder.as_os_str().to_owned());
    }
    args
}

fn take_job_uid() -> (usize, u32) {
    let mut slots = JOB_UIDS.lock().unwrap_or_else(PoisonError::into_inner);
    let slot = slots.iter().position(|taken| !taken).unwrap_or_else(|| {
        slots.push(false);
        slots.len() - 1
    });
    slots[slot] = true;
    let block = std::process::id() % RUNNER_BLOCKS;
    let slot_uid = u32::try_from(slot).unwrap_or(0) % UIDS_PER_RUNNER;
    (slot, FIRST_JOB_UID + block * UIDS_PER_RUNNER + slot_uid)
}

/// `program`'s full path, from `PATH`.
fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|folder| folder.join(program))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ancestor_of_a_bound_folder_is_made_once_before_it() {
        let args = bind_arguments(&[
            PathBuf::from("/a/b/d"),
            PathBuf::from("/a/b/c"),
            PathBuf::from("/a/b/c/inside"),
        ]);
        let text: Vec<String> = args
            .iter()
            .map(|arg| arg.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            text.join(" "),
            "--perms 0755 --dir /a --perms 0755 --dir /a/b --ro-bind /a/b/c /a/b/c --ro-bind /a/b/d /a/b/d"
        );
    }

    #[test]
    fn jobs_running_at_once_get_different_uids_and_give_them_back() {
        let (first, first_uid) = take_job_uid();
        let (second, second_uid) = take_job_uid();
        assert_ne!(first_uid, second_uid);
        drop(JobIdentity { slot: Some(first) });
        let (again, _) = take_job_uid();
        assert_eq!(again, first);
        drop(JobIdentity { slot: Some(again) });
        drop(JobIdentity { slot: Some(second) });
    }
}
