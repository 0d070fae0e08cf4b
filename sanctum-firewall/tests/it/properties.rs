//! Property tests: redaction never leaks, is idempotent, streaming equals whole-input
//! redaction for any chunking, spans sit on character boundaries, arbitrary bytes never
//! panic.

use proptest::prelude::*;
use sanctum_firewall::secrets::{Class, samples};

use crate::support::detector;

/// Pieces that make inputs interesting: fake secrets of every kind, near misses, and
/// separators that create or break context.
fn pieces() -> Vec<String> {
    let mut out = Vec::new();
    for (_, sample, miss) in samples(77) {
        out.push(sample.text);
        out.push(miss);
    }
    for sep in [
        " ",
        "\n",
        "=",
        ": ",
        "\"",
        "'",
        "token=",
        "password: ",
        "Bearer ",
        "://",
        "@",
        "é",
        "漢字",
        "\t",
        ",",
        "base64 ",
        "%2F",
        "-----BEGIN ",
        "api_key = \"",
        "\\n",
        "[REDACTED:x]",
    ] {
        out.push(sep.to_owned());
    }
    out
}

fn input() -> impl Strategy<Value = String> {
    let pieces = pieces();
    prop::collection::vec(0..pieces.len(), 0..12)
        .prop_map(move |ids| ids.iter().map(|&i| pieces[i].as_str()).collect::<String>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn redaction_never_contains_a_secret_and_is_idempotent(text in input()) {
        let d = detector();
        let once = d.redact(&text);
        let twice = d.redact(&once);
        prop_assert_eq!(&once, &twice);
        for f in d.scan_str(&once) {
            prop_assert!(f.class != Class::Secret, "secret left after redaction: {}", f.kind);
        }
        for f in d.scan_str(&text).into_iter().filter(|f| f.class == Class::Secret) {
            let secret = &text[f.span.clone()];
            // (A value seen once; the same string elsewhere in a non-secret context may stay.)
            if secret.len() >= 8 && text.matches(secret).count() == 1 {
                prop_assert!(!once.contains(secret), "{} survived", f.kind);
            }
        }
    }

    #[test]
    fn spans_are_on_char_boundaries(text in input()) {
        for f in detector().scan_str(&text) {
            prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            prop_assert!(f.span.start < f.span.end && f.span.end <= text.len());
        }
    }

    #[test]
    fn streaming_equals_whole_for_any_chunking(
        text in input(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..8),
    ) {
        let d = detector();
        let bytes = text.as_bytes();
        let whole = d.redact_bytes(bytes);
        let mut points: Vec<usize> = cuts.iter().map(|c| c.index(bytes.len() + 1)).collect();
        points.sort_unstable();
        let mut stream = d.stream();
        let mut out = Vec::new();
        let mut at = 0;
        for p in points {
            out.extend(stream.push(&bytes[at..p]));
            at = p;
        }
        out.extend(stream.push(&bytes[at..]));
        out.extend(stream.finish());
        prop_assert_eq!(out, whole);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let d = detector();
        let findings = d.scan(&bytes);
        for f in &findings {
            prop_assert!(f.span.end <= bytes.len());
        }
        let redacted = d.redact_bytes(&bytes);
        prop_assert_eq!(d.redact_bytes(&redacted), redacted.clone());
        let mut stream = d.stream();
        let mut out = Vec::new();
        for chunk in bytes.chunks(7) {
            out.extend(stream.push(chunk));
        }
        out.extend(stream.finish());
        prop_assert_eq!(out, redacted);
    }

    #[test]
    fn byte_at_a_time_streaming(text in input()) {
        let d = detector();
        let whole = d.redact_bytes(text.as_bytes());
        let mut stream = d.stream();
        let mut out = Vec::new();
        for b in text.as_bytes() {
            out.extend(stream.push(std::slice::from_ref(b)));
        }
        out.extend(stream.finish());
        prop_assert_eq!(out, whole);
    }
}
