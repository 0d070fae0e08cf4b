//! `--sarif`: SARIF 2.1.0, the format code-scanning UIs import.
//!
//! One rule per credential kind that was found, one result per finding. Columns are counted
//! in Unicode code points, as the detector counts them (`columnKind`), and each result
//! carries the finding's fingerprint in `partialFingerprints` so UIs track it across
//! commits. Messages hold the redacted preview only.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

use sanctum_firewall::secrets::{Class, Confidence, Detector};
use serde_json::{Value, json};

use crate::error::CliError;
use crate::scanning::Located;

/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";
/// The published schema of that version.
const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Writes one SARIF log with one run to `out`.
///
/// # Errors
/// When `out` cannot be written.
pub fn write(
    out: &mut impl Write,
    findings: &[Located],
    detector: &Detector,
) -> Result<(), CliError> {
    let mut rule_index: BTreeMap<&str, usize> = BTreeMap::new();
    for located in findings {
        let next = rule_index.len();
        rule_index.entry(located.finding.kind).or_insert(next);
    }
    let mut rules: Vec<(usize, Value)> = rule_index
        .iter()
        .map(|(id, index)| {
            let kind = detector.kind(id);
            let name = kind.map_or(*id, |k| k.name);
            let format = kind.map_or("", |k| k.format);
            (
                *index,
                json!({
                    "id": id,
                    "name": name,
                    "shortDescription": { "text": name },
                    "fullDescription": { "text": format!("{name}. Format: {format}") },
                    "help": { "text": "Revoke and rotate the credential, then remove it from the file and its history. If it is a test value, mark it with a `sanctum:allow` comment or add it to a baseline." },
                    "properties": { "tags": ["security", "secret"] },
                }),
            )
        })
        .collect();
    rules.sort_by_key(|(index, _)| *index);
    let rules: Vec<Value> = rules.into_iter().map(|(_, rule)| rule).collect();

    let results: Vec<Value> = findings
        .iter()
        .map(|located| {
            let finding = &located.finding;
            let mut result = json!({
                "ruleId": finding.kind,
                "ruleIndex": rule_index.get(finding.kind).copied().unwrap_or(0),
                "level": level(finding.class, finding.confidence),
                "message": { "text": format!("{} found: {}", finding.name, finding.preview) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&located.origin.file) },
                        "region": { "startLine": finding.line, "startColumn": finding.column },
                    }
                }],
                "partialFingerprints": { "sanctumFingerprint/v1": finding.fingerprint.to_string() },
            });
            if let (Some(commit), Some(object)) = (&located.origin.commit, result.as_object_mut()) {
                object.insert("properties".into(), json!({ "commit": commit }));
            }
            result
        })
        .collect();

    let log = json!({
        "version": SARIF_VERSION,
        "$schema": SARIF_SCHEMA,
        "runs": [{
            "tool": { "driver": {
                "name": "sanctum",
                "version": sanctum_types::version::VERSION,
                "semanticVersion": sanctum_types::version::VERSION,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

fn level(class: Class, confidence: Confidence) -> &'static str {
    match (class, confidence) {
        (Class::Secret, Confidence::High | Confidence::Medium) => "error",
        (Class::Secret, Confidence::Low) => "warning",
        (Class::Public | Class::Placeholder, _) => "note",
    }
}

/// A relative path as a URI reference: unreserved characters and `/` as they are,
/// everything else percent-encoded (spaces, `#`, `%`, non-ASCII).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("src/a b#1%.py"), "src/a%20b%231%25.py");
        assert_eq!(uri("d/\u{e9}.txt"), "d/%C3%A9.txt");
    }
}
