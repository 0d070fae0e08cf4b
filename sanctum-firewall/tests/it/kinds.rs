//! Per-kind table tests: every kind's generated sample is found as that kind with the
//! secret's exact span, and its near miss is not reported as a secret of that kind.

use sanctum_firewall::secrets::{Class, samples};

use crate::support::{describe, detector};

#[test]
fn at_least_eighty_kinds_with_unique_ids() {
    let kinds: Vec<_> = detector().kinds().collect();
    assert!(kinds.len() >= 80, "only {} kinds", kinds.len());
    let mut ids: Vec<_> = kinds.iter().map(|k| k.id).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(before, ids.len(), "duplicate kind ids");
    for k in kinds {
        assert!(
            k.id.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{} is not snake_case",
            k.id
        );
        assert!(!k.name.is_empty() && !k.provider.is_empty() && !k.format.is_empty());
    }
}

#[test]
fn every_sample_is_found_as_its_kind() {
    let mut failures = Vec::new();
    for seed in [1u64, 2, 3] {
        for (id, sample, _) in samples(seed) {
            let kind = detector().kind(id).expect("kind exists");
            let findings = detector().scan_str(&sample.text);
            let start = sample
                .text
                .find(&sample.secret)
                .expect("secret inside text");
            let span = start..start + sample.secret.len();
            let hit = findings
                .iter()
                .any(|f| f.kind == id && f.span == span && f.class == kind.class);
            if !hit {
                failures.push(format!(
                    "{id} (seed {seed}): expected {span:?}, got [{}]",
                    describe(&findings)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_near_miss_is_not_that_kind() {
    let mut failures = Vec::new();
    for seed in [1u64, 2, 3] {
        for (id, _, miss) in samples(seed) {
            assert!(!miss.is_empty(), "{id} has no near miss");
            let findings = detector().scan_str(&miss);
            if findings
                .iter()
                .any(|f| f.kind == id && f.class == Class::Secret)
            {
                failures.push(format!("{id} (seed {seed}): [{}]", describe(&findings)));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn samples_survive_surrounding_text() {
    let mut failures = Vec::new();
    for (id, sample, _) in samples(11) {
        let text = format!("first line\n  before {} after\nlast line", sample.text);
        let findings = detector().scan_str(&text);
        if !findings.iter().any(|f| f.kind == id) {
            failures.push(format!("{id}: [{}]", describe(&findings)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn findings_never_print_the_secret() {
    for (id, sample, _) in samples(5) {
        for f in detector().scan_str(&sample.text) {
            let shown = format!("{f} {f:?} {}", serde_json_like(&f.preview));
            let probe = &sample.secret[sample.secret.len().saturating_sub(12)..];
            assert!(
                !shown.contains(probe),
                "{id}: finding output reveals the secret"
            );
        }
    }
}

fn serde_json_like(s: &str) -> String {
    format!("{s:?}")
}

/// Prints the kind table (`cargo test -p sanctum-firewall --test it list_kinds -- --nocapture`).
#[test]
fn list_kinds() {
    let kinds: Vec<_> = detector().kinds().collect();
    for k in &kinds {
        println!(
            "{:<36} {:<10?} {:<22} {}",
            k.id, k.class, k.provider, k.format
        );
    }
    println!("{} kinds", kinds.len());
}
