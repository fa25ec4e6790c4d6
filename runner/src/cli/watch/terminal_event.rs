//! Keys, from a terminal in raw mode or from a pipe, and the screen they
//! drive. The terminal is put back on drop, on a panic and on a signal.
//!
//! Piped keys (how scripts and tests drive `watch`): one key per character,
//! or one per line for the named keys `enter`, `up`, `down` and `esc`.

use std::io::{IsTerminal, Read, Write};
use std::sync::mpsc::Sender;

use anyhow::Result;
use crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};

use super::event::{Key, WatchEvent};

/// The screen `watch` draws on: a terminal in raw mode, or a plain stream.
pub struct Screen {
    raw: bool,
}

impl Screen {
    /// Starts reading keys into `sender`; raw mode when stdin is a terminal.
    ///
    /// # Errors
    ///
    /// Fails when the terminal cannot be put in raw mode.
    pub fn start(sender: Sender<WatchEvent>) -> Result<Self> {
        let raw = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
        if raw {
            crossterm::terminal::enable_raw_mode()?;
            runner::process::before_signal_exit(restore_terminal);
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                restore_terminal();
                previous(info);
            }));
            std::thread::spawn(move || read_terminal_keys(&sender));
        } else {
            std::thread::spawn(move || read_piped_keys(&sender));
        }
        Ok(Self { raw })
    }

    /// True on a terminal, where colors and clearing are wanted.
    pub fn is_terminal(&self) -> bool {
        self.raw
    }

    /// Puts the terminal back as it was (before leaving without a drop).
    pub fn restore(&self) {
        if self.raw {
            restore_terminal();
        }
    }

    /// Replaces what is on screen with `text`, wrapped at word boundaries to
    /// the terminal's width. A stream gets a rule instead, so a log of the
    /// session still reads top to bottom.
    pub fn draw(&self, text: &str) {
        if self.raw {
            // A terminal that reports no size (0 columns) is left to wrap by itself.
            let text = match crossterm::terminal::size() {
                Ok((columns, _)) if columns > 0 => {
                    super::wrap::wrap_text(text, usize::from(columns))
                }
                _ => text.to_string(),
            };
            self.write(&format!("\x1b[2J\x1b[3J\x1b[H{text}"));
        } else {
            self.write(&format!("{}\n{text}", "─".repeat(60)));
        }
    }

    /// Adds `text` below what is on screen.
    pub fn write(&self, text: &str) {
        // Raw mode turns off the terminal's "\n" to "\r\n" translation.
        let text = if self.raw {
            text.replace('\n', "\r\n")
        } else {
            text.to_string()
        };
        let mut stdout = std::io::stdout().lock();
        let _ = stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush());
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        if self.raw {
            restore_terminal();
        }
    }
}

fn restore_terminal() {
    let _ = crossterm::terminal::disable_raw_mode();
}

fn read_terminal_keys(sender: &Sender<WatchEvent>) {
    while let Ok(event) = crossterm::event::read() {
        let key = match event {
            crossterm::event::Event::Key(key) => key,
            crossterm::event::Event::Resize(..) => {
                if sender.send(WatchEvent::Resized).is_err() {
                    return;
                }
                continue;
            }
            _ => continue,
        };
        if key.kind != KeyEventKind::Press {
            continue;
        }
        let key = match key.code {
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => Key::Interrupt,
            KeyCode::Char(c) => Key::Char(c.to_ascii_lowercase()),
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Escape,
            _ => continue,
        };
        if sender.send(WatchEvent::Key(key)).is_err() {
            return;
        }
    }
}

fn read_piped_keys(sender: &Sender<WatchEvent>) {
    let mut line = Vec::new();
    for byte in std::io::stdin().lock().bytes() {
        let Ok(byte) = byte else { break };
        if byte != b'\n' {
            line.push(byte);
            continue;
        }
        if piped_line_keys(&line)
            .into_iter()
            .any(|key| sender.send(WatchEvent::Key(key)).is_err())
        {
            return;
        }
        line.clear();
    }
    for key in piped_line_keys(&line) {
        let _ = sender.send(WatchEvent::Key(key));
    }
    let _ = sender.send(WatchEvent::InputClosed);
}

/// The keys one piped line stands for.
fn piped_line_keys(line: &[u8]) -> Vec<Key> {
    let text = String::from_utf8_lossy(line);
    match text.trim() {
        "enter" => vec![Key::Enter],
        "up" => vec![Key::Up],
        "down" => vec![Key::Down],
        "esc" => vec![Key::Escape],
        other => other
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| Key::Char(c.to_ascii_lowercase()))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_piped_line_is_a_named_key_or_one_key_per_character() {
        assert_eq!(piped_line_keys(b"enter"), vec![Key::Enter]);
        assert_eq!(piped_line_keys(b"down\r"), vec![Key::Down]);
        assert_eq!(piped_line_keys(b"hv"), vec![Key::Char('h'), Key::Char('v')]);
        assert_eq!(piped_line_keys(b""), vec![]);
    }
}
