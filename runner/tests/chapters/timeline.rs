//! `timeline::<chapter>::<variant>`: for every variant with a
//! `[variant.timeline]` table, the browser host page runs the variant in
//! Chromium (through `node-harness/timeline-probe.mjs`, under the variant's
//! pinned Node) and the test checks the lanes and marks the page drew (their
//! data attributes, never pixels): the lanes it names, whether the main
//! thread's ticks came between the `from` and `to` marks, a wait drawn whole
//! (`whole`), and the parts that explain the timeline: a legend item for each
//! kind of mark drawn, an axis that covers the run, the link to the chapter's
//! page, and, when the page may draw only 3 events (`&max-marks=3`), a visible
//! note that says so (that run in the book's dark `coal` theme, which the page
//! must follow).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use libtest_mimic::{Failed, Trial};
use runner::manifest::{MarkSpec, Ticks, TimelineSpec, VariantSpec, WholeSpec};
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
    check_drawn(spec, &drawn)
        .and_then(|()| check_explained(workbook, chapter, &drawn))
        .map_err(|problem| format!("{page}: {problem}\ndrawn: {drawn}").into())
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
        (Ticks::Some, 0) => return Err("the main thread's ticker drew no tick in the span".into()),
        (Ticks::None, 1..) => {
            return Err(format!("{ticks} ticks came in the span, where none may"));
        }
        _ => {}
    }
    spec.whole
        .as_ref()
        .map_or(Ok(()), |whole| check_whole(whole, &marks))
}

/// How far a drawn time may fall short of the wait's end: the waiting
/// module's clock counts whole milliseconds, and the page rounds each mark's
/// time to 0.1 ms.
const CLOCK_AND_ROUNDING_MS: f64 = 1.1;

/// The wait is drawn whole: a group of 2 or more repetitions lasts to its end.
fn check_whole(whole: &WholeSpec, marks: &[Mark]) -> Result<(), String> {
    let start = time_of(marks.iter(), &whole.after, "after")?;
    let wait_end = start + whole.ms - CLOCK_AND_ROUNDING_MS;
    let last = marks
        .iter()
        .filter(|mark| mark.kind != "tick")
        .map(|mark| mark.end.unwrap_or(mark.t))
        .fold(f64::NEG_INFINITY, f64::max);
    if last < wait_end {
        return Err(format!(
            "the timeline stops at {last} ms, before the {} ms wait from {start} ms is over",
            whole.ms
        ));
    }
    let group = marks
        .iter()
        .find(|mark| mark.kind == "group" && whole.group.matches(&mark.lane, &mark.text))
        .ok_or_else(|| format!("no collapsed group {:?}", whole.group))?;
    match (group.count, group.end) {
        (Some(count), Some(end)) if count >= 2 && end >= wait_end => Ok(()),
        (count, end) => Err(format!(
            "the group {:?} (count {count:?}, ending at {end:?} ms) does not repeat to the wait's end",
            whole.group
        )),
    }
}

/// The parts that explain the timeline are there and fit what it drew.
fn check_explained(workbook: &Workbook, chapter: &str, drawn: &Value) -> Result<(), String> {
    let strings = |value: &Value| -> Vec<String> {
        let items = value.as_array().into_iter().flatten();
        items
            .filter_map(|item| item.as_str().map(String::from))
            .collect()
    };
    let legend = strings(&drawn["legend"]);
    let kinds = ["marks", "spans"].iter().flat_map(|list| {
        let items = drawn[*list].as_array().into_iter().flatten();
        items.filter_map(|item| item["kind"].as_str())
    });
    if let Some(kind) = kinds
        .into_iter()
        .find(|kind| !legend.iter().any(|item| item == kind))
    {
        return Err(format!(
            "the legend {legend:?} does not explain the `{kind}` marks"
        ));
    }
    check_axis(drawn)?;
    let link = strings(&drawn["chapterLink"]);
    let page = format!("chapters/{chapter}.html");
    let book_page = workbook
        .root()
        .join("book/src")
        .join(format!("chapters/{chapter}.md"));
    if !(link.len() == 1 && link[0].ends_with(&page) && book_page.is_file()) {
        return Err(format!(
            "the link back to the chapter is {link:?}, not one link to the book's {page}"
        ));
    }
    let cut_notes = drawn["cut"]["notes"].as_array().into_iter().flatten();
    let says_cut = cut_notes
        .filter(|note| note["note"] == "cut")
        .any(|note| note["text"].as_str().is_some_and(|text| text.contains('3')));
    if !says_cut {
        return Err("with room for 3 events, the page shows no note that says what it cut".into());
    }
    match drawn["cut"]["theme"].as_str() {
        Some("dark") => Ok(()),
        theme => Err(format!(
            "in the book's coal theme the page's root class is {theme:?}, not `dark`"
        )),
    }
}

/// The axis starts at 0 ms, rises in even steps, and covers the last mark.
fn check_axis(drawn: &Value) -> Result<(), String> {
    let ticks: Vec<f64> = drawn["axis"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_f64)
        .collect();
    let last_mark = drawn["marks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|mark| mark["t"].as_f64())
        .fold(0.0, f64::max);
    let even = ticks
        .windows(3)
        .all(|three| ((three[1] - three[0]) - (three[2] - three[1])).abs() < 1e-9);
    match ticks.as_slice() {
        [0.0, second, .., last] if even && last + second >= last_mark => Ok(()),
        _ => Err(format!(
            "the axis {ticks:?} does not run from 0 ms in even steps past the last mark at {last_mark} ms"
        )),
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
    /// A group's last event.
    end: Option<f64>,
    /// A group's repetitions.
    count: Option<u64>,
}

impl From<&Value> for Mark {
    fn from(mark: &Value) -> Self {
        let text = |key: &str| mark[key].as_str().unwrap_or_default().to_string();
        Self {
            lane: text("lane"),
            kind: text("kind"),
            text: text("text"),
            t: mark["t"].as_f64().unwrap_or(f64::NAN),
            end: mark["end"].as_f64(),
            count: mark["count"].as_u64(),
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
