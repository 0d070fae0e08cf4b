//! What Sanctum answers: a verdict, the reasons (shown to the user and the model, never
//! containing a secret), and for post-tool hooks the redacted output.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The outcome. There is deliberately no "allow" that overrides the assistant: Sanctum
/// either stays silent (the assistant's own permission checks still apply) or stops the
/// call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Nothing to say.
    Allow,
    /// Let it run, but tell the user (and audit it).
    Warn,
    /// Stop it.
    Block,
}

/// Why, in one sentence, with the rule that said so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// Stable rule id (for audit filters and CEL policies).
    pub rule: String,
    /// A sentence for people; never contains a secret value.
    pub message: String,
}

/// The full answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// The outcome: the strictest of all rules.
    pub verdict: Verdict,
    /// Every rule that warned or blocked.
    pub reasons: Vec<Reason>,
    /// For post-tool actions: the tool's output with secrets redacted, in the tool's own
    /// shape, when anything was redacted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_output: Option<Value>,
}

impl Decision {
    /// Nothing to say.
    #[must_use]
    pub fn allow() -> Self {
        Self {
            verdict: Verdict::Allow,
            reasons: Vec::new(),
            updated_output: None,
        }
    }

    /// A block for one reason (used for input Sanctum cannot read: never fail open).
    #[must_use]
    pub fn block(rule: &str, message: impl Into<String>) -> Self {
        let mut decision = Self::allow();
        decision.add(Verdict::Block, rule, message);
        decision
    }

    /// Records a rule's finding; the verdict becomes the strictest seen.
    pub fn add(&mut self, verdict: Verdict, rule: &str, message: impl Into<String>) {
        self.verdict = self.verdict.max(verdict);
        self.reasons.push(Reason {
            rule: rule.to_owned(),
            message: message.into(),
        });
    }

    /// All reasons as one line (for stderr and the deny reason).
    #[must_use]
    pub fn summary(&self) -> String {
        self.reasons
            .iter()
            .map(|reason| reason.message.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }
}
