//! Line-splitting and encoding differences between `CPython` versions.

use sanctum_sentinel::{LineRole, PythonVersions, Verdict, pth};

use crate::assert_verdict;

const PAYLOAD: &str = "import os; os.system('true')";

#[test]
fn a_line_hidden_after_a_form_feed_runs_only_on_3_13_and_later() {
    let content = format!("/opt/lib\u{c}{PAYLOAD}\n");
    let report = pth::analyze(content.as_bytes());
    assert_verdict(&report, Verdict::Critical, &["process_spawn"]);
    let executed: Vec<_> = report
        .lines
        .iter()
        .filter(|l| l.role == LineRole::Executed)
        .collect();
    assert_eq!(executed.len(), 1);
    assert_eq!(executed[0].versions, PythonVersions::range(13, 14));
    assert_eq!(executed[0].line, 2);
    // For 3.8–3.12 the whole thing is one path line.
    assert!(
        report
            .lines
            .iter()
            .any(|l| l.role == LineRole::Path && l.versions == PythonVersions::range(8, 12))
    );
}

#[test]
fn other_splitlines_separators_hide_lines_from_old_pythons_too() {
    for separator in [
        '\u{b}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{85}', '\u{2028}', '\u{2029}',
    ] {
        let report = pth::analyze(format!("/opt/lib{separator}{PAYLOAD}").as_bytes());
        assert_eq!(report.verdict, Verdict::Critical, "{separator:?}");
    }
}

#[test]
fn a_bare_carriage_return_ends_a_line_for_every_version() {
    // Universal newlines (3.8–3.12) and str.splitlines (3.13+) both split at a bare CR.
    let report = pth::analyze(format!("/opt/lib\r{PAYLOAD}").as_bytes());
    let executed: Vec<_> = report
        .lines
        .iter()
        .filter(|l| l.role == LineRole::Executed)
        .collect();
    assert_eq!(executed.len(), 1);
    assert_eq!(executed[0].versions, PythonVersions::range(8, 14));
    assert_eq!(report.verdict, Verdict::Critical);
}

#[test]
fn a_bom_hides_the_first_line_from_old_pythons_only() {
    let report = pth::analyze(format!("\u{feff}{PAYLOAD}\n").as_bytes());
    let executed: Vec<_> = report
        .lines
        .iter()
        .filter(|l| l.role == LineRole::Executed)
        .collect();
    assert_eq!(executed.len(), 1);
    assert_eq!(executed[0].versions, PythonVersions::range(13, 14));
    assert_eq!(report.verdict, Verdict::Critical);
}

#[test]
fn leading_space_and_capitals_are_not_executed() {
    for line in [
        format!(" {PAYLOAD}"),
        PAYLOAD.replacen("import", "Import", 1),
        PAYLOAD.replacen("import ", "import", 1),
    ] {
        let report = pth::analyze(format!("{line}\n").as_bytes());
        assert!(
            report.lines.iter().all(|l| l.role == LineRole::Path),
            "{line}"
        );
        assert_eq!(report.verdict, Verdict::Benign, "{line}");
    }
    let tab = pth::analyze(format!("{}\n", PAYLOAD.replacen("import ", "import\t", 1)).as_bytes());
    assert_eq!(tab.verdict, Verdict::Critical);
}

#[test]
fn invalid_utf8_is_a_denial_of_service() {
    let report = pth::analyze(b"# caf\xe9\n/x\n");
    assert_verdict(&report, Verdict::Critical, &["invalid_utf8"]);
    assert_eq!(
        report.reasons[0].code,
        sanctum_sentinel::ReasonCode::InvalidUtf8
    );
}
