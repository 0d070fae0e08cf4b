//! Fuzz the credential detector with arbitrary bytes: scanning, redaction and streaming
//! redaction must never panic and must keep their invariants.
//!
//! Run on stable: `cargo fuzz run -s none detect` (from `sanctum-firewall/`), or with
//! sanitizers: `cargo +nightly fuzz run detect`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sanctum_firewall::secrets::{Class, Detector};

fuzz_target!(|data: &[u8]| {
    let Ok(detector) = Detector::shared() else {
        return;
    };
    // Spans are in bounds, non-empty, ordered, and on character boundaries of valid text.
    let findings = detector.scan(data);
    let text = std::str::from_utf8(data).ok();
    for f in &findings {
        assert!(f.span.start < f.span.end && f.span.end <= data.len());
        assert!(f.line >= 1 && f.column >= 1);
        if let Some(text) = text {
            assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        }
    }
    // Redaction is idempotent and leaves no secret behind.
    let redacted = detector.redact_bytes(data);
    assert_eq!(detector.redact_bytes(&redacted), redacted);
    assert!(detector.scan(&redacted).iter().all(|f| f.class != Class::Secret));
    // Streaming in uneven chunks equals whole-input redaction.
    let chunk = 1 + usize::from(data.first().copied().unwrap_or(0) % 17);
    let mut stream = detector.stream();
    let mut out = Vec::new();
    for piece in data.chunks(chunk) {
        out.extend(stream.push(piece));
    }
    out.extend(stream.finish());
    assert_eq!(out, redacted);
});
