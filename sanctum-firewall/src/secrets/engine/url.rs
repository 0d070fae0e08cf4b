//! `scheme://user:password@host` URLs. The secret is the password; the scheme picks the
//! kind (`PostgreSQL`, Redis, …), any other scheme is the generic basic-auth URL kind.

use crate::secrets::engine::{Candidate, Engine, Scan, Window};
use crate::secrets::finding::preview_url;
use crate::secrets::fingerprint::Fingerprint;
use crate::secrets::kind::{Class, Confidence};
use crate::secrets::placeholder::is_placeholder;

/// Longest scheme examined.
const MAX_SCHEME: usize = 32;
/// Longest authority (`user:password@host:port`) examined.
const MAX_AUTHORITY: usize = 512;

fn is_scheme_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-')
}

/// Bytes that end a URL authority.
fn ends_authority(b: u8) -> bool {
    !b.is_ascii_graphic()
        || matches!(
            b,
            b'/' | b'?' | b'#' | b'"' | b'\'' | b'<' | b'>' | b'`' | b'\\'
        )
}

/// A `://` trigger at `hit`; `secret_ends` are the sorted ends of secrets found so far.
pub(crate) fn at(
    engine: &Engine,
    window: Window<'_>,
    hit: usize,
    secret_ends: &[usize],
    out: &mut Scan,
) {
    let bytes = window.bytes;
    let mut start = hit;
    // A scheme never extends back into a secret (redaction puts a marker there).
    let after_secret = match secret_ends.partition_point(|&e| e <= hit) {
        0 => 0,
        n => secret_ends[n - 1],
    };
    let floor = hit.saturating_sub(MAX_SCHEME).max(after_secret);
    while start > floor && is_scheme_byte(bytes[start - 1]) {
        start -= 1;
    }
    if start == hit || !bytes[start].is_ascii_alphabetic() {
        return;
    }
    if start > after_secret && is_scheme_byte(bytes[start - 1]) {
        return;
    }
    let authority = hit + 3;
    let mut end = authority;
    let mut last_at = None;
    loop {
        if end - authority > MAX_AUTHORITY {
            return;
        }
        match bytes.get(end) {
            Some(&b) if ends_authority(b) => break,
            Some(&b) => {
                if b == b'@' {
                    last_at = Some(end);
                }
                end += 1;
            }
            None if window.eof => break,
            None => {
                out.pending_from = out.pending_from.min(start);
                return;
            }
        }
    }
    let Some(at_sign) = last_at else {
        return;
    };
    let Some(colon) = memchr::memchr(b':', &bytes[authority..at_sign]) else {
        return;
    };
    let password = authority + colon + 1..at_sign;
    if password.is_empty() {
        return;
    }
    let secret = &bytes[password.clone()];
    if secret.starts_with(b"[REDACTED") {
        return;
    }
    let scheme = bytes[start..hit].to_ascii_lowercase();
    let base = scheme.split(|&b| b == b'+').next().unwrap_or_default();
    let Some(&(_, index)) = engine
        .url_rules
        .iter()
        .find(|(schemes, _)| schemes.is_empty() || schemes.iter().any(|s| s.as_bytes() == base))
    else {
        return;
    };
    let rule = engine.rules[index];
    let (class, confidence) = if is_placeholder(secret) {
        (Class::Placeholder, Confidence::Low)
    } else if let Some(confidence) = (rule.check)(secret) {
        (rule.kind.class, confidence)
    } else {
        return;
    };
    out.candidates.push(Candidate {
        rule,
        origin: 0,
        span: password,
        class,
        confidence,
        encoding: None,
        fingerprint: Fingerprint::of(rule.kind.id, secret),
        preview: preview_url(&bytes[start..hit], secret.len()),
    });
}

#[cfg(test)]
mod tests {
    use crate::secrets::engine::{Engine, Window};

    fn find(text: &str) -> Vec<(&'static str, String)> {
        let engine = Engine::new().unwrap();
        engine
            .scan(Window {
                bytes: text.as_bytes(),
                from: 0,
                eof: true,
            })
            .candidates
            .into_iter()
            .map(|c| (c.rule.kind.id, text[c.span].to_owned()))
            .collect()
    }

    #[test]
    fn password_span_and_kind_by_scheme() {
        assert_eq!(
            find("DATABASE_URL=postgresql+psycopg2://app:Xk9!vQ2$pL@db:5432/x"),
            vec![("postgres_connection_url", "Xk9!vQ2$pL".to_owned())]
        );
        assert_eq!(
            find("https://deploy:Zq8Vv2LmN4@git.internal.invalid/repo.git"),
            vec![("url_with_password", "Zq8Vv2LmN4".to_owned())]
        );
        assert!(find("ssh://git@host/repo").is_empty());
        assert!(find("https://host/path?x=a:b@c").is_empty());
    }
}
