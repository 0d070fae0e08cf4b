//! Credential detection and redaction.
//!
//! One pass finds literal triggers (token prefixes, secret-ish key names, `://`, key block
//! headers); each candidate is then confirmed by a pattern from one shared multi-pattern
//! regex and a per-kind validator (checksums, structure, calibrated entropy). Placeholders
//! and documentation examples are reported as such; one base64 / URL-encoded layer is
//! decoded and rescanned. Findings never contain the secret.
//!
//! ```
//! use sanctum_firewall::secrets::{Class, Detector};
//!
//! let detector = Detector::shared().expect("built-in patterns compile");
//! let text = "OPENAI_API_KEY=YOUR_API_KEY";
//! let findings = detector.scan_str(text);
//! assert!(findings.iter().all(|f| f.class != Class::Secret));
//! ```

mod allow;
mod detector;
pub(crate) mod engine;
mod finding;
mod fingerprint;
mod kind;
mod location;
pub mod placeholder;
mod redact;
pub(crate) mod rules;
pub mod sample;
mod stream;
pub mod validate;

pub use allow::{ALLOW_MARKER, ALLOW_NEXT_LINE_MARKER, is_allowed_inline};
pub use detector::Detector;
pub use finding::{Encoding, Finding};
pub use fingerprint::Fingerprint;
pub use kind::{Class, Confidence, Kind};
pub use location::{LineCursor, line_col};
pub use redact::{marker, redact};
pub use stream::StreamRedactor;

/// Fake samples of every kind, for tests and self-checks: `(kind id, sample, near miss)`.
/// The sample must be found as its kind; the near miss must not be reported as a secret of
/// that kind.
#[must_use]
pub fn samples(seed: u64) -> Vec<(&'static str, sample::Sample, String)> {
    let mut sampler = sample::Sampler::new(seed);
    rules::all()
        .into_iter()
        .map(|r| {
            let s = r.generate(&mut sampler);
            let miss = r.generate_near_miss(&mut sampler);
            (r.kind.id, s, miss)
        })
        .collect()
}
