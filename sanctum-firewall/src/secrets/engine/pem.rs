//! Armoured private-key blocks: PEM (`-----BEGIN RSA PRIVATE KEY-----` …), OpenSSH, PGP,
//! raw or with JSON-escaped newlines, and `PuTTY` key files.
//!
//! The block's span runs from the BEGIN line through the END line. A block cut short (no
//! END within [`MAX_BLOCK`]) still counts when it holds enough base64: a partial private
//! key is still a leak, and the span then ends at the last body line.

use crate::secrets::engine::{Candidate, Engine, MAX_BLOCK, Scan, Window};
use crate::secrets::fingerprint::Fingerprint;
use crate::secrets::kind::Class;
use crate::secrets::rules::Rule;

/// Minimum base64 characters in a body for it to hold a key.
const MIN_BODY: usize = 64;

/// Outcome of reading a block.
enum Block {
    /// Not a private-key block.
    Nothing,
    /// Needs bytes not yet available.
    Pending,
    /// A key block ending at this offset.
    End(usize),
}

/// Split off one line: returns `(line, next_start)`; a line ends at `\n`, `\r\n`, or the
/// two-character escapes `\n` / `\r\n` used in JSON strings. `None` if the input ends first.
fn next_line(bytes: &[u8], from: usize) -> Option<(std::ops::Range<usize>, usize)> {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => return Some((from..i, i + 1)),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => return Some((from..i, i + 2)),
            b'\\' if bytes.get(i + 1) == Some(&b'n') => return Some((from..i, i + 2)),
            b'\\'
                if bytes.get(i + 1) == Some(&b'r')
                    && bytes.get(i + 2) == Some(&b'\\')
                    && bytes.get(i + 3) == Some(&b'n') =>
            {
                return Some((from..i, i + 4));
            }
            _ => i += 1,
        }
    }
    None
}

fn is_base64_line(line: &[u8]) -> bool {
    !line.is_empty()
        && line
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

fn is_header_line(line: &[u8]) -> bool {
    let Some(colon) = memchr::memchr(b':', line) else {
        return false;
    };
    colon > 0
        && line[..colon]
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Read the body of a block starting at `from`, until a line starting with `end_marker`.
/// `view` holds only the bytes the decision may depend on; `complete` says whether running
/// out of `view` is final (end of input or of the examined range) or means "wait for more".
fn read_body(view: &[u8], from: usize, complete: bool, end_marker: &[u8]) -> Block {
    let mut at = from;
    let mut body = 0usize;
    let mut last_body_end = None;
    loop {
        let (line, next) = match next_line(view, at) {
            Some(found) => found,
            None if !complete => return Block::Pending,
            None => (at..view.len(), view.len()),
        };
        let text = &view[line.clone()];
        let trimmed = text.trim_ascii();
        if trimmed.starts_with(end_marker) {
            let close = memchr::memmem::find(text, b"-----").and_then(|first| {
                memchr::memmem::find(&text[first + 5..], b"-----")
                    .map(|c| line.start + first + 5 + c + 5)
            });
            return match close {
                Some(end) if body >= MIN_BODY => Block::End(end),
                _ => finish(body, last_body_end),
            };
        }
        if is_base64_line(trimmed) {
            body += trimmed.len();
            last_body_end = Some(line.end);
        } else if !(trimmed.is_empty() || is_header_line(trimmed)) {
            return finish(body, last_body_end);
        }
        if next >= view.len() {
            return if complete {
                finish(body, last_body_end)
            } else {
                Block::Pending
            };
        }
        at = next;
    }
}

fn finish(body: usize, last_body_end: Option<usize>) -> Block {
    match last_body_end {
        Some(end) if body >= MIN_BODY => Block::End(end),
        _ => Block::Nothing,
    }
}

/// A `-BEGIN ` trigger at `hit` (the block starts four bytes earlier).
pub(crate) fn block_at(engine: &Engine, window: Window<'_>, hit: usize, out: &mut Scan) {
    let bytes = window.bytes;
    let Some(start) = hit.checked_sub(4) else {
        return;
    };
    if &bytes[start..hit] != b"----" {
        return;
    }
    let label_start = hit + 7;
    let Some(rest) = bytes.get(label_start..) else {
        return;
    };
    let label_len = rest
        .iter()
        .take(48)
        .take_while(|&&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' ')
        .count();
    let after_label = label_start + label_len;
    if after_label + 5 > bytes.len() {
        if !window.eof {
            out.pending_from = out.pending_from.min(start);
        }
        return;
    }
    if &bytes[after_label..after_label + 5] != b"-----" {
        return;
    }
    let label = &bytes[label_start..after_label];
    let Some(&(_, index)) = engine
        .block_rules
        .iter()
        .find(|(l, _)| l.as_bytes() == label)
    else {
        return;
    };
    let mut end_marker = b"-----END ".to_vec();
    end_marker.extend_from_slice(label);
    let limit = start.saturating_add(MAX_BLOCK);
    let view = &bytes[..bytes.len().min(limit)];
    let complete = window.eof || bytes.len() >= limit;
    match read_body(view, after_label + 5, complete, &end_marker) {
        Block::Nothing => {}
        Block::Pending => out.pending_from = out.pending_from.min(start),
        Block::End(end) => {
            let mut rule = engine.rules[index];
            if label == b"PRIVATE KEY"
                && in_service_account_json(bytes, start)
                && let Some(gcp) = engine.rule_by_id("gcp_service_account_key")
            {
                rule = gcp;
            }
            push(rule, bytes, start..end, out);
        }
    }
}

/// Is the block at `start` the value of a JSON `"private_key"` field?
fn in_service_account_json(bytes: &[u8], start: usize) -> bool {
    let before = &bytes[start.saturating_sub(48)..start];
    let Some(at) = memchr::memmem::rfind(before, b"private_key") else {
        return false;
    };
    before[at + 11..]
        .iter()
        .all(|&b| matches!(b, b'"' | b'\\' | b':' | b' ' | b'\t'))
}

/// A `PuTTY-User-Key-File-` trigger at `hit` (which must start a word, or follow a secret:
/// redaction will put a marker there).
pub(crate) fn putty_at(
    engine: &Engine,
    window: Window<'_>,
    hit: usize,
    secret_ends: &[usize],
    out: &mut Scan,
) {
    let bytes = window.bytes;
    if hit > 0 && bytes[hit - 1].is_ascii_alphanumeric() && secret_ends.binary_search(&hit).is_err()
    {
        return;
    }
    let Some(&(_, index)) = engine.block_rules.iter().find(|(l, _)| *l == "PuTTY") else {
        return;
    };
    let limit = hit.saturating_add(MAX_BLOCK);
    let view = &bytes[..bytes.len().min(limit)];
    let complete = window.eof || bytes.len() >= limit;
    let mut at = hit;
    let mut private_lines = false;
    loop {
        let (line, next) = match next_line(view, at) {
            Some(found) => found,
            None if !complete => {
                out.pending_from = out.pending_from.min(hit);
                return;
            }
            None => (at..view.len(), view.len()),
        };
        let text = &view[line.clone()];
        if text.starts_with(b"Private-Lines:") {
            private_lines = true;
        } else if text.starts_with(b"Private-MAC:") {
            if private_lines {
                push(engine.rules[index], bytes, hit..line.end, out);
            }
            return;
        }
        if next >= view.len() {
            if !complete {
                out.pending_from = out.pending_from.min(hit);
            }
            return;
        }
        at = next;
    }
}

fn push(rule: &'static Rule, bytes: &[u8], span: std::ops::Range<usize>, out: &mut Scan) {
    let Some(confidence) = (rule.check)(&bytes[span.clone()]) else {
        return;
    };
    out.candidates.push(Candidate {
        rule,
        origin: 0,
        class: Class::Secret,
        confidence,
        encoding: None,
        fingerprint: Fingerprint::of(rule.kind.id, &bytes[span.clone()]),
        preview: format!("{}…({} chars)", rule.kind.name, span.len()),
        span,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::engine::Engine;

    fn blocks(text: &[u8], eof: bool) -> Scan {
        let engine = Engine::new().unwrap();
        engine.scan(Window {
            bytes: text,
            from: 0,
            eof,
        })
    }

    #[test]
    fn lines_split_on_real_and_escaped_newlines() {
        assert_eq!(next_line(b"ab\ncd", 0), Some((0..2, 3)));
        assert_eq!(next_line(b"ab\\ncd", 0), Some((0..2, 4)));
        assert_eq!(next_line(b"ab\r\ncd", 0), Some((0..2, 4)));
        assert_eq!(next_line(b"abcd", 0), None);
    }

    #[test]
    fn json_escaped_block_is_one_span() {
        let body = "QUJD".repeat(20);
        let text = format!(
            "{{\"k\": \"-----BEGIN EC PRIVATE KEY-----\\n{body}\\n-----END EC PRIVATE KEY-----\\n\"}}"
        );
        let scan = blocks(text.as_bytes(), true);
        let c = scan
            .candidates
            .iter()
            .find(|c| c.rule.kind.id == "private_key_ec")
            .unwrap();
        assert_eq!(&text.as_bytes()[c.span.end - 5..c.span.end], b"-----");
        assert_eq!(c.span.start, 7);
    }

    #[test]
    fn unfinished_block_is_pending_until_eof() {
        let body = "QUJD".repeat(20);
        let text = format!("x\n-----BEGIN RSA PRIVATE KEY-----\n{body}\n");
        let open = blocks(text.as_bytes(), false);
        assert!(open.candidates.is_empty());
        assert_eq!(open.pending_from, 2);
        // At end of input a truncated key still counts: a partial key is a leak.
        let done = blocks(text.as_bytes(), true);
        assert!(
            done.candidates
                .iter()
                .any(|c| c.rule.kind.id == "private_key_rsa")
        );
    }
}
