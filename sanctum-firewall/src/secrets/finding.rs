//! What a scan reports. A [`Finding`] says what was found and where, never what the secret
//! is: it holds a redacted preview and a fingerprint, so it is safe to log, print, serialise
//! and send over IPC.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

use crate::secrets::fingerprint::Fingerprint;
use crate::secrets::kind::{Class, Confidence};

/// How a finding was hidden in the input, when it was not plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// Inside a base64 run (standard or URL-safe alphabet).
    Base64,
    /// Inside percent-encoded (URL-encoded) text.
    Percent,
}

/// One detected credential (or placeholder, or public key) in scanned input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable kind id, e.g. `github_pat_classic` (see [`Detector::kinds`](super::Detector::kinds)).
    pub kind: &'static str,
    /// Human name of the kind.
    pub name: &'static str,
    /// Issuer of the credential.
    pub provider: &'static str,
    /// Secret, public or placeholder.
    pub class: Class,
    /// How sure the detector is.
    pub confidence: Confidence,
    /// Byte range of the secret in the scanned input (of the encoded text when
    /// `encoding` is set). Always on UTF-8 character boundaries of valid input.
    pub span: Range<usize>,
    /// 1-based line of `span.start`.
    pub line: usize,
    /// 1-based column of `span.start`, in characters.
    pub column: usize,
    /// A redacted preview: a known constant prefix or the key name, and the length.
    /// Never enough to reconstruct the secret.
    pub preview: String,
    /// Stable fingerprint of kind + secret, for baselines. Same secret, same fingerprint,
    /// wherever it appears and however it was encoded.
    pub fingerprint: Fingerprint,
    /// Set when the secret was found by decoding the input (base64, percent-encoding).
    pub encoding: Option<Encoding>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {} ({}, {:?} confidence): {}",
            self.line, self.column, self.name, self.kind, self.confidence, self.preview
        )
    }
}

/// Preview of a token: up to 8 bytes of its constant prefix (never more than a quarter of
/// the secret), then an ellipsis and the length.
pub(crate) fn preview_prefix(secret: &[u8], shown: usize) -> String {
    let show = shown.min(8).min(secret.len() / 4);
    format!(
        "{}…({} chars)",
        String::from_utf8_lossy(&secret[..show]),
        secret.len()
    )
}

/// Preview of an assigned value: the key name (truncated) and the value's length.
pub(crate) fn preview_key(key: &[u8], len: usize) -> String {
    let key = &key[..key.len().min(40)];
    format!("{}=…({len} chars)", String::from_utf8_lossy(key))
}

/// Preview of a URL password: the scheme and the password's length.
pub(crate) fn preview_url(scheme: &[u8], len: usize) -> String {
    let scheme = &scheme[..scheme.len().min(24)];
    format!("{}://…:…({len} chars)@…", String::from_utf8_lossy(scheme))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_hide_secrets() {
        assert_eq!(
            preview_prefix(b"ghp_abcdefghijklmnop", 4),
            "ghp_…(20 chars)"
        );
        assert_eq!(preview_prefix(b"sk-abc", 3), "s…(6 chars)");
        assert_eq!(preview_prefix(b"abcdefgh", 0), "…(8 chars)");
        assert_eq!(preview_key(b"DB_PASSWORD", 9), "DB_PASSWORD=…(9 chars)");
        assert_eq!(preview_url(b"postgres", 5), "postgres://…:…(5 chars)@…");
    }
}
