//! A small, stable content hash for cache keys and install stamps.

/// Feeds byte strings into a 64-bit FNV-1a hash. Unlike `DefaultHasher`, the
/// result is the same across Rust releases, so cache keys on disk stay valid.
#[derive(Debug, Clone)]
pub struct Fingerprint(u64);

impl Default for Fingerprint {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fingerprint {
    /// Adds `bytes`, followed by a separator so that ("ab", "c") != ("a", "bc").
    #[must_use]
    pub fn with(mut self, bytes: impl AsRef<[u8]>) -> Self {
        for &byte in bytes.as_ref().iter().chain(&[0xff]) {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    /// The hash as 16 hex digits.
    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Fingerprint;

    #[test]
    fn separates_fields() {
        let ab_c = Fingerprint::default().with("ab").with("c").hex();
        let a_bc = Fingerprint::default().with("a").with("bc").hex();
        assert_ne!(ab_c, a_bc);
        assert_eq!(ab_c, Fingerprint::default().with("ab").with("c").hex());
    }
}
