//! Every child runs in its own process group, and no process outlives the
//! runner: groups are killed when their run ends, orphans the runner adopts
//! (as the Linux child subreaper) are killed, and SIGINT or SIGTERM kill
//! every live group before the runner exits.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use anyhow::{Context, Result};
use rustix::process::{Pid, Signal, WaitOptions};
use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// The process-group ids (the pids of the direct children) of runs still going.
static LIVE_GROUPS: Mutex<Vec<i32>> = Mutex::new(Vec::new());

/// Set by [`supervise_children`]: orphans that reach the runner are killed.
static ADOPTS_ORPHANS: AtomicBool = AtomicBool::new(false);

/// Folders removed when a signal ends the runner: scratch copies, which
/// their owners would otherwise remove when dropped.
static REMOVE_ON_SIGNAL: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Run before a signal ends the runner: `watch` puts the terminal back.
static BEFORE_SIGNAL_EXIT: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// Registers `hook` to run when SIGINT or SIGTERM ends the runner, before it
/// exits (once; later calls are ignored). For restoring a terminal.
pub fn before_signal_exit(hook: fn()) {
    let _ = BEFORE_SIGNAL_EXIT.set(hook);
}

/// Calls `make` (which creates a folder and returns its path) and records
/// the folder for removal if a signal ends the runner. Made under the lock,
/// so no folder is created after the signal's cleanup has begun.
///
/// # Errors
///
/// Whatever `make` returns.
pub fn remove_if_stopped<T>(
    make: impl FnOnce() -> std::io::Result<T>,
    path_of: impl FnOnce(&T) -> PathBuf,
) -> std::io::Result<T> {
    let mut folders = REMOVE_ON_SIGNAL
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let created = make()?;
    folders.push(path_of(&created));
    Ok(created)
}

/// Forgets `folder`: its owner removed it.
pub fn forget_removal(folder: &Path) {
    REMOVE_ON_SIGNAL
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .retain(|kept| kept != folder);
}

/// Rounds of removal before a stopped runner gives up on a folder.
const REMOVAL_ROUNDS: usize = 40;

/// Sweeps repeat while killing one orphan hands its children to the runner.
const MAX_SWEEPS: usize = 200;

/// Makes the runner the reaper of every process its children leave behind,
/// and stops every child process group on SIGINT and SIGTERM, then exits
/// with 128 + the signal number. For the `runner` binary: it kills any
/// orphan that reaches this process, so a program that spawns children of
/// its own by other means must not call it.
///
/// # Errors
///
/// Fails when the signal handlers cannot be installed.
pub fn supervise_children() -> Result<()> {
    // Without a subreaper (old kernels, some sandboxes) process groups still hold.
    let _ = rustix::process::set_child_subreaper(Some(rustix::process::getpid()));
    ADOPTS_ORPHANS.store(true, Ordering::SeqCst);
    let mut signals =
        Signals::new([SIGINT, SIGTERM]).context("installing the SIGINT and SIGTERM handlers")?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            stop_everything_and_exit(signal);
        }
    });
    Ok(())
}

/// Starts `command` as the leader of a new process group and records the group.
pub(super) fn spawn_in_own_group(command: &mut Command) -> std::io::Result<Child> {
    std::os::unix::process::CommandExt::process_group(command, 0);
    // Spawning under the lock means a signal or a sweep never misses a new child.
    let mut live = live_groups();
    let child = command.spawn()?;
    live.extend(group_of(&child).map(|group| group.as_raw_nonzero().get()));
    Ok(child)
}

/// Kills the process group of `child` (whatever of it is still running).
pub(super) fn kill_group(child: &Child) {
    if let Some(group) = group_of(child) {
        let _ = rustix::process::kill_process_group(group, Signal::KILL);
    }
}

/// Called once `child` has been waited for: kills what is left of its group,
/// forgets the group, and kills the orphans it left to the runner.
pub(super) fn release(child: &Child) {
    kill_group(child);
    let mut live = live_groups();
    if let Some(id) = group_of(child) {
        live.retain(|group| *group != id.as_raw_nonzero().get());
    }
    if ADOPTS_ORPHANS.load(Ordering::SeqCst) {
        kill_adopted_orphans(&live);
    }
}

/// Kills every live child process group and every adopted orphan, then
/// exits with `code`: for leaving while another thread's run is still going
/// (`watch`'s `q`). No child can start between the kill and the exit.
pub fn exit_killing_children(code: i32) -> ! {
    let _live = kill_every_child();
    std::process::exit(code);
}

/// Kills every live group and orphan; the returned lock is held until exit,
/// so no child can start after this point.
fn kill_every_child() -> MutexGuard<'static, Vec<i32>> {
    let live = live_groups();
    for group in live.iter() {
        if let Some(pid) = Pid::from_raw(*group).filter(|pid| !pid.is_init()) {
            let _ = rustix::process::kill_process_group(pid, Signal::KILL);
        }
    }
    // Live children are killed, not reaped: the threads waiting on them reap
    // them, and a child reaped behind their back makes their wait panic.
    kill_adopted_orphans(&live);
    live
}

fn stop_everything_and_exit(signal: i32) -> ! {
    let live = kill_every_child();
    let folders = REMOVE_ON_SIGNAL
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    remove_while_written(&folders);
    if let Some(hook) = BEFORE_SIGNAL_EXIT.get() {
        hook();
    }
    let name = if signal == SIGINT {
        "SIGINT"
    } else {
        "SIGTERM"
    };
    let _ = writeln!(
        std::io::stderr().lock(),
        "runner: stopped by {name}; killed {} running child process group(s)",
        live.len()
    );
    std::process::exit(128 + signal);
}

/// Removes `folders`, again while other threads still write into them: a
/// thread that was building in a copy stops at its next child process, which
/// can no longer start, so a few rounds see the folders gone for good.
fn remove_while_written(folders: &[PathBuf]) {
    for _ in 0..REMOVAL_ROUNDS {
        for folder in folders {
            let _ = std::fs::remove_dir_all(folder);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        if folders.iter().all(|folder| !folder.exists()) {
            return;
        }
    }
}

/// Kills and reaps the processes that were re-parented to the runner, except
/// those still in a live group (they go when their group does).
fn kill_adopted_orphans(live: &[i32]) {
    let me = rustix::process::getpid().as_raw_nonzero().get();
    let my_group = rustix::process::getpgrp().as_raw_nonzero().get();
    for _ in 0..MAX_SWEEPS {
        let orphans: Vec<ProcStat> = children_of(me)
            .into_iter()
            .filter(|child| !live.contains(&child.pid) && !live.contains(&child.group))
            .collect();
        if orphans.is_empty() {
            return;
        }
        for orphan in orphans {
            let Some(pid) = Pid::from_raw(orphan.pid) else {
                continue;
            };
            if orphan.group != my_group
                && let Some(group) = Pid::from_raw(orphan.group).filter(|pid| !pid.is_init())
            {
                let _ = rustix::process::kill_process_group(group, Signal::KILL);
            }
            let _ = rustix::process::kill_process(pid, Signal::KILL);
            let _ = rustix::process::waitpid(Some(pid), WaitOptions::empty());
        }
    }
}

/// The fields of `/proc/<pid>/stat` the sweep needs.
struct ProcStat {
    pid: i32,
    parent: i32,
    group: i32,
}

fn children_of(parent: i32) -> Vec<ProcStat> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| {
            let pid: i32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            parse_stat(pid, &stat)
        })
        .filter(|stat| stat.parent == parent)
        .collect()
}

// The command name in parentheses may hold spaces and parentheses: fields start after the last `)`.
fn parse_stat(pid: i32, stat: &str) -> Option<ProcStat> {
    let mut fields = stat.get(stat.rfind(')')? + 1..)?.split_whitespace();
    let _state = fields.next()?;
    Some(ProcStat {
        pid,
        parent: fields.next()?.parse().ok()?,
        group: fields.next()?.parse().ok()?,
    })
}

/// The group a child leads (its pid); never group 1, which `kill(-1)` would turn into everyone.
fn group_of(child: &Child) -> Option<Pid> {
    let id = i32::try_from(child.id()).ok()?;
    Pid::from_raw(id).filter(|pid| !pid.is_init())
}

fn live_groups() -> MutexGuard<'static, Vec<i32>> {
    LIVE_GROUPS.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_parent_and_group_past_a_command_name_with_parentheses() {
        let stat = parse_stat(7, "7 (node (x) y) S 3 5 5 0 -1").unwrap();
        assert_eq!((stat.pid, stat.parent, stat.group), (7, 3, 5));
    }
}
