//! Integration tests of sanctum-sentinel: one binary (link time on 2 cores).
#![expect(
    clippy::unwrap_used,
    clippy::missing_panics_doc,
    clippy::must_use_candidate,
    clippy::too_many_lines,
    reason = "test helpers and table tests: a panic is the failure report, tables are long"
)]

mod corpus;
mod discover;
mod malicious;
mod never_panics;
mod pth_lines;
mod quarantine;
mod versions;

use sanctum_sentinel::{Report, Verdict};

/// Every reason code of a report, as snake-case names (readable in assertion failures).
pub fn codes(report: &Report) -> Vec<String> {
    report
        .all_reasons()
        .into_iter()
        .map(|reason| {
            serde_json::to_value(reason.code)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

/// Asserts the verdict and that every `expected` code is among the reasons.
#[track_caller]
pub fn assert_verdict(report: &Report, verdict: Verdict, expected: &[&str]) {
    let codes = codes(report);
    assert_eq!(
        report.verdict,
        verdict,
        "reasons: {:#?}",
        report.all_reasons()
    );
    for code in expected {
        assert!(
            codes.iter().any(|c| c == code),
            "missing {code} in {codes:?}"
        );
    }
}
