//! Deterministic generators of fake credentials, for tests in this and other crates,
//! benches, fuzz seeds and self-checks (e.g. "plant a key, check it never reaches the log").
//!
//! Every value is fake: bodies start with a visible marker (`SanctumFake`, `fa4ec0de`, ...)
//! followed by pseudo-random filler, yet they are built to pass the detector's validators,
//! checksums included. Nothing here is cryptographically random, and nothing here may ever
//! be used to make a real credential.

/// One generated fake credential in its surrounding text.
#[derive(Clone, PartialEq, Eq)]
pub struct Sample {
    /// Text as it would appear in a file or a command, e.g. `export TOKEN=...`.
    pub text: String,
    /// The part of `text` the detector must find and redact.
    pub secret: String,
}

impl std::fmt::Debug for Sample {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Fake, but keep the habit: never print credential-shaped values from Debug.
        f.debug_struct("Sample")
            .field("text_len", &self.text.len())
            .field("secret_len", &self.secret.len())
            .finish()
    }
}

impl Sample {
    /// A sample whose text is the secret itself.
    #[must_use]
    pub fn bare(secret: String) -> Self {
        Self {
            text: secret.clone(),
            secret,
        }
    }

    /// A sample whose text is `before` + secret + `after`.
    #[must_use]
    pub fn wrapped(before: &str, secret: String, after: &str) -> Self {
        Self {
            text: format!("{before}{secret}{after}"),
            secret,
        }
    }
}

/// Alphabets used by credential formats; shared by generators and validators.
pub mod alphabet {
    /// `0-9a-f`.
    pub const HEX_LOWER: &[u8] = b"0123456789abcdef";
    /// `0-9A-F`.
    pub const HEX_UPPER: &[u8] = b"0123456789ABCDEF";
    /// `0-9A-Za-z`, in the order GitHub's base62 checksum uses.
    pub const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /// `a-z0-9`.
    pub const LOWER_ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    /// `A-Z0-9`.
    pub const UPPER_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /// `A-Za-z`.
    pub const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /// Standard base64 without padding.
    pub const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    /// URL-safe base64 without padding.
    pub const BASE64URL: &[u8] =
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /// RFC 4648 base32 (AWS key ids).
    pub const BASE32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    /// `0-9`.
    pub const DIGITS: &[u8] = b"0123456789";
}

/// Markers tried in order; the first one fully inside the target alphabet starts the body.
const MARKERS: [&str; 6] = [
    "SanctumFake",
    "sanctumfake",
    "SANCTUMFAKE",
    "Sanctum-Fake",
    "fa4ec0de",
    "FA4EC0DE",
];

/// A small deterministic generator (splitmix64). Same seed, same samples, on every platform.
#[derive(Debug, Clone)]
pub struct Sampler {
    state: u64,
}

impl Sampler {
    /// A generator seeded with `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The next pseudo-random 64-bit value.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        let n64 = u64::try_from(n).unwrap_or(u64::MAX);
        usize::try_from(self.next_u64() % n64).unwrap_or(0)
    }

    /// A value in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high.saturating_sub(low) + 1)
    }

    /// `len` characters drawn uniformly from `alphabet`.
    pub fn random(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| char::from(alphabet[self.below(alphabet.len())]))
            .collect()
    }

    /// A fake body of exactly `len` characters from `alphabet`: a visible marker (at most
    /// a third of the body) followed by random filler (with at least one digit when the
    /// alphabet has digits), so humans see it is fake while the
    /// validators' entropy floors still pass.
    pub fn body(&mut self, alphabet: &[u8], len: usize) -> String {
        let marker = MARKERS
            .iter()
            .find(|m| m.bytes().all(|b| alphabet.contains(&b)))
            .map_or("", |m| &m[..m.len().min(len / 3)]);
        let mut out = String::with_capacity(len);
        out.push_str(marker);
        out.push_str(&self.random(alphabet, len - marker.len()));
        // Real random values of this length nearly always mix digits and letters; make the
        // fake ones always do, so validators' structural checks pass deterministically.
        let digits: Vec<u8> = alphabet
            .iter()
            .copied()
            .filter(u8::is_ascii_digit)
            .collect();
        if !digits.is_empty() && len > marker.len() && !out.bytes().any(|b| b.is_ascii_digit()) {
            out.pop();
            out.push(char::from(digits[self.below(digits.len())]));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_values() {
        let mut a = Sampler::new(7);
        let mut b = Sampler::new(7);
        assert_eq!(a.body(alphabet::BASE62, 30), b.body(alphabet::BASE62, 30));
    }

    #[test]
    fn body_has_marker_and_length() {
        let mut s = Sampler::new(1);
        let body = s.body(alphabet::BASE62, 36);
        assert_eq!(body.len(), 36);
        assert!(body.starts_with("SanctumFake"));
        assert!(body.bytes().any(|b| b.is_ascii_digit()));
        let hex = s.body(alphabet::HEX_LOWER, 32);
        assert!(hex.starts_with("fa4ec0de"));
        let digits = s.body(alphabet::DIGITS, 10);
        assert!(digits.bytes().all(|b| b.is_ascii_digit()));
    }

    #[test]
    fn debug_hides_values() {
        let sample = Sample::bare("ghp_SanctumFake".to_owned());
        assert!(!format!("{sample:?}").contains("Sanctum"));
    }
}
