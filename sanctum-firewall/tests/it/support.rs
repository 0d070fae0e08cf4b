//! Shared helpers for the integration tests.

use sanctum_firewall::secrets::{Class, Detector, Finding};

/// The shared detector.
#[expect(
    clippy::expect_used,
    reason = "test helper: a detector that fails to build must fail the test"
)]
pub fn detector() -> &'static Detector {
    Detector::shared().expect("built-in patterns compile")
}

/// Secret-class findings in `text`.
pub fn secrets(text: &str) -> Vec<Finding> {
    detector()
        .scan_str(text)
        .into_iter()
        .filter(|f| f.class == Class::Secret)
        .collect()
}

/// Render findings for assertion messages (kind and span only; values are fake anyway).
pub fn describe(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("{}@{:?}({:?})", f.kind, f.span, f.class))
        .collect::<Vec<_>>()
        .join(", ")
}
