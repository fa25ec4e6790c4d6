//! Wrapping screen text at word boundaries, so a terminal never breaks a
//! word in two. Color escapes take no columns.

/// `text` with every line longer than `columns` broken at spaces; a word
/// longer than a whole line is cut, as nothing else fits.
pub fn wrap_text(text: &str, columns: usize) -> String {
    let columns = columns.max(8);
    let mut wrapped = String::with_capacity(text.len());
    for (number, line) in text.split('\n').enumerate() {
        if number > 0 {
            wrapped.push('\n');
        }
        wrap_line(line, columns, &mut wrapped);
    }
    wrapped
}

fn wrap_line(line: &str, columns: usize, out: &mut String) {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let mut used = 0;
    for (number, word) in line.split(' ').enumerate() {
        let width = visible_width(word);
        if number > 0 {
            if used > 0 && used + 1 + width > columns {
                out.push('\n');
                out.push_str(&" ".repeat(indent.min(columns / 2)));
                used = indent.min(columns / 2);
            } else {
                out.push(' ');
                used += 1;
            }
        }
        if used + width > columns {
            // A word wider than the line: cut it where the line ends.
            for c in word.chars() {
                if used == columns {
                    out.push('\n');
                    used = 0;
                }
                out.push(c);
                used += usize::from(c != '\x1b' && !c.is_control());
            }
            continue;
        }
        out.push_str(word);
        used += width;
    }
}

/// Columns `word` takes on screen: its characters, less color escapes.
fn visible_width(word: &str) -> usize {
    let mut width = 0;
    let mut in_escape = false;
    for c in word.chars() {
        match c {
            '\x1b' => in_escape = true,
            c if in_escape => in_escape = !c.is_ascii_alphabetic(),
            c if c.is_control() => {}
            _ => width += 1,
        }
    }
    width
}

#[cfg(test)]
mod tests {
    use super::{visible_width, wrap_text};

    #[test]
    fn long_lines_break_between_words_never_inside_one() {
        let text = "the harness returns what the module computed";
        assert_eq!(
            wrap_text(text, 20),
            "the harness returns\nwhat the module\ncomputed"
        );
    }

    #[test]
    fn an_indented_line_keeps_its_indent_when_it_wraps() {
        assert_eq!(
            wrap_text("  - one two three", 10),
            "  - one\n  two\n  three"
        );
    }

    #[test]
    fn color_escapes_take_no_room_and_short_lines_are_left_alone() {
        assert_eq!(visible_width("\x1b[1mbold\x1b[0m"), 4);
        assert_eq!(
            wrap_text("\x1b[1mab cd\x1b[0m\nx", 8),
            "\x1b[1mab cd\x1b[0m\nx"
        );
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        assert_eq!(wrap_text("abcdefghijkl", 8), "abcdefgh\nijkl");
    }
}
