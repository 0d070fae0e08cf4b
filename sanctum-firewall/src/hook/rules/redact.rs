//! Second line of defence after a tool ran: secrets in its output are replaced by
//! `[REDACTED:<kind>]` before the model sees them. Only a *successful* tool's output passes
//! here (Claude Code skips post-tool hooks for failed commands), which is why reads are
//! stopped before they happen.

use serde_json::Value;

use crate::secrets::Detector;

use super::super::decision::{Decision, Verdict};

/// Rule id.
pub(crate) const RULE: &str = "redact-output";

/// Redacts the string fields named by `fields` (a path of keys) in `response`; records the
/// new output in `decision` when anything changed.
pub(crate) fn redact_fields(
    detector: &Detector,
    response: &Value,
    fields: &[&[&str]],
    what: &str,
    decision: &mut Decision,
) {
    let mut updated = response.clone();
    let mut changed = 0usize;
    for path in fields {
        let Some(slot) = field_mut(&mut updated, path) else {
            continue;
        };
        let Some(text) = slot.as_str() else { continue };
        let redacted = detector.redact(text);
        if redacted != text {
            changed += 1;
            *slot = Value::String(redacted);
        }
    }
    if changed > 0 {
        decision.add(
            Verdict::Warn,
            RULE,
            format!("secrets in the {what} were replaced by [REDACTED:<kind>] markers before the assistant saw them"),
        );
        decision.updated_output = Some(updated);
    }
}

fn field_mut<'a>(value: &'a mut Value, path: &[&str]) -> Option<&'a mut Value> {
    path.iter()
        .try_fold(value, |value, key| value.get_mut(*key))
}
