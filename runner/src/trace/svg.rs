//! The drawing as an SVG figure, from the same rows as the text: lanes
//! grouped by thread, an arrow per call, return or message (returns dashed),
//! a dot per note, shaded spans where a thread is blocked or a stack is
//! suspended or unwound (see [`super::spans`]), a legend, and labels wrapped
//! to fit a 750 px column. Every stroke is `currentColor`, so the figure
//! takes the text colour of the book's theme; each kind of span is filled
//! with a CSS variable the book's theme sets (`book/theme/workbook.css`),
//! and `currentColor` where none is set.

use std::fmt::Write as _;

use super::collapse::{Row, repeat_mark};
use super::sequence::{lanes_in_order, thread_and_role};
use super::spans::{Span, SpanKind, spans};

/// The book's content column.
const WIDTH: usize = 750;
const MARGIN: usize = 8;
const LANE_GAP: usize = 52;
const LINE_HEIGHT: usize = 15;
const ROW_PADDING: usize = 6;
const HEADER: usize = 44;
/// How far right a span drawn inside another on the same lane moves.
const NESTED_SHIFT: usize = 5;
/// The width of one character of the 12 px monospace font, rounded up.
const CHAR_WIDTH: usize = 8;

/// The SVG figure of `rows`; `id` keeps its marker ids apart from another
/// figure's on the same page.
pub fn draw_svg(rows: &[Row], id: &str) -> String {
    let lanes = lanes_in_order(rows);
    let lane_x = |lane: &str| {
        let index = lanes.iter().position(|known| *known == lane).unwrap_or(0);
        MARGIN + LANE_GAP / 2 + index * LANE_GAP
    };
    let text_x = MARGIN + lanes.len().max(1) * LANE_GAP + 12;
    let columns = (WIDTH - MARGIN - text_x) / CHAR_WIDTH;
    let labels: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(index, row)| wrap(&label(row, index + 1), columns))
        .collect();
    let mut ys = Vec::new();
    let mut y = HEADER + ROW_PADDING;
    for lines in &labels {
        ys.push(y + LINE_HEIGHT / 2);
        y += lines.len() * LINE_HEIGHT + ROW_PADDING;
    }
    let spans = spans(rows);
    let kinds = kinds_used(&spans);
    let height = y + (1 + kinds.len()) * LINE_HEIGHT + ROW_PADDING;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" \
         style=\"max-width:100%;height:auto\" font-family=\"monospace\" font-size=\"12\" \
         fill=\"currentColor\" role=\"img\" aria-label=\"sequence of the run's events\">"
    );
    let _ = writeln!(
        svg,
        "<defs><marker id=\"{id}-arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"8\" \
         markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"currentColor\"/></marker></defs>"
    );
    draw_header(&mut svg, &lanes, &lane_x, y);
    for span in &spans {
        let x = lane_x(&span.lane) + NESTED_SHIFT * nesting(span, &spans);
        draw_span(&mut svg, span, x, (ys[span.first], ys[span.last]));
    }
    for ((row, lines), y) in rows.iter().zip(&labels).zip(&ys) {
        draw_event(&mut svg, row, &lane_x, *y, id);
        for (line, text) in lines.iter().enumerate() {
            let _ = writeln!(
                svg,
                "<text x=\"{text_x}\" y=\"{}\">{}</text>",
                y + 4 + line * LINE_HEIGHT,
                escape(text)
            );
        }
    }
    draw_legend(&mut svg, &kinds, y + LINE_HEIGHT, id);
    svg.push_str("</svg>\n");
    svg
}

fn draw_header(svg: &mut String, lanes: &[&str], lane_x: &dyn Fn(&str) -> usize, bottom: usize) {
    let mut last_thread = None;
    for lane in lanes {
        let (thread, role) = thread_and_role(lane);
        let x = lane_x(lane);
        if last_thread != Some(thread) {
            let _ = writeln!(
                svg,
                "<text x=\"{}\" y=\"16\" font-weight=\"bold\">{}</text>",
                x - LANE_GAP / 2 + 4,
                escape(thread)
            );
            last_thread = Some(thread);
        }
        let _ = writeln!(
            svg,
            "<text x=\"{x}\" y=\"34\" text-anchor=\"middle\">{role}</text>\n\
             <line x1=\"{x}\" y1=\"{HEADER}\" x2=\"{x}\" y2=\"{bottom}\" stroke=\"currentColor\" stroke-opacity=\"0.35\"/>"
        );
    }
}

fn draw_event(svg: &mut String, row: &Row, lane_x: &dyn Fn(&str) -> usize, y: usize, id: &str) {
    let from = lane_x(&row.event.from);
    match row.event.to.as_deref().map(lane_x) {
        Some(to) if to != from => {
            // Stop short of the lane's line, so the arrowhead shows.
            let end = if to > from { to - 3 } else { to + 3 };
            let dashed = if row.event.text.contains(" returned") {
                " stroke-dasharray=\"4 3\""
            } else {
                ""
            };
            let _ = writeln!(
                svg,
                "<line x1=\"{from}\" y1=\"{y}\" x2=\"{end}\" y2=\"{y}\" stroke=\"currentColor\"{dashed} marker-end=\"url(#{id}-arrow)\"/>"
            );
        }
        _ => {
            let _ = writeln!(svg, "<circle cx=\"{from}\" cy=\"{y}\" r=\"4\"/>");
        }
    }
}

/// A span's shading: a fill the theme colours, and an outline whose dashes
/// tell the kinds apart without colour.
fn span_style(kind: SpanKind) -> String {
    let dashes = match kind {
        SpanKind::Blocked => "none",
        SpanKind::Suspended => "4 2",
        SpanKind::Unwound => "1 2",
    };
    format!(
        "style=\"fill:var(--wb-span-{0}, currentColor)\" fill-opacity=\"0.4\" \
         stroke=\"currentColor\" stroke-opacity=\"0.6\" stroke-dasharray=\"{dashes}\"",
        kind.name()
    )
}

fn draw_span(svg: &mut String, span: &Span, x: usize, (top, bottom): (usize, usize)) {
    let _ = writeln!(
        svg,
        "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"{}\" {}><title>{}</title></rect>",
        x - 6,
        top - 4,
        bottom - top + 8,
        span_style(span.kind),
        span.kind.name()
    );
}

/// How many spans on the same lane were open when `span` started: each one
/// shifts it right, so overlapping stacks (JSPI concurrency) stay apart.
fn nesting(span: &Span, spans: &[Span]) -> usize {
    spans
        .iter()
        .filter(|other| {
            other.lane == span.lane && other.first < span.first && other.last >= span.first
        })
        .count()
}

/// Each kind of span the figure shows, once, in a fixed order.
fn kinds_used(spans: &[Span]) -> Vec<SpanKind> {
    let mut kinds: Vec<SpanKind> = spans.iter().map(|span| span.kind).collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// One line for the marks, each drawn as in the figure, then one line per
/// kind of span shown.
fn draw_legend(svg: &mut String, kinds: &[SpanKind], top: usize, id: &str) {
    let y = top;
    let marks = [
        ("", "call or message"),
        (" stroke-dasharray=\"4 3\"", "return"),
    ];
    let mut x = MARGIN;
    for (dashes, meaning) in marks {
        let _ = writeln!(
            svg,
            "<line x1=\"{x}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"currentColor\"{dashes} \
             marker-end=\"url(#{id}-arrow)\"/>\n<text x=\"{}\" y=\"{}\">{meaning}</text>",
            x + 24,
            x + 32,
            y + 4
        );
        x += 32 + (meaning.len() + 3) * CHAR_WIDTH;
    }
    let _ = writeln!(
        svg,
        "<circle cx=\"{}\" cy=\"{y}\" r=\"4\"/>\n<text x=\"{}\" y=\"{}\">note</text>",
        x + 6,
        x + 16,
        y + 4
    );
    for (line, kind) in kinds.iter().enumerate() {
        let y = top + (line + 1) * LINE_HEIGHT;
        let _ = writeln!(
            svg,
            "<rect x=\"{MARGIN}\" y=\"{}\" width=\"12\" height=\"10\" {}/>\n\
             <text x=\"{}\" y=\"{}\">{}: {}</text>",
            y - 5,
            span_style(*kind),
            MARGIN + 20,
            y + 4,
            kind.name(),
            kind.meaning()
        );
    }
}

fn label(row: &Row, number: usize) -> String {
    let mark = row
        .repeats
        .map(|size| repeat_mark(size, number))
        .unwrap_or_default();
    format!("{number:>2} {}{}", row.event.text, mark.trim_end())
}

/// `text` broken at spaces into lines of at most `columns` characters (a
/// longer word is cut).
fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(8);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let length = line.chars().count();
        if length > 0 && length + 1 + word.chars().count() > columns {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > columns {
            let rest: String = line.chars().skip(columns).collect();
            lines.push(line.chars().take(columns).collect());
            line = rest;
        }
    }
    lines.push(line);
    lines
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests;
