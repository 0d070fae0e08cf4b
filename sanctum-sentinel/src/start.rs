//! PEP 829 `*.start` files (accepted for Python 3.15): entry points called at start.
//!
//! Our reading of the PEP: a `<name>.start` file sits beside `.pth` files in a site
//! directory; it is UTF-8 (a BOM is allowed); blank lines and lines starting with `#` are
//! skipped; every other line is an entry point in the strict colon form `pkg.mod:callable`
//! (the callable may be dotted), resolved with `pkgutil.resolve_name()` and called with no
//! arguments after all `.pth` path entries are applied. Invalid entries are skipped
//! silently, and so is a file that cannot be read, so nothing here can stop Python from
//! starting. A matching `.start` file also disables the `import` lines of `<name>.pth` on
//! 3.15+, which does not matter here: older versions still run them, and `.pth` analysis
//! judges them regardless.
//!
//! An entry point runs the module's import-time code and one call, so it is judged like an
//! `import` line: recognised start-up shims are benign, dangerous modules or callables
//! (`os:system`, `subprocess:run`, `runpy:run_path`, `builtins:exec`) are critical, and
//! everything else is suspicious (the module's code is not visible here).

use crate::python::rules::{self, Class};
use crate::python::templates::{is_dotted_name, is_identifier};
use crate::report::{LineReport, LineRole, Report, StartupFileKind, excerpt};
use crate::verdict::{PythonVersions, Reason, ReasonCode, worst};

/// The versions that process `.start` files.
pub const START_VERSIONS: PythonVersions = PythonVersions::range(15, 15);

/// Judges the content of a `*.start` file.
#[must_use]
pub fn analyze(content: &[u8]) -> Report {
    let mut file_reasons = Vec::new();
    let text = match std::str::from_utf8(content) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(error) => {
            file_reasons.push(Reason::new(
                ReasonCode::Unparseable,
                format!(
                    "not valid UTF-8 (byte {}); Python skips the file",
                    error.valid_up_to()
                ),
            ));
            String::from_utf8_lossy(content)
        }
    };
    let (body, base) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, 3),
        None => (&*text, 0),
    };
    let mut lines = Vec::new();
    let mut offset = 0;
    for (index, raw) in body.split_inclusive(['\n', '\r']).enumerate() {
        let line_offset = base + offset;
        offset += raw.len();
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (role, reasons) = match parse_entry_point(line) {
            Some((module, callable)) => (LineRole::EntryPoint, judge(module, callable)),
            None => (
                LineRole::Ignored,
                vec![Reason::new(
                    ReasonCode::Ignored,
                    "not a `pkg.mod:callable` entry point; Python skips it",
                )],
            ),
        };
        lines.push(LineReport {
            line: index + 1,
            offset: line_offset,
            role,
            versions: START_VERSIONS,
            text: excerpt(line),
            verdict: worst(&reasons),
            reasons,
        });
    }
    Report::new(StartupFileKind::Start, content, file_reasons, lines)
}

/// `(module, callable)` of a strict `pkg.mod:callable` entry point.
fn parse_entry_point(line: &str) -> Option<(&str, &str)> {
    let (module, callable) = line.split_once(':')?;
    (is_dotted_name(module) && is_dotted_name(callable) && callable.split('.').all(is_identifier))
        .then_some((module, callable))
}

fn judge(module: &str, callable: &str) -> Vec<Reason> {
    let top = module.split('.').next().unwrap_or(module);
    if let Some(what) = rules::shim_module(top) {
        return vec![Reason::new(
            ReasonCode::RecognisedPattern,
            format!("`{module}:{callable}`: {what}"),
        )];
    }
    let mut reasons = Vec::new();
    if let Class::Flag(code, why) = rules::classify_module(module) {
        reasons.push(Reason::new(code, format!("`{module}` {why}")));
    }
    let qualified = format!("{module}.{callable}");
    if let Class::Flag(code, why) = rules::classify_reference(&qualified) {
        let reason = Reason::new(code, format!("`{module}:{callable}` {why}"));
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
    if reasons.is_empty() {
        reasons.push(Reason::new(
            ReasonCode::UnrecognisedEntryPoint,
            format!("calls `{module}:{callable}` at every start; its code is not visible here"),
        ));
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::Verdict;

    #[test]
    fn shims_are_benign_unknown_suspicious_dangerous_critical() {
        assert_eq!(
            analyze("\u{feff}_editable_skbc_demo:entrypoint".as_bytes()).verdict,
            Verdict::Benign
        );
        assert_eq!(
            analyze(b"mytool.startup:main\n").verdict,
            Verdict::Suspicious
        );
        assert_eq!(analyze(b"os:system\n").verdict, Verdict::Critical);
        assert_eq!(analyze(b"runpy:run_path\n").verdict, Verdict::Critical);
    }

    #[test]
    fn invalid_entries_are_ignored_not_run() {
        let report = analyze(b"# c\n\nimport os; os.system('x')\nno_colon\n");
        assert_eq!(report.verdict, Verdict::Benign);
        assert!(report.lines.iter().all(|l| l.role == LineRole::Ignored));
    }
}
