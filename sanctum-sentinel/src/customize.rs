//! `sitecustomize.py` and `usercustomize.py`: modules `site` imports at every start.
//!
//! The whole module runs, so it is judged with the same rules as an executed `.pth` line.
//! What counts as **benign** is deliberately narrow: an empty module, comments, a docstring,
//! `pass`, imports of the few harmless standard modules (`os`, `sys`, `warnings`, …) or of
//! recognised start-up shims, and calls of read-only helpers (`os.environ.get`,
//! `warnings.filterwarnings`). Anything else — defining functions, importing other modules,
//! calling unknown code (Debian/Ubuntu's apport hook included) — is **suspicious**: it runs
//! at every start and deserves a look, but it is not known to be hostile. The critical rules
//! are those of `.pth` lines (processes, network, decoding, dynamic lookups, …).
//!
//! Errors in these modules do not stop Python (site prints them and carries on), so
//! undecodable content is suspicious, not a denial of service. A coding cookie naming an
//! encoding other than UTF-8/ASCII/Latin-1 (e.g. `utf-7`) is critical: it is a known way to
//! hide code from reviewers.

use crate::python;
use crate::report::{LineReport, LineRole, Report, StartupFileKind, excerpt};
use crate::verdict::{PythonVersions, Reason, ReasonCode, worst};

/// Versions whose `site` imports these modules (all supported ones).
const VERSIONS: PythonVersions = PythonVersions::range(8, 14);

/// Judges the content of a `sitecustomize.py` or `usercustomize.py`.
#[must_use]
pub fn analyze(content: &[u8]) -> Report {
    let mut file_reasons = Vec::new();
    let text = match std::str::from_utf8(content) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(error) => {
            file_reasons.push(Reason::new(
                ReasonCode::Unparseable,
                format!(
                    "not valid UTF-8 (byte {}); Python reports an error and skips it",
                    error.valid_up_to()
                ),
            ));
            String::from_utf8_lossy(content)
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if let Some(encoding) = coding_cookie(text)
        && !matches!(
            encoding.to_ascii_lowercase().replace('_', "-").as_str(),
            "utf-8"
                | "utf8"
                | "ascii"
                | "us-ascii"
                | "latin-1"
                | "iso-8859-1"
                | "latin1"
                | "iso8859-1"
        )
    {
        file_reasons.push(Reason::new(
            ReasonCode::StringObfuscation,
            format!(
                "declares source encoding `{}`, which can hide code from review",
                excerpt(&encoding)
            ),
        ));
    }
    let findings = python::analyze_module(text);
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(index, _)| index + 1))
        .collect();
    let mut lines: Vec<LineReport> = Vec::new();
    for (offset, reason) in findings.reasons {
        let offset = usize::try_from(offset).unwrap_or(0).min(text.len());
        let number = starts.partition_point(|start| *start <= offset).max(1);
        let line_start = starts.get(number - 1).copied().unwrap_or(0);
        if let Some(existing) = lines.iter_mut().find(|line| line.line == number) {
            if !existing.reasons.contains(&reason) {
                existing.reasons.push(reason);
                existing.verdict = worst(&existing.reasons);
            }
            continue;
        }
        let line_text = text
            .get(line_start..)
            .and_then(|rest| rest.lines().next())
            .unwrap_or("");
        let reasons = vec![reason];
        lines.push(LineReport {
            line: number,
            offset: line_start,
            role: LineRole::Module,
            versions: VERSIONS,
            text: excerpt(line_text),
            verdict: worst(&reasons),
            reasons,
        });
    }
    lines.sort_by_key(|line| line.line);
    Report::new(StartupFileKind::Customize, content, file_reasons, lines)
}

/// The encoding named by a PEP 263 cookie on the first two lines, if any.
fn coding_cookie(text: &str) -> Option<String> {
    for line in text.lines().take(2) {
        let trimmed = line.trim_start();
        if !trimmed.starts_with('#') {
            continue;
        }
        let at = trimmed.find("coding")?;
        let rest = &trimmed[at + "coding".len()..];
        let rest = rest.strip_prefix([':', '='])?;
        let name: String = rest
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect();
        if !name.is_empty() {
            return Some(name);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::Verdict;

    #[test]
    fn empty_comments_and_plain_imports_are_benign() {
        for source in [
            "",
            "# nothing\n",
            "\"\"\"Doc.\"\"\"\nimport os\nimport sys\n",
            "import warnings\nwarnings.filterwarnings('ignore')\n",
        ] {
            assert_eq!(
                analyze(source.as_bytes()).verdict,
                Verdict::Benign,
                "{source}"
            );
        }
    }

    #[test]
    fn unknown_code_is_suspicious_and_located() {
        let report = analyze(
            b"import os\n\ntry:\n    import apport_python_hook\nexcept ImportError:\n    pass\n",
        );
        assert_eq!(report.verdict, Verdict::Suspicious);
        assert_eq!(report.lines[0].line, 4);
    }

    #[test]
    fn dangerous_code_is_critical() {
        let report = analyze(b"import subprocess\nsubprocess.Popen(['true'])\n");
        assert_eq!(report.verdict, Verdict::Critical);
        let report = analyze(b"# -*- coding: utf-7 -*-\nx = 1\n");
        assert_eq!(report.verdict, Verdict::Critical);
    }
}
