//! Overlap resolution: which candidates are reported, and which byte ranges are redacted
//! under which label.
//!
//! Reporting removes duplicates (same span: keep the strongest), generic guesses that
//! overlap a provider finding, and decoded copies of a secret also found in plain text.
//! Redaction is stricter: it covers the union of every secret candidate's span, merging
//! overlaps, so no partial secret survives whichever finding "wins" the report.

use std::cmp::Reverse;
use std::ops::Range;

use crate::secrets::engine::Candidate;
use crate::secrets::kind::Class;
use crate::secrets::rules::Tier;

/// Strength order used to pick among overlapping candidates.
fn strength(c: &Candidate) -> (Class, Tier, crate::secrets::Confidence, bool) {
    (c.class, c.rule.tier, c.confidence, c.encoding.is_none())
}

/// The candidates worth reporting, sorted by position.
pub(crate) fn report(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        (a.span.start, a.span.end)
            .cmp(&(b.span.start, b.span.end))
            .then_with(|| strength(b).cmp(&strength(a)))
    });
    candidates.dedup_by(|later, earlier| later.span == earlier.span);
    let keep: Vec<bool> = candidates
        .iter()
        .map(|c| {
            !candidates.iter().any(|o| {
                let overlaps = o.span.start < c.span.end && c.span.start < o.span.end;
                overlaps
                    && !std::ptr::eq(o, c)
                    && ((c.rule.tier == Tier::Generic
                        && o.rule.tier > Tier::Generic
                        && o.class >= c.class)
                        || (c.encoding.is_some()
                            && o.encoding.is_none()
                            && o.fingerprint == c.fingerprint))
            })
        })
        .collect();
    candidates
        .into_iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(c))
        .collect()
}

/// A merged range to redact and the kind id whose label it gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Redaction {
    pub(crate) span: Range<usize>,
    pub(crate) label: &'static str,
}

/// Merge the spans of secret candidates into disjoint, sorted redactions. Overlapping spans
/// merge; touching spans stay separate. The label is the strongest candidate's kind.
pub(crate) fn redactions(candidates: &[Candidate]) -> Vec<Redaction> {
    let mut secrets: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.class == Class::Secret && !c.span.is_empty())
        .collect();
    secrets.sort_by_key(|c| (c.span.start, Reverse(c.span.end)));
    let mut out: Vec<(Range<usize>, &Candidate)> = Vec::new();
    for c in secrets {
        match out.last_mut() {
            Some((span, best)) if c.span.start < span.end => {
                span.end = span.end.max(c.span.end);
                if (c.rule.tier, c.confidence) > (best.rule.tier, best.confidence) {
                    *best = c;
                }
            }
            _ => out.push((c.span.clone(), c)),
        }
    }
    out.into_iter()
        .map(|(span, best)| Redaction {
            span,
            label: best.rule.kind.id,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::engine::Engine;
    use crate::secrets::fingerprint::Fingerprint;
    use crate::secrets::kind::Confidence;

    fn candidate(engine: &Engine, id: &str, span: Range<usize>) -> Candidate {
        let rule = engine.rule_by_id(id).unwrap();
        Candidate {
            rule,
            origin: span.start,
            span,
            class: Class::Secret,
            confidence: Confidence::Medium,
            encoding: None,
            fingerprint: Fingerprint::of(id, b"x"),
            preview: String::new(),
        }
    }

    #[test]
    fn overlapping_spans_merge_under_the_strongest_label() {
        let engine = Engine::new().unwrap();
        let found = vec![
            candidate(&engine, "generic_token", 0..20),
            candidate(&engine, "github_pat_classic", 5..25),
            candidate(&engine, "jwt", 25..30),
        ];
        let r = redactions(&found);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].span, 0..25);
        assert_eq!(r[0].label, "github_pat_classic");
        assert_eq!(r[1].span, 25..30);
    }

    #[test]
    fn report_drops_generic_under_specific_and_duplicates() {
        let engine = Engine::new().unwrap();
        let found = vec![
            candidate(&engine, "generic_token", 5..25),
            candidate(&engine, "github_pat_classic", 5..25),
            candidate(&engine, "jwt", 40..50),
        ];
        let kept: Vec<&str> = report(found).iter().map(|c| c.rule.kind.id).collect();
        assert_eq!(kept, vec!["github_pat_classic", "jwt"]);
    }
}
