//! Redaction: markers, idempotence, overlapping findings, bytes, streams.

use sanctum_firewall::secrets::{Class, Detector, line_col, samples};

use crate::support::detector;

#[test]
fn redacts_every_sample_and_keeps_the_rest() {
    for (id, sample, _) in samples(31) {
        let kind = detector().kind(id).expect("kind");
        let text = format!("before\n{}\nafter", sample.text);
        let redacted = detector().redact(&text);
        if kind.class == Class::Secret {
            assert!(!redacted.contains(&sample.secret), "{id} not redacted");
            assert!(redacted.contains("[REDACTED:"), "{id}: no marker");
        }
        assert!(redacted.starts_with("before\n") && redacted.ends_with("\nafter"));
        assert_eq!(
            detector().redact(&redacted),
            redacted,
            "{id}: not idempotent"
        );
    }
}

#[test]
fn marker_names_the_kind() {
    let sample = &samples(1)[0].1;
    let redacted = detector().redact(&format!("token: {}", sample.text));
    assert_eq!(redacted, "token: [REDACTED:github_pat_classic]");
}

#[test]
fn bytes_variant_handles_invalid_utf8() {
    let sample = &samples(2)[0].1;
    let mut input = b"\xff\xfe junk ".to_vec();
    input.extend_from_slice(sample.text.as_bytes());
    input.extend_from_slice(b" \xc3");
    let out = detector().redact_bytes(&input);
    assert!(out.starts_with(b"\xff\xfe junk [REDACTED:"));
    assert!(out.ends_with(b" \xc3"));
}

#[test]
fn stream_matches_whole_for_a_split_secret() {
    let sample = &samples(4)[0].1;
    let text = format!("line one\nexport GH={}\nline three\n", sample.text);
    let whole = detector().redact_bytes(text.as_bytes());
    for split in 1..text.len() {
        let mut stream = detector().stream();
        let mut out = stream.push(&text.as_bytes()[..split]);
        out.extend(stream.push(&text.as_bytes()[split..]));
        out.extend(stream.finish());
        assert_eq!(out, whole, "split at {split}");
    }
}

#[test]
fn stream_emits_early_when_safe() {
    let mut stream = detector().stream();
    let out = stream.push(b"plain prose with no secrets at all.\nnext ");
    assert!(out.starts_with(b"plain prose"), "held everything back");
    assert!(stream.held() <= 5);
}

#[test]
fn line_and_column_are_reported() {
    let sample = &samples(5)[0].1;
    let text = format!("a\nbé {}", sample.text);
    let findings = detector().scan_str(&text);
    assert_eq!((findings[0].line, findings[0].column), (2, 4));
    assert_eq!(line_col(text.as_bytes(), findings[0].span.start), (2, 4));
}

#[test]
fn detector_builds_quickly_and_is_shared() {
    let started = std::time::Instant::now();
    let built = Detector::new();
    assert!(built.is_ok());
    // Generous bound for debug builds on a loaded CI machine; release is ~5 ms.
    assert!(started.elapsed().as_millis() < 2000);
    assert!(std::ptr::eq(
        Detector::shared().unwrap(),
        Detector::shared().unwrap()
    ));
}
