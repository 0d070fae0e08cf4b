//! Live credentials flowing where they should not: into a written file, an MCP call, a URL
//! or search query, or a prompt. Placeholders, public keys and low-confidence guesses do not
//! count; the message names the kind and the position, never the value.

use crate::secrets::{Class, Confidence, Detector, Finding};

use super::super::decision::{Decision, Verdict};

/// Rule id for a secret in content about to be written.
pub(crate) const WRITE: &str = "secret-in-write";
/// Rule id for a secret written literally into a shell command.
pub(crate) const COMMAND: &str = "secret-in-command";
/// Rule id for a secret in an MCP call's arguments.
pub(crate) const MCP: &str = "secret-in-mcp-call";
/// Rule id for a secret in a fetched URL or a search query.
pub(crate) const FETCH: &str = "secret-in-url";
/// Rule id for a secret in a prompt.
pub(crate) const PROMPT: &str = "secret-in-prompt";

/// The findings in `text` that are live secrets worth stopping for.
pub(crate) fn live(detector: &Detector, text: &str) -> Vec<Finding> {
    detector
        .scan_str(text)
        .into_iter()
        .filter(|f| f.class == Class::Secret && f.confidence >= Confidence::Medium)
        .collect()
}

/// "a GitHub token (ghp_…(40 chars)) at line 3, column 9"
pub(crate) fn describe(finding: &Finding) -> String {
    format!(
        "a {} ({}) at line {}, column {}",
        finding.name, finding.preview, finding.line, finding.column
    )
}

/// Blocks when any of `texts` carries a live secret; `what` says where it was going.
pub(crate) fn check(
    detector: &Detector,
    texts: &[&str],
    rule: &str,
    what: &str,
    decision: &mut Decision,
) {
    for text in texts {
        if let Some(finding) = live(detector, text).first() {
            decision.add(
                Verdict::Block,
                rule,
                format!(
                    "{what} contains {}; remove it and pass the value through an environment variable or a secret manager instead",
                    describe(finding)
                ),
            );
            return;
        }
    }
}
