//! The decoding layer: base64 and percent-encoded runs are decoded once and rescanned, so a
//! secret piped through `base64` or URL-encoded into a query string is still found.
//!
//! Bounded: only runs of at least [`MIN_BASE64_RUN`] characters and at most
//! [`MAX_DECODE_RUN`] are decoded, only text-like results are rescanned, and decoded content
//! is never decoded again. Findings carry the span of the encoded text (the groups holding
//! the secret) and [`Encoding`] says how it was hidden. Hashes, SRI digests, image data URIs
//! and runs already covered by a finding are skipped.

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use crate::secrets::engine::{Candidate, Engine, MAX_DECODE_RUN, Scan, Window, in_zones};
use crate::secrets::finding::Encoding;

/// Shortest base64 run worth decoding (18 decoded bytes; shorter secrets have prefixes
/// visible enough to be found plain).
pub(crate) const MIN_BASE64_RUN: usize = 24;

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
const STANDARD: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::STANDARD, LENIENT);
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::URL_SAFE, LENIENT);

/// Bytes of either base64 alphabet, plus padding.
const BASE64_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut c: u8 = 0;
    loop {
        table[c as usize] =
            c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=' | b'-' | b'_');
        if c == u8::MAX {
            break;
        }
        c += 1;
    }
    table
};

fn is_base64_byte(b: u8) -> bool {
    BASE64_BYTES[usize::from(b)]
}

/// Is decoded content text (worth rescanning)?
fn is_texty(decoded: &[u8]) -> bool {
    if decoded.len() < 12 {
        return false;
    }
    let printable = decoded
        .iter()
        .filter(|&&b| (0x20..0x7f).contains(&b) || matches!(b, b'\n' | b'\r' | b'\t'))
        .count();
    printable * 100 >= decoded.len() * 95
}

/// Run the decoding layer over `window`, adding candidates for secrets found inside.
pub(crate) fn pass(
    engine: &Engine,
    window: Window<'_>,
    known: &[std::ops::Range<usize>],
    zones: Option<&[std::ops::Range<usize>]>,
    out: &mut Scan,
) {
    // Secrets already found cut runs into pieces: the redacted text has markers there,
    // so decoding must not depend on what a secret's bytes were.
    let mut plain: Vec<std::ops::Range<usize>> = out
        .candidates
        .iter()
        .filter(|c| c.class == crate::secrets::kind::Class::Secret && c.encoding.is_none())
        .map(|c| c.span.clone())
        .chain(known.iter().cloned())
        .collect();
    plain.sort_unstable_by_key(|r| r.start);
    let mut found = Vec::new();
    base64_runs(window.bytes, |run| {
        if zones.is_some_and(|z| !in_zones(z, run.start)) {
            return;
        }
        let mut at = run.start;
        for s in plain
            .iter()
            .filter(|s| s.start < run.end && run.start < s.end)
        {
            if s.start > at {
                decode_base64_run(engine, window.bytes, at..s.start, run.start, &mut found);
            }
            at = at.max(s.end);
        }
        if at < run.end {
            decode_base64_run(engine, window.bytes, at..run.end, run.start, &mut found);
        }
    });
    if zones.is_none() {
        // Percent runs are split by nothing: a secret inside one is redacted to a marker
        // that the next pass cannot decode into anything.
        percent_runs(engine, window.bytes, &mut found);
    }
    out.candidates.extend(found);
}

/// Call `f` for every maximal run of base64 bytes of length `MIN_BASE64_RUN` or more.
/// Strided: a run that long must cover a multiple of the stride, so only those bytes are
/// probed before expanding.
fn base64_runs(bytes: &[u8], mut f: impl FnMut(std::ops::Range<usize>)) {
    let stride = MIN_BASE64_RUN;
    let mut i = stride - 1;
    let mut covered = 0;
    while i < bytes.len() {
        if !is_base64_byte(bytes[i]) {
            i += stride;
            continue;
        }
        let mut start = i;
        while start > covered && is_base64_byte(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = i + 1;
        while end < bytes.len() && is_base64_byte(bytes[end]) {
            end += 1;
        }
        if end - start >= MIN_BASE64_RUN {
            f(start..end);
        }
        covered = end;
        i = end + stride;
    }
}

/// Decode one run (split at inner `=`, which joins `key=value`) and rescan the pieces.
fn decode_base64_run(
    engine: &Engine,
    bytes: &[u8],
    run: std::ops::Range<usize>,
    origin: usize,
    found: &mut Vec<Candidate>,
) {
    let text = &bytes[run.clone()];
    if text.len() > MAX_DECODE_RUN || skip_run(bytes, run.start) {
        return;
    }
    let mut piece_start = 0;
    let mut i = 0;
    while i <= text.len() {
        let at_split =
            i == text.len() || (text[i] == b'=' && text.get(i + 1).is_some_and(|&b| b != b'='));
        if at_split {
            let mut end = i;
            if i < text.len() {
                end += 1; // keep this '=' as padding of the piece
            }
            let piece = run.start + piece_start..run.start + end;
            if piece.len() >= MIN_BASE64_RUN {
                decode_piece(engine, bytes, piece, origin, found);
            }
            piece_start = i + 1;
        }
        i += 1;
    }
}

/// Runs that are base64 by design and never hold secrets, or are our own markers.
fn skip_run(bytes: &[u8], start: usize) -> bool {
    let before = &bytes[start.saturating_sub(80)..start];
    let run = &bytes[start..];
    if ["sha1-", "sha256-", "sha384-", "sha512-"]
        .iter()
        .any(|p| run.starts_with(p.as_bytes()))
    {
        return true;
    }
    if before.ends_with(b"[REDACTED:") {
        return true;
    }
    if before.ends_with(b";base64,")
        && let Some(at) = memchr::memmem::rfind(before, b"data:")
    {
        let media = &before[at + 5..];
        return [
            "image/",
            "font/",
            "audio/",
            "video/",
            "application/font",
            "application/x-font",
        ]
        .iter()
        .any(|m| media.starts_with(m.as_bytes()));
    }
    false
}

fn decode_piece(
    engine: &Engine,
    bytes: &[u8],
    piece: std::ops::Range<usize>,
    origin: usize,
    found: &mut Vec<Candidate>,
) {
    let text = &bytes[piece.clone()];
    if text.iter().all(u8::is_ascii_hexdigit) {
        return;
    }
    let url = text.iter().any(|&b| b == b'-' || b == b'_');
    let standard = text.iter().any(|&b| b == b'+' || b == b'/');
    if url && standard {
        return;
    }
    let trimmed_len = text.iter().rposition(|&b| b != b'=').map_or(0, |p| p + 1);
    if trimmed_len % 4 == 1 {
        return;
    }
    let engine_b64 = if url { &URL_SAFE } else { &STANDARD };
    let Ok(decoded) = engine_b64.decode(&text[..trimmed_len]) else {
        return;
    };
    if !is_texty(&decoded) {
        return;
    }
    for inner in engine.scan_decoded(&decoded) {
        // Decoded bytes [s, e) come from encoded characters [4*(s/3), 4*ceil(e/3)).
        let start = piece.start + inner.span.start / 3 * 4;
        let end = (piece.start + inner.span.end.div_ceil(3) * 4).min(piece.start + trimmed_len);
        found.push(Candidate {
            span: start..end,
            origin,
            encoding: Some(Encoding::Base64),
            preview: format!("{} [base64]", inner.preview),
            ..inner
        });
    }
}

/// Find percent-encoded runs (`%XX`), decode and rescan them.
fn percent_runs(engine: &Engine, bytes: &[u8], found: &mut Vec<Candidate>) {
    let mut done_until = 0;
    for pct in memchr::memchr_iter(b'%', bytes) {
        if pct < done_until {
            continue;
        }
        let hex = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_hexdigit);
        if !(hex(pct + 1) && hex(pct + 2)) {
            continue;
        }
        let is_run =
            |b: u8| b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b'<' | b'>' | b'`');
        let mut start = pct;
        while start > 0 && is_run(bytes[start - 1]) && pct - start < MAX_DECODE_RUN {
            start -= 1;
        }
        let mut end = pct;
        while end < bytes.len() && is_run(bytes[end]) && end - start < MAX_DECODE_RUN {
            end += 1;
        }
        done_until = end;
        if end - start >= MAX_DECODE_RUN {
            continue;
        }
        decode_percent(engine, bytes, start..end, found);
    }
}

fn decode_percent(
    engine: &Engine,
    bytes: &[u8],
    run: std::ops::Range<usize>,
    found: &mut Vec<Candidate>,
) {
    let text = &bytes[run.clone()];
    let mut decoded = Vec::with_capacity(text.len());
    // origin[i] = offset in `text` of the encoded form of decoded byte i.
    let mut origin = Vec::with_capacity(text.len() + 1);
    let mut i = 0;
    while i < text.len() {
        let value = |c: u8| {
            char::from(c)
                .to_digit(16)
                .and_then(|d| u8::try_from(d).ok())
        };
        if text[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                text.get(i + 1).copied().and_then(value),
                text.get(i + 2).copied().and_then(value),
            )
        {
            decoded.push(hi * 16 + lo);
            origin.push(i);
            i += 3;
            continue;
        }
        decoded.push(text[i]);
        origin.push(i);
        i += 1;
    }
    origin.push(text.len());
    if decoded.len() == text.len() || !is_texty(&decoded) {
        return;
    }
    for inner in engine.scan_decoded(&decoded) {
        let start = origin[inner.span.start];
        let end = origin[inner.span.end];
        if !text[start..end].contains(&b'%') {
            continue; // visible as plain text: the plain scan reports it
        }
        found.push(Candidate {
            span: run.start + start..run.start + end,
            origin: run.start,
            encoding: Some(Encoding::Percent),
            preview: format!("{} [url-encoded]", inner.preview),
            ..inner
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_found_by_stride() {
        let text = b"short words only here, then ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef end";
        let mut runs = Vec::new();
        base64_runs(text, |r| runs.push(r));
        assert_eq!(runs.len(), 1);
        assert_eq!(&text[runs[0].clone()], b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef");
    }

    #[test]
    fn skips_images_and_sri() {
        let t = b"data:image/png;base64,iVBORw0KGgo";
        assert!(skip_run(t, 22));
        let t = b"integrity=\"sha512-abc";
        assert!(skip_run(t, 11));
        let t = b"data:text/plain;base64,aGVsbG8";
        assert!(!skip_run(t, 23));
    }

    #[test]
    fn texty() {
        assert!(is_texty(b"hello world, plain text"));
        assert!(!is_texty(&[0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    }
}
