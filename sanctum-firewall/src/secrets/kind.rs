//! The vocabulary a finding is described in: its class, its confidence, and the static
//! metadata of the credential kind that produced it.
//!
//! These types carry no scanned bytes, so they are safe to log and serialise.

use serde::Serialize;

/// What a finding is. Callers block or redact [`Class::Secret`], may warn on
/// [`Class::Public`], and usually ignore [`Class::Placeholder`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Looks like a credential but is a documentation example, a template variable or an
    /// obvious dummy (`YOUR_API_KEY`, `${TOKEN}`, `xxxx`, the AWS example keys).
    Placeholder,
    /// A real credential-shaped value that is designed to be public, such as a Stripe
    /// publishable key; worth knowing about, not worth blocking.
    Public,
    /// A live secret: leaking it gives someone access.
    Secret,
}

/// How sure the detector is that a finding is what its kind says. Ordered, so callers can
/// filter with `>=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Weak evidence: a short or low-entropy value assigned to a secret-sounding key.
    Low,
    /// A provider shape or a high-entropy value in a secret context, without a checksum.
    Medium,
    /// A distinctive prefix plus a checksum or rigid structure; false positives are rare.
    High,
}

/// Static description of one credential kind, as shown to users and written to reports.
///
/// `id` is stable: baselines, allowlists and audit records refer to kinds by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Kind {
    /// Stable `snake_case` identifier, e.g. `github_pat_classic`.
    pub id: &'static str,
    /// Human name, e.g. "GitHub personal access token (classic)".
    pub name: &'static str,
    /// Who issues it, e.g. "GitHub".
    pub provider: &'static str,
    /// The documented format, in words: prefix, alphabet, length, checksum.
    pub format: &'static str,
    /// The class of a valid value of this kind (placeholders are reported separately).
    pub class: Class,
}
