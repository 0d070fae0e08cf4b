//! Assignments: `key = value` in .env, shell, YAML, JSON, TOML, XML, CLI flags and code,
//! plus `Authorization: Bearer/Basic …` and bare `Bearer <token>`.
//!
//! A keyword trigger (`oken`, `ssword`, `_key`, …) marks a key name; the parser walks to the
//! identifier's bounds, expects an assignment operator and reads one value on the same line.
//! The normalised key picks the rule: provider context rules first (`AWS_SECRET_ACCESS_KEY`),
//! then the generic ones. Values that are references (`$VAR`, `os.environ[...]`) or
//! documentation placeholders become placeholder findings; code expressions are ignored.

use std::ops::Range;

use crate::secrets::engine::{Candidate, Engine, Scan, Window};
use crate::secrets::finding::preview_key;
use crate::secrets::fingerprint::Fingerprint;
use crate::secrets::kind::{Class, Confidence};
use crate::secrets::placeholder::is_placeholder;
use crate::secrets::rules::generic::generic_key;
use crate::secrets::rules::{Matcher, Rule};

/// Longest key name examined.
const MAX_KEY: usize = 128;
/// Longest value examined.
const MAX_VALUE: usize = 512;
/// Longest run of spaces around an operator.
const MAX_SPACES: usize = 16;

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

/// Result of reading a byte: a value, the end of the input, or "more input needed".
enum Peek {
    Byte(u8),
    End,
    More,
}

/// State of the assignment pass over one window.
pub(crate) struct Pass<'e, 'w> {
    engine: &'e Engine,
    window: Window<'w>,
    /// Sorted ends of secrets: a key name never extends back past one.
    secret_ends: &'w [usize],
    /// Key starts already examined (hits arrive in increasing order).
    last_key: Option<usize>,
}

/// A parsed assignment.
struct Assignment {
    key: Range<usize>,
    value: Range<usize>,
    quoted: bool,
    /// No spaces around the operator (`.env` / shell style).
    tight: bool,
}

enum Parsed {
    Nothing,
    Pending(usize),
    Found(Assignment),
}

impl<'e, 'w> Pass<'e, 'w> {
    pub(crate) fn new(engine: &'e Engine, window: Window<'w>, secret_ends: &'w [usize]) -> Self {
        Self {
            engine,
            window,
            secret_ends,
            last_key: None,
        }
    }

    fn peek(&self, i: usize) -> Peek {
        match self.window.bytes.get(i) {
            Some(&b) => Peek::Byte(b),
            None if self.window.eof => Peek::End,
            None => Peek::More,
        }
    }

    /// A keyword trigger at `hit`: parse the assignment around it.
    pub(crate) fn keyword_at(&mut self, hit: usize, out: &mut Scan) {
        let bytes = self.window.bytes;
        let mut start = hit;
        let after_token = match self.secret_ends.partition_point(|&e| e <= hit) {
            0 => 0,
            n => self.secret_ends[n - 1],
        };
        let floor = hit.saturating_sub(MAX_KEY).max(after_token);
        while start > floor && is_ident(bytes[start - 1]) {
            start -= 1;
        }
        if start > 0 && start == hit.saturating_sub(MAX_KEY) && is_ident(bytes[start - 1]) {
            return; // an identifier this long is not a key name
        }
        if self.last_key == Some(start) {
            return;
        }
        self.last_key = Some(start);
        match self.parse(start) {
            Parsed::Nothing => {}
            Parsed::Pending(at) => out.pending_from = out.pending_from.min(at),
            Parsed::Found(a) => self.judge(&a, out),
        }
    }

    /// Parse `key <op> value` with the key starting at `start`.
    fn parse(&self, start: usize) -> Parsed {
        let bytes = self.window.bytes;
        let mut i = start;
        loop {
            match self.peek(i) {
                Peek::Byte(b) if is_ident(b) && i - start < MAX_KEY => i += 1,
                Peek::More => return Parsed::Pending(start),
                _ => break,
            }
        }
        let key = start..i;
        if key.is_empty() {
            return Parsed::Nothing;
        }
        // Closing quote of a quoted key: `"key"`, `'key'`, `\"key\"`.
        match (self.peek(i), self.peek(i + 1)) {
            (Peek::Byte(b'\\'), Peek::Byte(b'"')) => i += 2,
            (Peek::Byte(b'"' | b'\''), _) => i += 1,
            (Peek::More, _) | (Peek::Byte(b'\\'), Peek::More) => return Parsed::Pending(start),
            _ => {}
        }
        let before_op = i;
        let Some(after_spaces) = self.skip_spaces(&mut i) else {
            return Parsed::Pending(start);
        };
        let spaced_before = after_spaces > 0;
        // The operator.
        let op = match (self.peek(i), self.peek(i + 1)) {
            (Peek::More, _) | (Peek::Byte(b'=' | b':'), Peek::More) => {
                return Parsed::Pending(start);
            }
            (Peek::Byte(b'='), Peek::Byte(b'=' | b'~')) | (Peek::Byte(b':'), Peek::Byte(b':')) => {
                return Parsed::Nothing;
            }
            (Peek::Byte(b'='), Peek::Byte(b'>')) | (Peek::Byte(b':'), Peek::Byte(b'=')) => 2,
            (Peek::Byte(b'=' | b':'), _) => 1,
            (Peek::Byte(b'>'), _) if start > 0 && bytes[start - 1] == b'<' => 1,
            (Peek::Byte(_), _)
                if spaced_before && start >= 2 && &bytes[start - 2..start] == b"--" =>
            {
                0
            }
            _ => return Parsed::Nothing,
        };
        i += op;
        let Some(spaces_after) = self.skip_spaces(&mut i) else {
            return Parsed::Pending(start);
        };
        let tight = !spaced_before && spaces_after == 0 && op > 0 && before_op == key.end;
        self.value(start, key, i, tight)
    }

    /// Skip spaces and tabs; `None` when the input ends while skipping (more needed).
    fn skip_spaces(&self, i: &mut usize) -> Option<usize> {
        let begin = *i;
        loop {
            match self.peek(*i) {
                Peek::Byte(b' ' | b'\t') if *i - begin < MAX_SPACES => *i += 1,
                Peek::More => return None,
                _ => return Some(*i - begin),
            }
        }
    }

    /// Read the value starting at `at`.
    fn value(&self, start: usize, key: Range<usize>, at: usize, tight: bool) -> Parsed {
        let bytes = self.window.bytes;
        let (open, skip) = match (self.peek(at), self.peek(at + 1)) {
            (Peek::More, _) | (Peek::Byte(b'\\'), Peek::More) => return Parsed::Pending(start),
            (Peek::Byte(b'\\'), Peek::Byte(b'"')) => (Some(b'"'), 2),
            (Peek::Byte(q @ (b'"' | b'\'' | b'`')), _) => (Some(q), 1),
            (Peek::Byte(_), _) => (None, 0),
            (Peek::End, _) => return Parsed::Nothing,
        };
        let escaped_quote = skip == 2;
        let vstart = at + skip;
        let mut i = vstart;
        loop {
            if i - vstart > MAX_VALUE {
                return Parsed::Nothing;
            }
            let b = match self.peek(i) {
                Peek::Byte(b) => b,
                Peek::More => return Parsed::Pending(start),
                Peek::End => {
                    if open.is_some() {
                        return Parsed::Nothing;
                    }
                    break;
                }
            };
            match open {
                Some(q) => {
                    if b == b'\n' || b == b'\r' {
                        return Parsed::Nothing;
                    }
                    if escaped_quote {
                        if b == b'\\' {
                            match self.peek(i + 1) {
                                Peek::Byte(b'"') => break,
                                Peek::More => return Parsed::Pending(start),
                                _ => {}
                            }
                        }
                    } else if b == b'\\' {
                        i += 2;
                        continue;
                    } else if b == q {
                        break;
                    }
                }
                None => {
                    if b.is_ascii_whitespace()
                        || matches!(
                            b,
                            b',' | b';'
                                | b')'
                                | b']'
                                | b'}'
                                | b'"'
                                | b'\''
                                | b'<'
                                | b'>'
                                | b'`'
                                | b'&'
                        )
                    {
                        break;
                    }
                }
            }
            i += 1;
        }
        let value = vstart..i.min(bytes.len());
        if value.is_empty() {
            return Parsed::Nothing;
        }
        Parsed::Found(Assignment {
            key,
            value,
            quoted: open.is_some(),
            tight,
        })
    }

    /// Classify a parsed assignment and push a candidate.
    fn judge(&self, a: &Assignment, out: &mut Scan) {
        let bytes = self.window.bytes;
        let value = &bytes[a.value.clone()];
        if value.starts_with(b"[REDACTED") || value.first() == Some(&b'[') {
            return;
        }
        let key_text = &bytes[a.key.clone()];
        let normalized: String = key_text
            .iter()
            .filter(|b| b.is_ascii_alphanumeric())
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
        // `Authorization: Bearer xyz` / `Basic xyz` / `token xyz`.
        if normalized.contains("auth") && self.scheme_value(a, out).is_some() {
            return;
        }
        // Keys that describe a secret rather than hold one (`token_url`, `password_hash`).
        if !generic_key(&normalized) {
            return;
        }
        for &index in &self.engine.context_rules {
            let rule = self.engine.rules[index];
            let Matcher::Context(spec) = rule.matcher else {
                continue;
            };
            if !(spec.key)(&normalized) {
                continue;
            }
            if is_placeholder(value) {
                out.candidates.push(make(
                    rule,
                    key_text,
                    value,
                    a.value.clone(),
                    Class::Placeholder,
                    Confidence::Low,
                ));
                return;
            }
            if looks_like_code(value, a.quoted, a.tight) {
                return;
            }
            if let Some(confidence) = (rule.check)(value) {
                out.candidates.push(make(
                    rule,
                    key_text,
                    value,
                    a.value.clone(),
                    rule.kind.class,
                    confidence,
                ));
                return;
            }
        }
    }

    /// Handle `Authorization: <scheme> <credentials>`; `Some` when the value had a scheme.
    fn scheme_value(&self, a: &Assignment, out: &mut Scan) -> Option<()> {
        let bytes = self.window.bytes;
        let value = &bytes[a.value.clone()];
        let (scheme_len, rule_id) = if starts_ci(value, b"bearer") {
            (6, "bearer_token")
        } else if starts_ci(value, b"basic") {
            (5, "basic_auth_header")
        } else if starts_ci(value, b"token") {
            (5, "generic_token")
        } else {
            return None;
        };
        if value.len() > scheme_len && value[scheme_len] != b' ' {
            return None;
        }
        let rule = self.engine.rule_by_id(rule_id)?;
        let mut i = a.value.start + scheme_len;
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        let begin = i;
        while i < bytes.len() && is_credential_byte(bytes[i]) && i - begin < MAX_VALUE {
            i += 1;
        }
        if i == bytes.len() && !self.window.eof {
            out.pending_from = out.pending_from.min(a.key.start);
            return Some(());
        }
        self.credential(rule, &bytes[a.key.clone()], begin..i, out);
        Some(())
    }

    /// A `Bearer ` trigger at `hit` (the `B`).
    pub(crate) fn bearer_at(&mut self, hit: usize, out: &mut Scan) {
        let bytes = self.window.bytes;
        let b_at = hit;
        if b_at > 0
            && bytes[b_at - 1].is_ascii_alphanumeric()
            && self.secret_ends.binary_search(&b_at).is_err()
        {
            return;
        }
        let Some(rule) = self.engine.rule_by_id("bearer_token") else {
            return;
        };
        let mut i = hit + 7;
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        let begin = i;
        while i < bytes.len() && is_credential_byte(bytes[i]) && i - begin < MAX_VALUE {
            i += 1;
        }
        if i == bytes.len() && !self.window.eof {
            out.pending_from = out.pending_from.min(b_at);
            return;
        }
        self.credential(rule, b"Bearer", begin..i, out);
    }

    /// Push a credential value found after an authorization scheme.
    fn credential(&self, rule: &'static Rule, key: &[u8], span: Range<usize>, out: &mut Scan) {
        let bytes = self.window.bytes;
        if span.is_empty() {
            return;
        }
        let value = &bytes[span.clone()];
        if value.starts_with(b"[REDACTED") {
            return;
        }
        if is_placeholder(value) {
            out.candidates.push(make(
                rule,
                key,
                value,
                span,
                Class::Placeholder,
                Confidence::Low,
            ));
        } else if let Some(confidence) = (rule.check)(value) {
            out.candidates
                .push(make(rule, key, value, span, rule.kind.class, confidence));
        }
    }
}

/// Bytes of an HTTP credential (token68 plus what tokens use in practice).
fn is_credential_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/' | b'=')
}

fn starts_ci(value: &[u8], prefix: &[u8]) -> bool {
    value.len() >= prefix.len() && value[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Is an assigned value code rather than data (`getToken()`, `self.password`, `true`, `42`)?
fn looks_like_code(value: &[u8], quoted: bool, tight: bool) -> bool {
    if quoted {
        return false;
    }
    let lower = value.to_ascii_lowercase();
    if matches!(
        lower.as_slice(),
        b"true" | b"false" | b"null" | b"none" | b"nil" | b"undefined" | b"yes" | b"no"
    ) {
        return true;
    }
    if value.iter().all(u8::is_ascii_digit) {
        return true;
    }
    if value
        .iter()
        .any(|b| matches!(b, b'(' | b'[' | b'{' | b'|' | b'!'))
        && !tight
    {
        return true;
    }
    if matches!(value.first(), Some(b'@' | b'&' | b'*' | b'|' | b'>')) {
        return true;
    }
    // A bare identifier chain without digits (`password_input`, `config.token`) is a name,
    // unless it sits in a tight `KEY=value` line (.env / shell), where it is data.
    let identifier = value
        .first()
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        && value
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.');
    identifier && !value.iter().any(u8::is_ascii_digit) && !tight
}

fn make(
    rule: &'static Rule,
    key: &[u8],
    value: &[u8],
    span: Range<usize>,
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
        fingerprint: Fingerprint::of(rule.kind.id, value),
        preview: preview_key(key, value.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_detection() {
        assert!(looks_like_code(b"getToken()", false, false));
        assert!(looks_like_code(b"self.password", false, false));
        assert!(looks_like_code(b"true", false, true));
        assert!(!looks_like_code(b"supersecretvalue", false, true));
        assert!(!looks_like_code(b"getToken()", true, false));
        assert!(!looks_like_code(b"Xy7kq2Lm9", false, false));
    }
}
