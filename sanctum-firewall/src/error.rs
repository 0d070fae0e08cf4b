//! The one error type of this crate; each variant says what a caller can do about it.
//!
//! Error messages never contain scanned input: a secret must not leak through an error path.

/// Errors from building the firewall's detectors. Scanning itself never fails.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FirewallError {
    /// A built-in detection pattern failed to compile. This is a bug in Sanctum, not in the
    /// caller's input: report it. `rule` names the credential kind whose pattern failed.
    #[error("built-in credential pattern `{rule}` failed to compile: {reason}")]
    Pattern {
        /// The kind id of the rule whose pattern failed.
        rule: String,
        /// The compiler's explanation (about the pattern, never about scanned input).
        reason: String,
    },
    /// A literal searcher (the first stage of detection) could not be built. A bug in Sanctum.
    #[error("credential trigger searcher failed to build: {reason}")]
    Triggers {
        /// What went wrong.
        reason: String,
    },
    /// An assistant's hook input is not what its protocol promises (not JSON, a missing or
    /// mistyped field, the wrong event for the action). The hook blocks: a call it cannot
    /// read is a call it cannot vouch for. The message names the field, never its value.
    #[error("hook input: {0}")]
    HookInput(String),
}
