//! `timeline::<chapter>::<variant>`: for every variant with a
//! `[variant.timeline]` table, the browser host page runs the variant in
//! Chromium (through `node-harness/timeline-probe.mjs`, under the variant's
//! pinned Node) and the test checks the lanes and marks the page drew (their
//! data attributes, never pixels): the lanes it names, and whether the main
//! thread's ticks came between the `from` and `to` marks.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use libtest_mimic::{Failed, Trial};
use runner::manifest::{MarkSpec, Ticks, TimelineSpec, VariantSpec};
use runner::node_packages::NodePackages;
use runner::workbook::{Suite, Workbook};
use serde_json::Value;

use super::trials::{chromium_path, missing_chromium, skipped, toolchain};

/// One trial per variant of `chapter` whose manifest has a timeline table.
pub fn trials(workbook: &Arc<Workbook>, chapter: &Suite) -> Vec<Trial> {
    let chapter_name = chapter.id.name().to_string();
    chapter
        .manifest
        .variants
        .iter()
        .filter(|variant| variant.timeline.is_some())
        .map(|variant| {
            let name = format!("timeline::{chapter_name}::{}", variant.name);
            if let Some(reason) = missing_chromium() {
                return skipped(&name, &reason);
            }
            let (workbook, chapter_name, variant) =
                (Arc::clone(workbook), chapter_name.clone(), variant.clone());
            Trial::test(name, move || {
                check_timeline(&workbook, &chapter_name, &variant)
            })
        })
        .collect()
}

fn check_timeline(workbook: &Workbook, chapter: &str, variant: &VariantSpec) -> Result<(), Failed> {
    let spec = variant
        .timeline
        .as_ref()
        .expect("only variants with a timeline");
    toolchain(workbook);
    let node =
        NodePackages::new(workbook.node_harness_dir().to_path_buf()).node_binary(&variant.node)?;
    let served = Served::start(workbook.root())?;
    let page = format!(
        "{}host/host.html?chapter={chapter}&variant={}",
        served.url, variant.name
    );
    let drawn = probe(workbook, &node, &page)?;
    check_drawn(spec, &drawn).map_err(|problem| format!("{page}: {problem}\ndrawn: {drawn}").into())
}

/// What the page's timeline drew for `page`, as the probe printed it.
fn probe(workbook: &Workbook, node: &Path, page: &str) -> Result<Value, Failed> {
    let profile = tempfile::tempdir()?;
    let output = Command::new(node)
        .current_dir(workbook.node_harness_dir())
        .arg("timeline-probe.mjs")
        .arg(page)
        .arg(chromium_path())
        .arg(profile.path())
        .output()?;
    if !output.status.success() {
        return Err(format!(
            "the probe failed on {page}:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(serde_json::from_slice(&output.stdout)?)
}

fn check_drawn(spec: &TimelineSpec, drawn: &Value) -> Result<(), String> {
    let lanes: Vec<&str> = drawn["lanes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if let Some(missing) = spec
        .lanes
        .iter()
        .find(|lane| !lanes.contains(&lane.as_str()))
    {
        return Err(format!("no lane `{missing}` among {lanes:?}"));
    }
    let marks: Vec<Mark> = drawn["marks"]
        .as_array()
        .into_iter()
        .flatten()
        .map(Mark::from)
        .collect();
    let from = time_of(marks.iter(), &spec.from, "from")?;
    let to = time_of(marks.iter().rev(), &spec.to, "to")?;
    if from >= to {
        return Err(format!(
            "the `to` mark ({to} ms) does not come after the `from` mark ({from} ms)"
        ));
    }
    let ticks = marks
        .iter()
        .filter(|mark| mark.kind == "tick" && mark.lane == "timers")
        .filter(|mark| (from..=to).contains(&mark.t))
        .count();
    match (spec.ticks, ticks) {
        (Ticks::Some, 0) => Err("the main thread's ticker drew no tick in the span".into()),
        (Ticks::None, 1..) => Err(format!("{ticks} ticks came in the span, where none may")),
        _ => Ok(()),
    }
}

/// The time of the first of `marks` that matches `spec`.
fn time_of<'a>(
    mut marks: impl Iterator<Item = &'a Mark>,
    spec: &MarkSpec,
    which: &str,
) -> Result<f64, String> {
    marks
        .find(|mark| spec.matches(&mark.lane, &mark.text))
        .map(|mark| mark.t)
        .ok_or_else(|| format!("no `{which}` mark {spec:?}"))
}

/// One mark the page drew.
struct Mark {
    lane: String,
    kind: String,
    text: String,
    t: f64,
}

impl From<&Value> for Mark {
    fn from(mark: &Value) -> Self {
        let text = |key: &str| mark[key].as_str().unwrap_or_default().to_string();
        Self {
            lane: text("lane"),
            kind: text("kind"),
            text: text("text"),
            t: mark["t"].as_f64().unwrap_or(f64::NAN),
        }
    }
}

/// `runner serve --port 0` on the workbook, killed on drop.
struct Served {
    child: Child,
    url: String,
}

impl Served {
    fn start(workbook: &Path) -> Result<Self, Failed> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_runner"))
            .args(["serve", "--port", "0", "--workbook"])
            .arg(workbook)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let mut first_line = String::new();
        if let Some(stdout) = child.stdout.take() {
            BufReader::new(stdout).read_line(&mut first_line)?;
        }
        let url = first_line.trim().to_string();
        let served = Self { child, url };
        if served.url.is_empty() {
            return Err("`runner serve` printed no address".into());
        }
        Ok(served)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
