//! The detection engine: builds the trigger searcher and the shared multi-pattern regex
//! once, then scans windows of bytes in one trigger pass plus per-candidate validation.
//!
//! Every decision is local: whether a candidate becomes a finding depends only on bytes
//! within a bounded distance of it ([`LOOK_BEHIND`] before, [`MAX_HOLD`] or [`MAX_BLOCK`]
//! after). That is what lets the stream redactor cut a stream anywhere and still agree
//! byte-for-byte with redacting the whole input. A candidate whose decision needs bytes
//! that have not arrived yet is reported through `pending_from` instead of being guessed.

mod context;
mod decode;
mod pem;
pub(crate) mod resolve;
mod token;
mod triggers;
mod url;

use std::collections::HashMap;
use std::ops::Range;

use regex_automata::meta::Regex;
use regex_automata::util::syntax;

use crate::FirewallError;
use crate::secrets::finding::Encoding;
use crate::secrets::fingerprint::Fingerprint;
use crate::secrets::kind::{Class, Confidence};
use crate::secrets::rules::{self, Matcher, Pattern, Rule, Tier};

use triggers::Triggers;

/// Longest regex match accepted as a token; longer matches are dropped (so truncated and
/// complete views of a long run agree).
pub(crate) const MAX_TOKEN_LEN: usize = 4096;
/// Longest base64 or percent-encoded run that is decoded and rescanned.
pub(crate) const MAX_DECODE_RUN: usize = 8192;
/// How far past its start an unfinished run of ASCII printable bytes can still change a
/// decision.
pub(crate) const MAX_HOLD: usize = MAX_DECODE_RUN + 64;
/// Longest armoured key block (PEM, PGP, `PuTTY`) examined.
pub(crate) const MAX_BLOCK: usize = 16 * 1024;
/// Evaluation rounds at most (see `Engine::scan_depth`); glued chains of secrets longer
/// than this are rare and only risk a second redaction pass finding more.
const MAX_ROUNDS: usize = 4;
/// How far before a finding's start its decision may look (key names, URL schemes, the
/// start of an encoded run).
pub(crate) const LOOK_BEHIND: usize = MAX_DECODE_RUN + 1024;

/// Bytes being scanned: `bytes[..from]` is context only (findings there were already
/// reported), and `eof` says whether more input may follow.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Window<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) from: usize,
    pub(crate) eof: bool,
}

/// One validated candidate, before de-duplication.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub(crate) rule: &'static Rule,
    /// Where the evaluation that produced it started (trigger position, token start or
    /// encoded run start): decides whether a later round re-evaluates it.
    pub(crate) origin: usize,
    pub(crate) span: Range<usize>,
    pub(crate) class: Class,
    pub(crate) confidence: Confidence,
    pub(crate) encoding: Option<Encoding>,
    pub(crate) fingerprint: Fingerprint,
    pub(crate) preview: String,
}

/// What a scan of a window produced.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub(crate) candidates: Vec<Candidate>,
    /// The smallest position whose fate depends on bytes not yet seen (`bytes.len()` when
    /// nothing is pending, always when `eof`).
    pub(crate) pending_from: usize,
}

/// What a trigger literal asks the engine to do.
#[derive(Debug, Clone, Copy)]
enum Action {
    /// Try a token rule starting `back_min..=back_max` bytes before the hit.
    Token {
        rule: usize,
        back_min: usize,
        back_max: usize,
    },
    /// Look for a `key = value` assignment around the hit.
    Keyword,
    /// `Bearer <token>`; the hit is the `B`.
    Bearer,
    /// `scheme://`; the hit is the `:`.
    Url,
    /// `-----BEGIN `; the hit is four bytes after the block start.
    Pem,
    /// `PuTTY-User-Key-File-`.
    Putty,
}

/// Substrings of secret-ish key names, in the cases that occur in practice. Inner parts
/// (`ecret`, `oken`) make one literal serve `secret`, `Secret` and `clientSecret`, and are
/// chosen so that their first three bytes are rare in ordinary code and prose.
const KEYWORDS: &[&str] = &[
    "pass", "Pass", "PASS", "pwd", "PWD", "ecret", "ECRET", "oken", "OKEN", "_key", "_KEY", "-key",
    "Key", "pikey", "piKey", "PIKEY", "edential", "EDENTIAL", "uth", "UTH", "_PAT",
];

/// The compiled engine. Immutable after construction; share it freely.
#[derive(Debug)]
pub(crate) struct Engine {
    pub(crate) rules: Vec<&'static Rule>,
    by_id: HashMap<&'static str, usize>,
    regex: Regex,
    /// Regex pattern id for each rule index (token rules only).
    pattern_of: Vec<Option<usize>>,
    /// For simple token rules, the bytes of the body class: a match followed by one of
    /// these is part of a longer token and rejected.
    body_class: Vec<Option<[bool; 256]>>,
    /// Token rules whose pattern starts at a word boundary (checked before the regex runs).
    word_start: Vec<bool>,
    triggers: Triggers,
    actions: Vec<Vec<Action>>,
    /// Context rules, provider-specific first, then generic.
    context_rules: Vec<usize>,
    /// Block rules by label.
    block_rules: Vec<(&'static str, usize)>,
    /// URL rules (schemes), the generic one last.
    url_rules: Vec<(&'static [&'static str], usize)>,
}

/// The set of bytes a regex class like `A-Za-z0-9_.-` accepts (ranges, single bytes, a
/// trailing `-` as itself).
fn class_table(class: &str) -> [bool; 256] {
    let mut table = [false; 256];
    let b = class.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if i + 2 < b.len() && b[i + 1] == b'-' {
            for c in b[i]..=b[i + 2] {
                table[usize::from(c)] = true;
            }
            i += 3;
        } else {
            table[usize::from(b[i])] = true;
            i += 1;
        }
    }
    table
}

/// Escape regex metacharacters in a literal prefix.
fn escape(literal: &str) -> String {
    let mut out = String::with_capacity(literal.len() * 2);
    for c in literal.chars() {
        if r"\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Does a token of this pattern start with a word character (so its regex starts with an
/// ASCII word boundary)?
fn starts_at_word(pattern: &Pattern) -> bool {
    let first = match pattern {
        Pattern::Simple { prefix, .. } => prefix.bytes().next(),
        Pattern::Regex(re) => re.bytes().next(),
    };
    first.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The regex for a token rule, always starting with an ASCII word boundary when the token
/// starts with a word character.
fn token_regex(pattern: &Pattern) -> String {
    let (body, first) = match pattern {
        Pattern::Simple {
            prefix,
            body,
            min,
            max,
        } => {
            // Large bounded repeats blow up the automaton; the engine checks `max` itself.
            let repeat = if *max > 64 {
                format!("{{{min},}}")
            } else {
                format!("{{{min},{max}}}")
            };
            (
                format!("{}[{}]{repeat}", escape(prefix), body.class),
                prefix.bytes().next(),
            )
        }
        Pattern::Regex(re) => ((*re).to_owned(), re.bytes().next()),
    };
    let word_start = first.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
    if word_start {
        format!(r"(?-u:\b){body}")
    } else {
        body
    }
}

/// Add the engine's own triggers to the rules' anchors, group actions by literal, and
/// build the searcher.
fn build_triggers(
    mut literal_actions: Vec<(&'static [u8], Action)>,
) -> Result<(Triggers, Vec<Vec<Action>>), FirewallError> {
    for k in KEYWORDS {
        literal_actions.push((k.as_bytes(), Action::Keyword));
    }
    literal_actions.push((b"Bearer ", Action::Bearer));
    literal_actions.push((b"bearer ", Action::Bearer));
    literal_actions.push((b"BEARER ", Action::Bearer));
    literal_actions.push((b"://", Action::Url));
    literal_actions.push((b"-BEGIN ", Action::Pem));
    literal_actions.push((b"PuTTY-User-Key-File-", Action::Putty));
    let mut literals: Vec<&'static [u8]> = literal_actions.iter().map(|(l, _)| *l).collect();
    literals.sort_unstable();
    literals.dedup();
    let mut actions = vec![Vec::new(); literals.len()];
    for (lit, action) in literal_actions {
        if let Ok(idx) = literals.binary_search(&lit) {
            actions[idx].push(action);
        }
    }
    Ok((Triggers::new(literals)?, actions))
}

impl Engine {
    /// Compile every rule. Takes a few milliseconds; do it once.
    pub(crate) fn new() -> Result<Self, FirewallError> {
        let rules = rules::all();
        let by_id = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.kind.id, i))
            .collect();
        let mut patterns = Vec::new();
        let mut pattern_of = vec![None; rules.len()];
        let mut body_class = vec![None; rules.len()];
        let mut word_start = vec![false; rules.len()];
        let mut literal_actions: Vec<(&'static [u8], Action)> = Vec::new();
        let mut context_rules = Vec::new();
        let mut generic_context = Vec::new();
        let mut block_rules = Vec::new();
        let mut url_rules = Vec::new();
        let mut generic_url = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            match rule.matcher {
                Matcher::Token(spec) => {
                    pattern_of[i] = Some(patterns.len());
                    word_start[i] = starts_at_word(&spec.pattern);
                    if let Pattern::Simple { body, .. } = spec.pattern {
                        body_class[i] = Some(class_table(body.class));
                    }
                    patterns.push(token_regex(&spec.pattern));
                    for anchor in spec.anchors {
                        literal_actions.push((
                            anchor.as_bytes(),
                            Action::Token {
                                rule: i,
                                back_min: spec.back_min,
                                back_max: spec.back_max,
                            },
                        ));
                    }
                }
                Matcher::Context(_) => {
                    if rule.tier == Tier::Generic {
                        generic_context.push(i);
                    } else {
                        context_rules.push(i);
                    }
                }
                Matcher::Block(label) => block_rules.push((label, i)),
                Matcher::Url(schemes) => {
                    if schemes.is_empty() {
                        generic_url.push((schemes, i));
                    } else {
                        url_rules.push((schemes, i));
                    }
                }
                Matcher::Derived => {}
            }
        }
        context_rules.extend(generic_context);
        url_rules.extend(generic_url);
        let (triggers, actions) = build_triggers(literal_actions)?;
        let regex = Regex::builder()
            .syntax(syntax::Config::new().unicode(false).utf8(false))
            .configure(
                Regex::config()
                    .prefilter(None)
                    .hybrid_cache_capacity(8 << 20),
            )
            .build_many(&patterns)
            .map_err(|e| {
                let rule = e
                    .pattern()
                    .and_then(|pid| {
                        pattern_of
                            .iter()
                            .position(|p| *p == Some(pid.as_usize()))
                            .map(|i| rules[i].kind.id.to_owned())
                    })
                    .unwrap_or_else(|| "<unknown>".to_owned());
                FirewallError::Pattern {
                    rule,
                    reason: e.to_string(),
                }
            })?;
        Ok(Self {
            rules,
            by_id,
            regex,
            pattern_of,
            body_class,
            word_start,
            triggers,
            actions,
            context_rules,
            block_rules,
            url_rules,
        })
    }

    /// The rule with kind id `id`.
    pub(crate) fn rule_by_id(&self, id: &str) -> Option<&'static Rule> {
        self.by_id.get(id).map(|&i| self.rules[i])
    }

    /// Scan a window: all candidates whose span starts at or after `window.from`.
    pub(crate) fn scan(&self, window: Window<'_>) -> Scan {
        self.scan_depth(window, true)
    }

    /// Scan, optionally with the decoding layer (off inside decoded content: one layer).
    ///
    /// The trigger pass runs once; evaluation runs in rounds. Each later round treats the
    /// secrets found so far as boundaries (as their redaction markers will be), so that
    /// detection on redacted text finds nothing new, and stops when a round finds exactly
    /// the secrets it started from. Only what is glued to a secret (the same run of
    /// printable ASCII) can change, so later rounds re-evaluate just those zones.
    fn scan_depth(&self, window: Window<'_>, decode_layer: bool) -> Scan {
        let bytes = window.bytes;
        let mut hits: Vec<(usize, usize)> = Vec::with_capacity(bytes.len() / 256 + 16);
        self.triggers
            .for_each(bytes, |lit, pos| hits.push((pos, lit)));
        hits.sort_unstable();
        hits.dedup();
        let mut out = self.evaluate(window, &hits, &[], decode_layer, None);
        let mut known: Vec<Range<usize>> = Vec::new();
        for _ in 1..MAX_ROUNDS {
            let spans = plain_secrets(&out.candidates);
            if spans == known {
                break;
            }
            let zones = glued_zones(bytes, &spans);
            let again = self.evaluate(window, &hits, &spans, decode_layer, Some(&zones));
            // Percent-decoded findings are not re-evaluated (see `decode::pass`).
            out.candidates
                .retain(|c| !in_zones(&zones, c.origin) || c.encoding == Some(Encoding::Percent));
            out.candidates.extend(again.candidates);
            out.pending_from = out.pending_from.min(again.pending_from);
            known = spans;
        }
        if !window.eof {
            out.pending_from = out.pending_from.min(open_run_start(bytes));
            // Whatever is glued to an undecided position (same run of printable ASCII) may
            // still change: its edges count as boundaries once that neighbour is a secret.
            out.pending_from = run_start_before(bytes, out.pending_from);
        }
        out.candidates.retain(|c| c.span.start >= window.from);
        out
    }

    /// One evaluation round over the trigger `hits`, with `known` secrets as boundaries;
    /// with `zones`, only what originates inside them.
    fn evaluate(
        &self,
        window: Window<'_>,
        hits: &[(usize, usize)],
        known: &[Range<usize>],
        decode_layer: bool,
        zones: Option<&[Range<usize>]>,
    ) -> Scan {
        let mut out = Scan {
            candidates: Vec::new(),
            pending_from: window.bytes.len(),
        };
        let wanted = |at: usize| zones.is_none_or(|z| in_zones(z, at));
        // Tokens first: a key name never extends back into a secret (the redacted text
        // has a marker there).
        let mut token_tries: Vec<(usize, usize)> = Vec::new();
        for &(pos, lit) in hits {
            for action in &self.actions[lit] {
                if let Action::Token {
                    rule,
                    back_min,
                    back_max,
                } = *action
                {
                    for back in (back_min..=back_max).rev() {
                        if let Some(start) = pos.checked_sub(back)
                            && wanted(start)
                        {
                            token_tries.push((start, rule));
                        }
                    }
                }
            }
        }
        token_tries.sort_unstable();
        token_tries.dedup();
        token::verify(self, window, &token_tries, known, &mut out);
        let mut secret_ends: Vec<usize> = out
            .candidates
            .iter()
            .filter(|c| c.class == Class::Secret)
            .map(|c| c.span.end)
            .chain(known.iter().map(|r| r.end))
            .collect();
        secret_ends.sort_unstable();
        secret_ends.dedup();

        let mut context = context::Pass::new(self, window, &secret_ends);
        for &(pos, lit) in hits {
            if !wanted(pos) {
                continue;
            }
            for action in &self.actions[lit] {
                let before = out.candidates.len();
                match *action {
                    Action::Token { .. } => {}
                    Action::Keyword => context.keyword_at(pos, &mut out),
                    Action::Bearer => context.bearer_at(pos, &mut out),
                    Action::Url => url::at(self, window, pos, &secret_ends, &mut out),
                    Action::Pem => pem::block_at(self, window, pos, &mut out),
                    Action::Putty => pem::putty_at(self, window, pos, &secret_ends, &mut out),
                }
                for c in &mut out.candidates[before..] {
                    c.origin = pos;
                }
            }
        }
        if decode_layer {
            decode::pass(self, window, known, zones, &mut out);
        }
        out
    }

    /// Scan decoded content: complete, no further decoding, secrets only.
    fn scan_decoded(&self, decoded: &[u8]) -> Vec<Candidate> {
        let window = Window {
            bytes: decoded,
            from: 0,
            eof: true,
        };
        let mut found = self.scan_depth(window, false).candidates;
        found.retain(|c| c.class == Class::Secret);
        found
    }
}

/// Is `b` part of a "run": a printable, non-space ASCII byte?
pub(crate) fn in_run(b: u8) -> bool {
    b.is_ascii_graphic()
}

/// Sorted, deduplicated spans of plain (not decoded) secrets.
fn plain_secrets(candidates: &[Candidate]) -> Vec<Range<usize>> {
    let mut spans: Vec<Range<usize>> = candidates
        .iter()
        .filter(|c| c.class == Class::Secret && c.encoding.is_none())
        .map(|c| c.span.clone())
        .collect();
    spans.sort_unstable_by_key(|r| (r.start, r.end));
    spans.dedup();
    spans
}

/// Zones around secrets where detection can change once they count as boundaries: each
/// span widened by the runs of printable ASCII glued to its edges, merged and sorted.
fn glued_zones(bytes: &[u8], spans: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut zones: Vec<Range<usize>> = spans
        .iter()
        .map(|s| {
            let mut end = s.end;
            let cap = s.end.saturating_add(MAX_HOLD).min(bytes.len());
            while end < cap && in_run(bytes[end]) {
                end += 1;
            }
            run_start_before(bytes, s.start)..end + 1
        })
        .collect();
    zones.sort_unstable_by_key(|z| z.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(zones.len());
    for z in zones {
        match merged.last_mut() {
            Some(last) if z.start <= last.end => last.end = last.end.max(z.end),
            _ => merged.push(z),
        }
    }
    merged
}

/// Is `at` inside one of the sorted, disjoint `zones`?
pub(crate) fn in_zones(zones: &[Range<usize>], at: usize) -> bool {
    let i = zones.partition_point(|z| z.end <= at);
    zones.get(i).is_some_and(|z| z.contains(&at))
}

/// The start of the run of printable ASCII that ends at `at` (capped to [`MAX_HOLD`] bytes
/// back); `at` itself when the byte before it is not part of a run.
fn run_start_before(bytes: &[u8], at: usize) -> usize {
    let floor = at.saturating_sub(MAX_HOLD);
    let mut i = at;
    while i > floor && in_run(bytes[i - 1]) {
        i -= 1;
    }
    i
}

/// The start of the unfinished run of printable ASCII at the end of `bytes` (capped to
/// [`MAX_HOLD`] bytes back); `bytes.len()` when the input ends outside a run.
fn open_run_start(bytes: &[u8]) -> usize {
    let len = bytes.len();
    let floor = len.saturating_sub(MAX_HOLD);
    let mut i = len;
    while i > floor && in_run(bytes[i - 1]) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_patterns_compile() {
        let engine = Engine::new().unwrap();
        assert!(engine.rules.len() >= 80);
        assert!(engine.rule_by_id("github_pat_classic").is_some());
    }

    #[test]
    fn open_run() {
        assert_eq!(open_run_start(b"abc def"), 4);
        assert_eq!(open_run_start(b"abc "), 4);
        assert_eq!(open_run_start("ab é".as_bytes()), 5);
    }

    #[test]
    fn class_tables() {
        let t = class_table("A-Za-z0-9_.-");
        assert!(t[usize::from(b'q')] && t[usize::from(b'-')] && t[usize::from(b'.')]);
        assert!(!t[usize::from(b'+')] && !t[usize::from(b' ')]);
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("a.b-c$"), r"a\.b\-c\$");
    }
}
