//! How a Node run starts: Node's permission flags for a graded job, and the
//! job's OS sandbox around the process when there is one.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::NodeEngine;
use crate::engine::Job;
use crate::manifest::Allowance;
use crate::sandbox::JobIdentity;

impl NodeEngine {
    /// What a sandboxed job may read: its workbook copy's chapters, host
    /// files and built modules, and the installed packages.
    pub(super) fn readable(&self, job: &Job<'_>) -> [PathBuf; 4] {
        let packages = self.packages.dir().join("node_modules");
        [
            job.workbook.chapters_dir().to_path_buf(),
            job.workbook.node_harness_dir().to_path_buf(),
            job.workbook.artifact_dir(&job.suite.id),
            std::fs::canonicalize(&packages).unwrap_or(packages),
        ]
    }

    pub(super) fn permission_flags(&self, job: &Job<'_>) -> Vec<String> {
        if !self.sandboxed {
            return Vec::new();
        }
        let permission = if job.variant.node == "node20" {
            "--experimental-permission"
        } else {
            "--permission"
        };
        let readable = self.readable(job);
        let mut flags = vec![permission.to_string()];
        flags.extend(
            readable
                .iter()
                .map(|dir| format!("--allow-fs-read={}", dir.display())),
        );
        if job.variant.allow.contains(&Allowance::Worker) {
            flags.push("--allow-worker".into());
        }
        // Before any harness code: keeps every worker under these same flags.
        let guard = job.workbook.node_harness_dir().join("permission-guard.mjs");
        flags.push(format!("--import={}", guard.display()));
        flags
    }

    /// Node's flags, then the host, the harness and the artifact folder.
    pub(super) fn node_args(&self, job: &Job<'_>, host: PathBuf, harness: &Path) -> Vec<OsString> {
        let mut args: Vec<OsString> = self
            .permission_flags(job)
            .into_iter()
            .map(Into::into)
            .collect();
        args.extend(job.variant.node_flags.iter().map(Into::into));
        args.extend([
            host.into(),
            harness.into(),
            job.workbook.artifact_dir(&job.suite.id).into(),
        ]);
        args
    }

    /// `node args`, in the job's OS sandbox when there is one.
    pub(super) fn command(
        &self,
        job: &Job<'_>,
        node: &Path,
        args: &[OsString],
    ) -> (Command, Option<JobIdentity>) {
        let Some(bubblewrap) = &self.bubblewrap else {
            let mut command = Command::new(node);
            command.args(args);
            return (command, None);
        };
        let readable: Vec<PathBuf> = self
            .readable(job)
            .into_iter()
            .filter(|dir| dir.is_dir())
            .collect();
        // The sandbox binds the packages at their real path, not through a link.
        let node = std::fs::canonicalize(node).unwrap_or_else(|_| node.to_path_buf());
        let (command, identity) = bubblewrap.command(&node, args, &readable, &job.suite.dir);
        (command, Some(identity))
    }
}
