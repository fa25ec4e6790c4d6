//! The verdict channel of a Node run: node-host.mjs prints every line as
//! `<mac> <text>`, where the MAC is the first 16 bytes of HMAC-SHA256 over
//! the line's number and its text, under a key this run made
//! ([`RunKey`]). The host takes the key out of its environment before any
//! harness loads, so a line that anything else wrote, or changed on its
//! way out, does not verify. The host's last line is its `run-finished`
//! record (lib/wire.json), which carries the key: a log that stops early has
//! none, in a run signed or not.

use std::fmt::Write as _;
use std::io::Read as _;

use sha2::{Digest as _, Sha256};

/// The MAC's length in hex digits.
const MAC_HEX_DIGITS: usize = 32;

/// A key for one run, 128 random bits as 32 hex digits.
#[derive(Debug, Clone)]
pub struct RunKey(String);

impl RunKey {
    /// A fresh key from the system's random source.
    pub fn new() -> Self {
        let mut bytes = [0u8; 16];
        let read = std::fs::File::open("/dev/urandom")
            .and_then(|mut random| random.read_exact(&mut bytes));
        if read.is_err() {
            // Without /dev/urandom: the standard library's random hash keys, twice.
            for (index, half) in bytes.chunks_mut(8).enumerate() {
                use std::hash::{BuildHasher as _, Hasher as _};
                let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
                hasher.write_usize(index);
                half.copy_from_slice(&hasher.finish().to_le_bytes());
            }
        }
        Self(hex(&bytes))
    }

    /// The key as the host receives it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn mac(&self, sequence: usize, text: &str) -> String {
        let key = self.0.as_bytes();
        let mut inner = Sha256::new();
        let mut outer = Sha256::new();
        let mut block = [0u8; 64];
        block[..key.len()].copy_from_slice(key);
        inner.update(block.map(|byte| byte ^ 0x36));
        inner.update(format!("{sequence}\n{text}").as_bytes());
        outer.update(block.map(|byte| byte ^ 0x5c));
        outer.update(inner.finalize());
        hex(&outer.finalize()[..MAC_HEX_DIGITS / 2])
    }
}

impl Default for RunKey {
    fn default() -> Self {
        Self::new()
    }
}

/// The first line that did not come from the host, numbered from 1.
#[derive(Debug, PartialEq, Eq)]
pub struct ForeignLine {
    /// Its number.
    pub number: usize,
    /// What it said, without a MAC-like prefix, shortened.
    pub text: String,
}

/// Verifies every line of `stdout` under `key`, in order, when the run was
/// `signed` (graded), and returns the lines without their MACs. Otherwise
/// the lines are taken as they are.
///
/// # Errors
///
/// The first line whose MAC is missing or wrong.
pub fn verify(stdout: &str, key: &RunKey, signed: bool) -> Result<String, ForeignLine> {
    if !signed {
        return Ok(stdout.to_string());
    }
    let mut text = String::with_capacity(stdout.len());
    for (sequence, line) in stdout.split_inclusive('\n').enumerate() {
        let foreign = || ForeignLine {
            number: sequence + 1,
            text: line.trim_end().chars().take(120).collect(),
        };
        let body = line.strip_suffix('\n').ok_or_else(foreign)?;
        let (mac, said) = body.split_once(' ').ok_or_else(foreign)?;
        if mac != key.mac(sequence, said) {
            return Err(foreign());
        }
        text.push_str(said);
        text.push('\n');
    }
    Ok(text)
}

fn hex(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(text, "{byte:02x}");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(key: &RunKey, lines: &[&str]) -> String {
        let mut stdout = String::new();
        for (sequence, line) in lines.iter().enumerate() {
            let _ = writeln!(stdout, "{} {line}", key.mac(sequence, line));
        }
        stdout
    }

    #[test]
    fn the_mac_is_hmac_sha256_as_the_host_computes_it() {
        // The same value node-harness/signed-lines.mjs (and node:crypto) gives.
        let key = RunKey("secret".to_string());
        assert_eq!(key.mac(0, "hello"), "bcaefce95b5b467009f1dfb6e507fe75");
    }

    #[test]
    fn signed_lines_verify_and_their_macs_are_taken_out() {
        let key = RunKey::new();
        let stdout = signed(&key, &["a", "# detail"]);
        assert_eq!(verify(&stdout, &key, true), Ok("a\n# detail\n".to_string()));
    }

    #[test]
    fn an_unsigned_run_is_taken_as_it_came() {
        let key = RunKey::new();
        assert_eq!(verify("a\nb\n", &key, false), Ok("a\nb\n".to_string()));
    }

    #[test]
    fn a_forged_changed_or_reordered_line_is_named() {
        let key = RunKey::new();
        let good = signed(&key, &["a", "b"]);
        let cases = [
            (format!("{good}ok forged\n"), 3),
            (good.replace(" b\n", " c\n"), 2),
            (
                signed(&key, &["b", "a"]).replace(&key.mac(0, "b"), &key.mac(1, "b")),
                1,
            ),
            (format!("{}{good}", signed(&key, &["x"])), 2),
        ];
        for (stdout, number) in cases {
            assert_eq!(
                verify(&stdout, &key, true).map_err(|line| line.number),
                Err(number),
                "{stdout}"
            );
        }
        let other_key = RunKey::new();
        assert!(verify(&good, &other_key, true).is_err());
    }
}
