//! The decoding layer: base64 and percent-encoded secrets are found, with the span of the
//! encoded text and the encoding flagged.

use base64::Engine as _;
use sanctum_firewall::secrets::{Encoding, samples};

use crate::support::{describe, detector};

#[test]
fn base64_encoded_tokens_are_found() {
    let mut failures = Vec::new();
    for (id, sample, _) in samples(21) {
        let kind = detector().kind(id).expect("kind");
        if kind.class != sanctum_firewall::secrets::Class::Secret || sample.text.len() > 6000 {
            continue;
        }
        for engine in [
            base64::engine::general_purpose::STANDARD,
            base64::engine::general_purpose::URL_SAFE_NO_PAD,
        ] {
            let encoded = engine.encode(sample.text.as_bytes());
            let text = format!("echo {encoded} | base64 -d\n");
            let findings = detector().scan_str(&text);
            let ok = findings.iter().any(|f| {
                f.encoding == Some(Encoding::Base64)
                    && f.span.start >= 5
                    && f.span.end <= 5 + encoded.len()
            });
            if !ok {
                failures.push(format!("{id}: [{}]", describe(&findings)));
            }
        }
    }
    // Kinds identified only through key names survive encoding too (the key is encoded
    // with the value); a few shapes legitimately need context outside the encoded run.
    assert!(
        failures.len() <= 4,
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn encoded_finding_keeps_fingerprint_and_redacts_encoded_span() {
    let plain = &samples(3)[0].1;
    let encoded = base64::engine::general_purpose::STANDARD.encode(plain.text.as_bytes());
    let text = format!("data: {encoded}\n");
    let findings = detector().scan_str(&text);
    let direct = detector().scan_str(&plain.text);
    let f = findings
        .iter()
        .find(|f| f.encoding.is_some())
        .expect("encoded finding");
    assert_eq!(f.fingerprint, direct[0].fingerprint);
    let redacted = detector().redact(&text);
    assert!(redacted.contains("[REDACTED:"));
    assert!(!redacted.contains(&encoded));
}

#[test]
fn percent_encoded_secret_is_found() {
    let password_url = "postgres://app:S3cr%21t-Pa55w0rd%23x@db.internal.invalid/app";
    let encoded: String = password_url
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let text = format!("https://ci.invalid/redirect?to={encoded}&x=1");
    let findings = detector().scan_str(&text);
    assert!(
        findings
            .iter()
            .any(|f| f.encoding == Some(Encoding::Percent) && f.kind == "postgres_connection_url"),
        "[{}]",
        describe(&findings)
    );
}

#[test]
fn decoding_is_bounded() {
    // A huge base64 run is not decoded (and does not blow up).
    let big = base64::engine::general_purpose::STANDARD.encode(vec![b'a'; 100_000]);
    assert!(detector().scan_str(&big).is_empty());
}
