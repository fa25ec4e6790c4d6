//! `runner init`: a learner's workspace without solutions, where the
//! learner's commands work and a solution appears only after a pass.

use std::path::Path;

use super::support::{ScratchWorkbook, repo_root};

fn classroom() -> ScratchWorkbook {
    ScratchWorkbook::copy_of(&repo_root().join("runner/tests/fixtures/classroom"))
}

fn files_named(dir: &Path, name: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_name() == name {
            found.push(path.display().to_string());
        }
        if entry.file_type().unwrap().is_dir() {
            found.extend(files_named(&path, name));
        }
    }
    found
}

#[test]
fn a_workspace_has_no_solution_until_the_exercise_passes() {
    let scratch = classroom();
    let outside = tempfile::tempdir().unwrap();
    let workspace = outside.path().join("x");
    let init = scratch.runner(&["init", workspace.to_str().unwrap()]);
    assert_eq!(init.code, Some(0), "{init:?}");
    assert!(
        init.stdout
            .contains("Welcome to the Async WebAssembly Workbook."),
        "{init:?}"
    );
    assert!(
        init.stdout.contains("2 files to edit, and no solutions"),
        "{init:?}"
    );
    assert_eq!(files_named(&workspace, "solution"), Vec::<String>::new());
    for made in [
        "README.md",
        ".workbook-progress.json",
        "workbook-workspace.toml",
        "numbers/exercises/add-wat/add.wat",
        "numbers/exercises/add-wat/check.mjs",
        "numbers/answer.wat",
    ] {
        assert!(workspace.join(made).is_file(), "no {made}");
    }
    // A second init never overwrites the learner's work.
    let again = scratch.runner(&["init", workspace.to_str().unwrap()]);
    assert_eq!(again.code, Some(2), "{again:?}");
    assert!(
        again.stderr.contains("already exists and is not empty"),
        "{again:?}"
    );

    let in_workspace = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_runner"))
            .args(args)
            .current_dir(workspace.join("numbers/exercises"))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    let (code, failed) = in_workspace(&["exercise", "add-wat"]);
    assert_eq!(code, Some(1), "{failed}");
    assert!(failed.contains("+add(2, 3) = 0"), "{failed}");
    let (_, hint) = in_workspace(&["hint", "add-wat"]);
    assert!(
        hint.contains("Add the two parameters with i32.add."),
        "{hint}"
    );

    let learner = workspace.join("numbers/exercises/add-wat/add.wat");
    std::fs::copy(
        scratch
            .root()
            .join("chapters/numbers/exercises/add-wat/solution/add.wat"),
        &learner,
    )
    .unwrap();
    let (code, passed) = in_workspace(&["exercise", "add-wat"]);
    assert_eq!(code, Some(0), "{passed}");
    assert!(
        passed.contains("the author's solution, now beside your file: `numbers/exercises/add-wat/solution/add.wat`"),
        "{passed}"
    );
    assert!(
        workspace
            .join("numbers/exercises/add-wat/solution/add.wat")
            .is_file()
    );
    assert!(
        !workspace
            .join("numbers/exercises/greet-js/solution")
            .exists()
    );
    let (_, list) = in_workspace(&["list"]);
    assert!(list.contains("[x] add-wat"), "{list}");
    assert!(
        list.contains("Next: `./runner watch` works through the exercises here"),
        "{list}"
    );

    // Reset backs up inside the workspace, never in the workbook.
    let (code, reset) = in_workspace(&["reset", "add-wat", "--yes"]);
    assert_eq!(code, Some(0), "{reset}");
    assert!(
        workspace.join(".workbook-backups/add-wat").is_dir(),
        "{reset}"
    );
    assert!(
        reset
            .contains("Removed the revealed solution `numbers/exercises/add-wat/solution/add.wat`"),
        "{reset}"
    );
    assert!(
        !workspace
            .join("numbers/exercises/add-wat/solution")
            .exists()
    );
    assert!(!scratch.root().join(".workbook-backups").exists());
    assert!(!scratch.root().join(".workbook-progress.json").exists());
}

#[test]
fn grade_reads_a_workspace_as_a_class_of_one() {
    let scratch = classroom();
    let outside = tempfile::tempdir().unwrap();
    let workspace = outside.path().join("x");
    let init = scratch.runner(&["init", workspace.to_str().unwrap()]);
    assert_eq!(init.code, Some(0), "{init:?}");
    std::fs::copy(
        scratch
            .root()
            .join("chapters/numbers/exercises/add-wat/solution/add.wat"),
        workspace.join("numbers/exercises/add-wat/add.wat"),
    )
    .unwrap();
    let graded = scratch.runner(&["grade", workspace.to_str().unwrap(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&graded.stdout).unwrap();
    let exercises = report["students"][0]["exercises"].as_array().unwrap();
    let status = |name: &str| {
        exercises
            .iter()
            .find(|exercise| exercise["name"] == name)
            .map(|exercise| exercise["status"].clone())
    };
    assert_eq!(status("add-wat"), Some("pass".into()), "{report:#}");
    assert_eq!(status("greet-js"), Some("fail".into()), "{report:#}");
}

#[test]
fn init_refuses_a_folder_inside_the_workbooks_own_folders() {
    let scratch = classroom();
    let root = scratch.root();
    for inside in ["chapters/mine", "chapters/../chapters/deeper/mine"] {
        let output = scratch.runner(&["init", root.join(inside).to_str().unwrap()]);
        assert_eq!(output.code, Some(2), "{output:?}");
        assert!(
            output
                .stderr
                .contains("is inside the workbook's own folders"),
            "{output:?}"
        );
    }
    assert!(!root.join("chapters/mine").exists());
    assert!(!root.join("chapters/deeper").exists());
    // Beside the workbook's folders (as the default `my-workbook`) is fine.
    let output = scratch.runner(&["init", root.join("my-workbook").to_str().unwrap()]);
    assert_eq!(output.code, Some(0), "{output:?}");
}

#[test]
fn editing_the_workspace_check_never_passes_an_exercise() {
    let scratch = classroom();
    let outside = tempfile::tempdir().unwrap();
    let workspace = outside.path().join("x");
    let init = scratch.runner(&["init", workspace.to_str().unwrap()]);
    assert_eq!(init.code, Some(0), "{init:?}");
    let check = workspace.join("numbers/exercises/add-wat/check.mjs");
    let forged = "export async function run(host) {\n  host.log('add(2, 3) = 5');\n}\n";
    std::fs::write(&check, forged).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_runner"))
        .args([
            "--workbook",
            workspace.to_str().unwrap(),
            "exercise",
            "add-wat",
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout
            .contains("Put back `numbers/exercises/add-wat/check.mjs`: it belongs to the exercise"),
        "{stdout}"
    );
    assert_ne!(std::fs::read_to_string(&check).unwrap(), forged);
    let kept =
        workspace.join(".workbook-backups/edited-fixed-files/numbers/exercises/add-wat/check.mjs");
    assert_eq!(std::fs::read_to_string(kept).unwrap(), forged);
    assert!(
        !workspace
            .join("numbers/exercises/add-wat/solution")
            .exists()
    );
}

#[test]
fn the_workspace_script_runs_the_workbooks_runner_on_the_workspace() {
    let scratch = classroom();
    let outside = tempfile::tempdir().unwrap();
    let workspace = outside.path().join("x");
    assert_eq!(
        scratch.runner(&["init", workspace.to_str().unwrap()]).code,
        Some(0)
    );
    let readme = std::fs::read_to_string(workspace.join("README.md")).unwrap();
    assert!(readme.contains("`./runner watch`"), "{readme}");
    // A stand-in for cargo: it runs this build of the runner with what follows `--`.
    let bin = outside.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let fake_cargo = format!(
        "#!/bin/sh\nwhile [ \"$1\" != -- ]; do shift; done\nshift\nexec '{}' \"$@\"\n",
        env!("CARGO_BIN_EXE_runner")
    );
    std::fs::write(bin.join("cargo"), fake_cargo).unwrap();
    let executable = std::os::unix::fs::PermissionsExt::from_mode(0o755);
    std::fs::set_permissions(bin.join("cargo"), executable).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = std::process::Command::new("./runner")
        .arg("list")
        .current_dir(&workspace)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}{output:?}");
    assert!(stdout.contains("Exercises (0/2 done):"), "{stdout}");
    assert!(stdout.contains("Next: `./runner watch`"), "{stdout}");
}

/// Every cheat of the real workbook's exercises fails in `grade` and in a
/// workspace's `exercise` (which `watch` shares); `dev check` tries them too.
#[test]
fn every_cheat_fails_in_grade_and_in_a_workspace() {
    let scratch = ScratchWorkbook::copy_of(&repo_root());
    let workbook = runner::workbook::Workbook::open(scratch.root()).unwrap();
    let outside = tempfile::tempdir().unwrap();
    let workspace = outside.path().join("w");
    assert_eq!(
        scratch.runner(&["init", workspace.to_str().unwrap()]).code,
        Some(0)
    );
    let mut tried = 0;
    for exercise in workbook.exercises().unwrap() {
        for cheat in exercise.cheats() {
            tried += 1;
            let name = exercise.name.as_str();
            let student = outside.path().join(format!("class-{tried}/cheater"));
            for file in exercise.files() {
                let submitted = student.join(exercise.submission_path(file));
                std::fs::create_dir_all(submitted.parent().unwrap()).unwrap();
                std::fs::copy(cheat.join(file), &submitted).unwrap();
                std::fs::copy(
                    cheat.join(file),
                    workspace.join(exercise.submission_path(file)),
                )
                .unwrap();
            }
            let class = student.parent().unwrap().to_str().unwrap();
            let graded = scratch.runner(&["grade", class, "--format", "json", "--exercise", name]);
            let report: serde_json::Value = serde_json::from_str(&graded.stdout).unwrap();
            let status = &report["students"][0]["exercises"][0]["status"];
            assert_eq!(
                status,
                "fail",
                "{} passes grade: {report:#}",
                cheat.display()
            );
            let checked = std::process::Command::new(env!("CARGO_BIN_EXE_runner"))
                .args(["--workbook", workspace.to_str().unwrap(), "exercise", name])
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&checked.stdout);
            assert_eq!(
                checked.status.code(),
                Some(1),
                "{} passes in a workspace: {stdout}",
                cheat.display()
            );
        }
    }
    assert!(
        tried >= 2,
        "the workbook's exercises keep at least the issue's two cheats"
    );
}
