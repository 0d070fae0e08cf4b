//! Stable fingerprints of findings, for baselines ("this finding was reviewed and accepted")
//! and for de-duplicating the same secret seen twice.
//!
//! A fingerprint is the first 128 bits of SHA-256 over a domain tag, the kind id and the
//! secret bytes. It does not depend on the file, line or column, so moving a line keeps it.
//! It cannot be reversed, but like any unsalted hash it can confirm a guess: a weak
//! password's fingerprint in a committed baseline can be brute-forced. Baselines should be
//! treated as sensitive-ish; strong secrets are safe.

use std::fmt;

use serde::{Serialize, Serializer};
use sha2::{Digest, Sha256};

/// Domain separation, versioned so a future change of scheme cannot collide with this one.
const DOMAIN: &[u8] = b"sanctum-secret-fingerprint-v1\0";

/// A 128-bit fingerprint, displayed and serialised as 32 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fingerprint([u8; 16]);

impl Fingerprint {
    /// Fingerprint of `secret` as a credential of kind `kind_id`.
    #[must_use]
    pub fn of(kind_id: &str, secret: &[u8]) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(DOMAIN);
        hasher.update(kind_id.as_bytes());
        hasher.update([0u8]);
        hasher.update(secret);
        let digest = hasher.finalize();
        let mut out = [0u8; 16];
        out.copy_from_slice(&digest[..16]);
        Self(out)
    }

    /// Parse the 32-hex-digit form (as stored in a baseline file).
    #[must_use]
    pub fn parse(hex: &str) -> Option<Self> {
        let bytes = hex.as_bytes();
        if bytes.len() != 32 {
            return None;
        }
        let mut out = [0u8; 16];
        for (i, pair) in bytes.chunks_exact(2).enumerate() {
            let hi = char::from(pair[0]).to_digit(16)?;
            let lo = char::from(pair[1]).to_digit(16)?;
            out[i] = u8::try_from(hi * 16 + lo).ok()?;
        }
        Some(Self(out))
    }

    /// The raw 16 bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({self})")
    }
}

impl Serialize for Fingerprint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_kind_dependent() {
        let a = Fingerprint::of("github_pat_classic", b"ghp_SanctumFake");
        assert_eq!(a, Fingerprint::of("github_pat_classic", b"ghp_SanctumFake"));
        assert_ne!(a, Fingerprint::of("npm_access_token", b"ghp_SanctumFake"));
        assert_eq!(a.to_string().len(), 32);
        assert_eq!(Fingerprint::parse(&a.to_string()), Some(a));
        assert_eq!(Fingerprint::parse("zz"), None);
        assert!(!a.to_string().contains("Sanctum"));
    }
}
