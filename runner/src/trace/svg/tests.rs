use super::*;
use crate::trace::collapse::collapse;

use crate::trace::test_event as event;

#[test]
fn arrows_returns_notes_and_a_suspended_span_fit_the_column() {
    let events = [
        event("main", Some("wasm"), "promising sleep(60): new stack"),
        event(
            "wasm",
            Some("main"),
            "suspended: the stack waits for the promise",
        ),
        event("main", None, &"a long note ".repeat(20)),
        event("main", Some("wasm"), "wait's promise fulfilled: resumed"),
        event("wasm", Some("main"), "sleep returned"),
    ];
    let svg = draw_svg(&collapse(&events), "t");
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>\n"));
    // Each count includes the legend's sample: an arrow, a return and a note.
    assert_eq!(svg.matches("marker-end=\"url(#t-arrow)\"").count(), 4 + 2);
    assert_eq!(svg.matches("stroke-dasharray=\"4 3\"").count(), 1 + 1);
    assert_eq!(
        svg.matches("var(--wb-span-suspended, currentColor)")
            .count(),
        2
    );
    assert!(
        svg.contains(">suspended: JSPI keeps"),
        "a legend entry per kind"
    );
    assert!(
        !svg.contains(">blocked:"),
        "no legend entry for a kind not drawn"
    );
    assert_eq!(svg.matches("<circle").count(), 1 + 1);
    assert_eq!(svg.matches("<title>suspended</title>").count(), 1);
    assert!(
        !svg.lines().any(str::is_empty),
        "a blank line would end the HTML block in markdown"
    );
    let text_x = MARGIN + 2 * LANE_GAP + 12;
    for line in svg
        .lines()
        .filter(|line| line.starts_with("<text x=\"") && line.contains(&format!("x=\"{text_x}\"")))
    {
        let shown = line.split('>').nth(1).unwrap().split('<').next().unwrap();
        assert!(
            text_x + shown.chars().count() * CHAR_WIDTH <= WIDTH,
            "{line}"
        );
    }
}

#[test]
fn wraps_at_spaces_and_cuts_a_long_word() {
    assert_eq!(wrap("aaa bbb ccc", 8), ["aaa bbb", "ccc"]);
    assert_eq!(wrap("abcdefghijkl", 8), ["abcdefgh", "ijkl"]);
}
