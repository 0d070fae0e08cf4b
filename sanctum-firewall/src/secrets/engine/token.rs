//! Token candidates: an anchored search of one rule's pattern at each trigger position,
//! then placeholder detection and the rule's validator.

use regex_automata::{Anchored, Input, PatternID};

use crate::secrets::engine::{Candidate, Engine, MAX_TOKEN_LEN, Scan, Window, in_run};
use crate::secrets::finding::preview_prefix;
use crate::secrets::fingerprint::Fingerprint;
use crate::secrets::kind::{Class, Confidence};
use crate::secrets::placeholder::is_placeholder;
use crate::secrets::rules::{Matcher, Pattern, Rule, TokenSpec};
use crate::secrets::validate::entropy;

/// Is `b` an ASCII word byte (the `\b` definition)?
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// For tokens found by an inner anchor: is the byte before a candidate start part of the
/// same token (so this start is not the token's real beginning)? Letters may precede a
/// token that starts with a digit (`bot123:AA…`), digits never.
fn glued(before: u8, first: u8) -> bool {
    before.is_ascii_digit() || (is_word(before) && !first.is_ascii_digit())
}

/// Verify each `(start, rule)` pair, pushing candidates into `out`.
///
/// Redaction replaces a secret with `[REDACTED:…]`, which puts a word boundary where the
/// secret ended and began. For redaction to be idempotent, detection must already treat a
/// secret's edges as boundaries: a try that fails only because it is glued to a secret
/// (found here, or `known` from an earlier round) is retried with that neighbour hidden,
/// until nothing changes.
pub(crate) fn verify(
    engine: &Engine,
    window: Window<'_>,
    tries: &[(usize, usize)],
    known: &[std::ops::Range<usize>],
    out: &mut Scan,
) {
    let bytes = window.bytes;
    // Tries that did not yield a secret: retried below when glued to one. `held` keeps
    // their non-secret result (placeholder, public) in case no retry does better.
    let mut pending: Vec<(usize, usize, Option<Candidate>)> = Vec::new();
    let mut found: Vec<Candidate> = Vec::new();
    for &(start, rule_index) in tries {
        match try_at(engine, bytes, start, rule_index, 0, bytes.len()) {
            Some(c) if c.class == Class::Secret => found.push(c),
            held => pending.push((start, rule_index, held)),
        }
    }
    // Glued neighbours: retry until a fixpoint (each round accepts at least one more).
    loop {
        let mut starts: Vec<usize> = Vec::new();
        let mut ends: Vec<usize> = Vec::new();
        for span in found
            .iter()
            .filter(|c| c.class == Class::Secret)
            .map(|c| c.span.clone())
            .chain(known.iter().cloned())
        {
            starts.push(span.start);
            ends.push(span.end);
        }
        starts.sort_unstable();
        ends.sort_unstable();
        let mut accepted = false;
        pending.retain(|&(start, rule_index, _)| {
            let after_secret = ends.binary_search(&start).is_ok();
            // A token cannot cross a space: only a secret starting inside the same run of
            // printable bytes can be glued to this one.
            let run_end = bytes[start..]
                .iter()
                .take(MAX_TOKEN_LEN)
                .position(|&b| !in_run(b))
                .map_or(start + MAX_TOKEN_LEN.min(bytes.len() - start), |i| {
                    start + i
                });
            let next_secret = starts
                .get(starts.partition_point(|&s| s <= start))
                .copied()
                .filter(|&s| s <= run_end);
            if !after_secret && next_secret.is_none() {
                return true;
            }
            let views = [
                after_secret.then_some((start, bytes.len())),
                next_secret.map(|q| (0, q)),
                next_secret.filter(|_| after_secret).map(|q| (start, q)),
            ];
            for (from, to) in views.into_iter().flatten() {
                if let Some(c) = try_at(engine, bytes, start, rule_index, from, to)
                    && c.class == Class::Secret
                {
                    found.push(c);
                    accepted = true;
                    return false;
                }
            }
            true
        });
        if !accepted {
            break;
        }
    }
    out.candidates.extend(found);
    out.candidates
        .extend(pending.into_iter().filter_map(|(_, _, held)| held));
}

/// One anchored attempt of rule `rule_index` at `start`, seeing only `bytes[from..to]`
/// (hiding a neighbouring secret makes its edge a boundary).
fn try_at(
    engine: &Engine,
    bytes: &[u8],
    start: usize,
    rule_index: usize,
    from: usize,
    to: usize,
) -> Option<Candidate> {
    let rule = engine.rules[rule_index];
    let Matcher::Token(spec) = rule.matcher else {
        return None;
    };
    let pid = PatternID::new(engine.pattern_of[rule_index]?).ok()?;
    let view = &bytes[from..to];
    let local = start - from;
    // The regex would reject a glued start anyway; checking here saves the search.
    if engine.word_start[rule_index] && local > 0 && is_word(view[local - 1]) {
        return None;
    }
    // Inner anchors: the variable part before the anchor must start a run (no digit or
    // letter glued before it) so that only the maximal token is tried.
    if spec.back_max > 0 && local > 0 && glued(view[local - 1], view[local]) {
        return None;
    }
    let input = Input::new(view)
        .range(local..)
        .anchored(Anchored::Pattern(pid));
    let m = engine.regex.search(&input)?;
    if m.len() > MAX_TOKEN_LEN || m.is_empty() {
        return None;
    }
    if let (Some(class), Some(&next)) = (&engine.body_class[rule_index], view.get(m.end()))
        && class[usize::from(next)]
    {
        return None;
    }
    let matched = &view[m.range()];
    let secret_start = match spec.secret_after {
        Some(marker) => {
            m.start() + memchr::memmem::find(matched, marker.as_bytes())? + marker.len()
        }
        None => m.start(),
    };
    if secret_start >= m.end() {
        return None;
    }
    let span = from + secret_start..from + m.end();
    let mut candidate = judge(engine, rule, &bytes[span.clone()], span)?;
    candidate.origin = start;
    Some(candidate)
}

/// Decide a token's class: placeholder, or valid (possibly refined to another kind), or
/// nothing.
fn judge(
    engine: &Engine,
    rule: &'static Rule,
    secret: &[u8],
    span: std::ops::Range<usize>,
) -> Option<Candidate> {
    if secret.starts_with(b"[REDACTED") {
        return None;
    }
    let body = secret
        .get(rule.shown.min(secret.len())..)
        .unwrap_or_default();
    if is_placeholder(body) {
        return Some(candidate(
            rule,
            secret,
            span,
            Class::Placeholder,
            Confidence::Low,
        ));
    }
    if let Matcher::Token(TokenSpec {
        pattern: Pattern::Simple { prefix, max, .. },
        ..
    }) = rule.matcher
    {
        let body = &secret[prefix.len().min(secret.len())..];
        if body.len() > max || !entropy::token_body_ok(body) {
            return None;
        }
    }
    let confidence = (rule.check)(secret)?;
    let rule = rule
        .refine
        .and_then(|refine| refine(secret))
        .and_then(|id| engine.rule_by_id(id))
        .unwrap_or(rule);
    Some(candidate(rule, secret, span, rule.kind.class, confidence))
}

fn candidate(
    rule: &'static Rule,
    secret: &[u8],
    span: std::ops::Range<usize>,
    class: Class,
    confidence: Confidence,
) -> Candidate {
    Candidate {
        rule,
        origin: 0,
        span,
        class,
        confidence,
        encoding: None,
        fingerprint: Fingerprint::of(rule.kind.id, secret),
        preview: preview_prefix(secret, rule.shown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_starts() {
        assert!(glued(b'7', b'1'));
        assert!(glued(b'x', b'A'));
        assert!(!glued(b't', b'1'));
        assert!(!glued(b' ', b'A'));
    }
}
