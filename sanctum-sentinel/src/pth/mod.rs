//! `.pth` files: what every supported `CPython` (3.8–3.14) executes or adds to `sys.path`.
//!
//! [`analyze`] reads the bytes the way each version does ([`lines`]), takes the union of
//! what *some* version executes, and judges each executed line as Python. A file that is not
//! UTF-8 is itself critical: every version raises `UnicodeDecodeError` while processing it
//! and the interpreter does not start (verified on 3.8–3.13 under a UTF-8 locale). Work is
//! bounded: at most [`MAX_PTH_BYTES`] are read and at most [`MAX_PARSED_TOTAL_BYTES`] of
//! executed code is parsed per file; the rest is judged from tokens.

pub mod lines;

use std::collections::HashMap;
use std::path::Path;

use crate::python::{self, Findings};
use crate::report::{LineReport, LineRole, Report, StartupFileKind, excerpt};
use crate::verdict::{PythonVersions, Reason, ReasonCode, push_unique, worst};
use lines::{LineModel, Role};

/// Largest `.pth` content analysed; a larger file is critical by itself (nothing legitimate
/// comes close, and what lies beyond the limit would go unseen).
pub const MAX_PTH_BYTES: usize = 1024 * 1024;
/// Executed code parsed per file; lines beyond this budget are judged from tokens.
pub const MAX_PARSED_TOTAL_BYTES: usize = 64 * 1024;

/// Judges `.pth` content on its own (no site directory to look into).
#[must_use]
pub fn analyze(content: &[u8]) -> Report {
    analyze_in(content, None)
}

/// Judges `.pth` content that lives in `site_dir`, so that an import of a recognised shim
/// module that is not present there is reported ([`ReasonCode::MissingSibling`]).
#[must_use]
pub fn analyze_in(content: &[u8], site_dir: Option<&Path>) -> Report {
    let mut file_reasons = Vec::new();
    let judged = if content.len() > MAX_PTH_BYTES {
        file_reasons.push(Reason::new(
            ReasonCode::FileTooLarge,
            format!(
                "{} bytes; only the first {MAX_PTH_BYTES} were analysed and nothing legitimate is this large",
                content.len()
            ),
        ));
        &content[..MAX_PTH_BYTES]
    } else {
        content
    };
    let text = match std::str::from_utf8(judged) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(error) if error.error_len().is_none() && judged.len() < content.len() => {
            // The cut fell inside a character: judge up to the last whole one.
            std::borrow::Cow::Borrowed(
                std::str::from_utf8(&judged[..error.valid_up_to()]).unwrap_or(""),
            )
        }
        Err(error) => {
            file_reasons.push(Reason::new(
                ReasonCode::InvalidUtf8,
                format!(
                    "not valid UTF-8 (byte {}): Python 3.8\u{2013}3.14 stop with UnicodeDecodeError and do not start",
                    error.valid_up_to()
                ),
            ));
            String::from_utf8_lossy(judged)
        }
    };

    let mut merged: Vec<(usize, usize, String, Role, PythonVersions)> = Vec::new();
    let mut index: HashMap<(usize, String, Role), usize> = HashMap::new();
    for model in LineModel::ALL {
        for line in lines::lines(model, &text) {
            let key = (line.offset, line.text.to_owned(), line.role);
            if let Some(&at) = index.get(&key) {
                merged[at].4 = merged[at].4.union(model.versions());
            } else {
                index.insert(key, merged.len());
                merged.push((
                    line.number,
                    line.offset,
                    line.text.to_owned(),
                    line.role,
                    model.versions(),
                ));
            }
        }
    }
    merged.sort_by_key(|line| (line.1, line.3));

    let mut cache: HashMap<String, Vec<Reason>> = HashMap::new();
    let mut parsed_bytes = 0usize;
    let mut reports = Vec::with_capacity(merged.len());
    for (number, offset, line, role, versions) in merged {
        let (role, reasons) = match role {
            Role::Executed => {
                let reasons = if let Some(known) = cache.get(&line) {
                    known.clone()
                } else {
                    let reasons = judge_executed(&line, site_dir, &mut parsed_bytes);
                    cache.insert(line.clone(), reasons.clone());
                    reasons
                };
                (LineRole::Executed, reasons)
            }
            Role::Path => (LineRole::Path, judge_path(&line)),
        };
        reports.push(LineReport {
            line: number,
            offset,
            role,
            versions,
            text: excerpt(&line),
            verdict: worst(&reasons),
            reasons,
        });
    }
    Report::new(StartupFileKind::Pth, content, file_reasons, reports)
}

fn judge_executed(line: &str, site_dir: Option<&Path>, parsed_bytes: &mut usize) -> Vec<Reason> {
    let findings = if *parsed_bytes + line.len() > MAX_PARSED_TOTAL_BYTES {
        python::analyze_tokens_only(
            line,
            format!(
                "beyond the {MAX_PARSED_TOTAL_BYTES}-byte parse budget of this file; only its tokens were judged"
            ),
        )
    } else {
        *parsed_bytes += line.len();
        python::analyze_snippet(line, 0)
    };
    let mut reasons = python::reasons_of(&findings);
    if let Some(site_dir) = site_dir {
        missing_siblings(&findings, site_dir, &mut reasons);
    }
    reasons
}

/// Adds a reason for every imported shim module that cannot be found in `site_dir`.
pub(crate) fn missing_siblings(findings: &Findings, site_dir: &Path, reasons: &mut Vec<Reason>) {
    for module in &findings.shim_imports {
        if !module_visible(site_dir, module) {
            push_unique(
                reasons,
                Reason::new(
                    ReasonCode::MissingSibling,
                    format!(
                        "imports `{module}`, but no such module is in {}",
                        site_dir.display()
                    ),
                ),
            );
        }
    }
}

/// Whether `module` (top-level name) can be found as a file or package in `dir`.
pub(crate) fn module_visible(dir: &Path, module: &str) -> bool {
    let top = module.split('.').next().unwrap_or(module);
    if dir.join(format!("{top}.py")).is_file() || dir.join(top).join("__init__.py").is_file() {
        return true;
    }
    let prefix = format!("{top}.");
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with(&prefix)
                && (name.ends_with(".so") || name.ends_with(".pyc") || name.ends_with(".pyd"))
        })
    })
}

fn judge_path(line: &str) -> Vec<Reason> {
    let path = line.trim_end_matches(lines::is_python_space);
    let mut reasons = Vec::new();
    if path.chars().any(|c| c.is_control() && c != '\t') {
        reasons.push(Reason::new(
            ReasonCode::UnusualPath,
            "path entry contains control characters",
        ));
    }
    let world_writable = ["/tmp/", "/var/tmp/", "/dev/shm/"];
    if world_writable
        .iter()
        .any(|dir| path.starts_with(dir) || path == dir.trim_end_matches('/'))
    {
        reasons.push(Reason::new(
            ReasonCode::UnusualPath,
            format!(
                "adds a world-writable directory to sys.path: {}",
                excerpt(path)
            ),
        ));
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::Verdict;

    #[test]
    fn a_plain_path_file_is_benign_and_hashed() {
        let report = analyze(b"/home/u/src/project/src\n# comment\n\n");
        assert_eq!(report.verdict, Verdict::Benign);
        assert_eq!(report.lines.len(), 1);
        assert_eq!(report.lines[0].role, LineRole::Path);
        assert_eq!(report.lines[0].versions, PythonVersions::range(8, 14));
        assert_eq!(report.sha256.len(), 64);
    }

    #[test]
    fn same_line_in_both_models_is_reported_once() {
        let report = analyze(b"import _virtualenv\n");
        assert_eq!(report.lines.len(), 1);
        assert_eq!(report.lines[0].versions, PythonVersions::range(8, 14));
        assert_eq!(report.verdict, Verdict::Benign);
    }

    #[test]
    fn oversized_files_are_critical_and_bounded() {
        let mut content = b"/x\n".repeat(MAX_PTH_BYTES / 3 + 10);
        content.extend_from_slice(b"import os; os.system('true')\n");
        let report = analyze(&content);
        assert_eq!(report.verdict, Verdict::Critical);
        assert_eq!(report.reasons[0].code, ReasonCode::FileTooLarge);
    }

    #[test]
    fn temp_dir_path_entries_are_suspicious() {
        assert_eq!(analyze(b"/tmp/payload\n").verdict, Verdict::Suspicious);
        assert_eq!(analyze(b"/tmpfoo/ok\n").verdict, Verdict::Benign);
    }

    #[test]
    fn missing_shim_module_is_suspicious_when_the_site_dir_is_known() {
        let dir = tempfile::tempdir().unwrap();
        let content = b"import _virtualenv\n";
        assert_eq!(
            analyze_in(content, Some(dir.path())).verdict,
            Verdict::Suspicious
        );
        std::fs::write(dir.path().join("_virtualenv.py"), "").unwrap();
        assert_eq!(
            analyze_in(content, Some(dir.path())).verdict,
            Verdict::Benign
        );
    }
}
