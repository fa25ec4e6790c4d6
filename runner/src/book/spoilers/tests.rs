use super::*;

fn solution(text: &str, starter: &str) -> SolutionFile {
    SolutionFile {
        exercise: "demo".into(),
        path: PathBuf::from("x"),
        lines: code_lines(text),
        starter: code_lines(starter),
    }
}

const SOLUTION: &str = "\
(func $use (param $ref externref)
  ;; the answer
  local.get $ref
  call $describe
  local.get $ref
  table.set $refs (i32.const 0))
(func $main
  call $start
  drop
  end)
";

const STARTER: &str = "\
(func $use (param $ref externref)
  ;; TODO
  unreachable)
(func $main
  call $start
  drop
  end)
";

#[test]
fn a_listing_the_solution_repeats_with_an_answer_line_is_a_spoiler() {
    let file = solution(SOLUTION, STARTER);
    let listing = code_lines("  local.get $ref\n\n  call $describe\n  local.get $ref\n");
    assert_eq!(repeats_an_answer(&listing, &file), Some(3));
    // Two substantive lines are too few.
    assert_eq!(
        repeats_an_answer(&code_lines("call $describe\nlocal.get $ref"), &file),
        None
    );
    // Lines the starter already has give nothing away.
    let starter_only = solution(
        "call $prepare_one\ncall $prepare_two\ncall $prepare_three\ncall $answer_line\n",
        "call $prepare_one\ncall $prepare_two\ncall $prepare_three\n",
    );
    assert_eq!(
        repeats_an_answer(
            &code_lines("call $prepare_one\ncall $prepare_two\ncall $prepare_three"),
            &starter_only
        ),
        None
    );
}

#[test]
fn three_answer_lines_inside_a_longer_listing_are_a_spoiler() {
    let file = solution(SOLUTION, STARTER);
    let listing = code_lines(
        "(module\n  (import \"env\" \"describe\" (func $describe (param externref)))\n  ;; shown\n  (func $other (param $ref externref)\n    local.get $ref\n    call $describe\n    local.get $ref\n    call $other_thing)\n)\n",
    );
    assert_eq!(repeats_an_answer(&listing, &file), Some(3));
}

#[test]
fn a_short_answer_shown_whole_is_a_spoiler() {
    let file = solution(
        "export function f(module) {\n  return module.ccall('wait', 'number', [], [], {\n    async: true,\n  });\n}\n",
        "export function f(module) {\n  // TODO\n  return module._wait();\n}\n",
    );
    let listing = code_lines(
        "export function g(module) {\n  return module.ccall('wait', 'number', [], [], {\n    async: true,\n  });\n}\n",
    );
    assert_eq!(repeats_an_answer(&listing, &file), Some(2));
    // Half of it is not the answer.
    let half = code_lines("return module.ccall('wait', 'number', [], [], {\n});");
    assert_eq!(repeats_an_answer(&half, &file), None);
}

#[test]
fn generic_overlaps_are_not_a_spoiler() {
    let file = solution(SOLUTION, STARTER);
    // Short lines and closers shared with the solution, in a row.
    let listing = code_lines("(func $main\n  call $start\n  drop\n  end)\n)\n");
    assert_eq!(repeats_an_answer(&listing, &file), None);
    // Closers between two substantive lines do not make three.
    let js = solution(
        "  const bytes = encoder.encode(text);\n  });\n  }\n  return;\n}\n  memory.grow(pages);\n  const view = new Uint8Array(memory.buffer);\n",
        "",
    );
    let listing = code_lines(
        "  const bytes = encoder.encode(text);\n  });\n  }\n  return;\n}\n  memory.grow(pages);\n",
    );
    assert_eq!(repeats_an_answer(&listing, &js), None);
    assert!(!is_substantive("});"));
    assert!(!is_substantive("end)))"));
    assert!(!is_substantive("return;"));
    assert!(!is_substantive("drop"));
    assert!(is_substantive("local.get $ref"));
}

#[test]
fn an_after_the_exercise_section_is_exempt() {
    let page = "a\n<details>\n<summary>After the exercise `x`</summary>\n\nb\n</details>\nc\n";
    assert_eq!(
        after_the_exercise(page),
        [false, false, false, true, true, true, true, false]
    );
}

#[test]
fn an_include_selects_an_anchor_or_a_range() {
    let text = "one\n;; ANCHOR: loop\ntwo\nthree\n;; ANCHOR_END: loop\nfour\n";
    assert_eq!(selected(text, "loop"), "two\nthree");
    assert_eq!(selected(text, "6:"), "four");
    assert_eq!(selected(text, "1:1"), "one");
}
