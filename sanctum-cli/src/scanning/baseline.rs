//! `--baseline FILE`: findings a team reviewed and accepted, stored by fingerprint so that
//! only new ones are reported.
//!
//! The file is JSON, meant to be committed: a version, then one entry per accepted finding
//! with its fingerprint (what is matched) and, for reviewers, its kind, file and line at
//! the time it was accepted. Fingerprints do not depend on the location, so moving code does
//! not resurface a finding. Written atomically; entries are sorted so diffs stay small.

use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::Path;

use sanctum_firewall::secrets::Fingerprint;
use serde::{Deserialize, Serialize};

use super::Located;
use crate::error::CliError;

/// The format revision this CLI writes and reads.
pub const VERSION: u32 = 1;

/// The on-disk form.
#[derive(Debug, Serialize, Deserialize)]
struct File {
    version: u32,
    #[serde(default)]
    findings: Vec<Entry>,
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Entry {
    fingerprint: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    file: String,
    #[serde(default)]
    line: usize,
}

/// Reads the fingerprints of a baseline file; `Ok(None)` when it does not exist.
///
/// # Errors
/// [`CliError::Usage`] for a file that is not a baseline (with the reason), or an I/O error.
pub fn read(path: &Path) -> Result<Option<HashSet<Fingerprint>>, CliError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(CliError::Usage(format!(
                "cannot read the baseline {}: {error}",
                path.display()
            )));
        }
    };
    let invalid = |reason: String| {
        CliError::Usage(format!(
            "{} is not a sanctum baseline: {reason}",
            path.display()
        ))
    };
    let file: File = serde_json::from_slice(&bytes).map_err(|error| invalid(error.to_string()))?;
    if file.version != VERSION {
        return Err(invalid(format!(
            "format version {} (this sanctum reads version {VERSION})",
            file.version
        )));
    }
    file.findings
        .iter()
        .map(|entry| {
            Fingerprint::parse(&entry.fingerprint)
                .ok_or_else(|| invalid(format!("bad fingerprint `{}`", entry.fingerprint)))
        })
        .collect::<Result<HashSet<_>, _>>()
        .map(Some)
}

/// Replaces the baseline at `path` with `findings` (one entry per distinct fingerprint,
/// at its first location).
///
/// # Errors
/// When the file cannot be written.
pub fn write(path: &Path, findings: &[Located]) -> Result<usize, CliError> {
    let mut unique: BTreeMap<String, Entry> = BTreeMap::new();
    for located in findings {
        let fingerprint = located.finding.fingerprint.to_string();
        unique.entry(fingerprint.clone()).or_insert_with(|| Entry {
            fingerprint,
            kind: located.finding.kind.to_owned(),
            file: located.origin.file.clone(),
            line: located.finding.line,
        });
    }
    let mut entries: Vec<Entry> = unique.into_values().collect();
    entries.sort_by(|a, b| (&a.file, a.line, &a.kind).cmp(&(&b.file, b.line, &b.kind)));
    let count = entries.len();
    let mut text = serde_json::to_vec_pretty(&File {
        version: VERSION,
        findings: entries,
    })?;
    text.push(b'\n');
    // A baseline is project data, meant to be committed: ordinary permissions.
    sanctum_types::fs::write_atomic(path, &text, 0o644).map_err(|error| {
        CliError::Failed(format!(
            "cannot write the baseline {}: {error}",
            path.display()
        ))
    })?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use sanctum_firewall::secrets::Detector;

    use super::super::Origin;
    use super::*;

    #[test]
    fn round_trip_and_bad_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baseline.json");
        assert_eq!(read(&path).unwrap(), None);
        let text = "password = \"Sanctum-Fake-Pw-7Qz!x9Lm2Kd\"\n";
        let findings: Vec<Located> = Detector::shared()
            .unwrap()
            .scan_str(text)
            .into_iter()
            .map(|finding| Located {
                origin: Origin {
                    file: "a.env".into(),
                    commit: None,
                },
                finding,
            })
            .collect();
        assert!(!findings.is_empty());
        assert_eq!(write(&path, &findings).unwrap(), 1);
        let read_back = read(&path).unwrap().unwrap();
        assert!(read_back.contains(&findings[0].finding.fingerprint));
        let stored = std::fs::read_to_string(&path).unwrap();
        assert!(!stored.contains("Sanctum-Fake-Pw"), "{stored}");

        std::fs::write(&path, "{\"version\": 9}").unwrap();
        assert!(read(&path).unwrap_err().to_string().contains("version 9"));
        std::fs::write(&path, "not json").unwrap();
        assert!(
            read(&path)
                .unwrap_err()
                .to_string()
                .contains("not a sanctum baseline")
        );
    }
}
