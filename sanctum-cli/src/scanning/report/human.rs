//! The table people read: findings grouped under their file (and commit), then a summary
//! of what was scanned, skipped and suppressed, so a clean result can be trusted.

use std::fmt::Write as _;

use sanctum_firewall::secrets::{Class, Confidence};

use crate::output::{Paint, Style, format_bytes, sanitize};
use crate::scanning::{Located, Summary};

/// The findings, grouped by file, ready to print on stdout ("" when there are none).
#[must_use]
pub fn findings(findings: &[Located], style: Style) -> String {
    let mut text = String::new();
    let position_width = findings
        .iter()
        .map(|l| format!("{}:{}", l.finding.line, l.finding.column).len())
        .max()
        .unwrap_or(0);
    let name_width = findings
        .iter()
        .map(|l| l.finding.name.chars().count())
        .max()
        .unwrap_or(0);
    let mut current: Option<(&str, Option<&str>)> = None;
    for located in findings {
        let group = (
            located.origin.file.as_str(),
            located.origin.commit.as_deref(),
        );
        if current != Some(group) {
            if current.is_some() {
                text.push('\n');
            }
            let heading = match group.1 {
                Some(commit) => format!(
                    "{} (commit {})",
                    sanitize(group.0),
                    commit.get(..12).unwrap_or(commit)
                ),
                None => sanitize(group.0),
            };
            text.push_str(&style.paint(&heading, Paint::Bold));
            text.push('\n');
            current = Some(group);
        }
        let finding = &located.finding;
        let position = format!("{}:{}", finding.line, finding.column);
        let (label, paint) = label(finding.class, finding.confidence);
        let _ = writeln!(
            text,
            "  {position:>position_width$}  {}  {:<name_width$}  {}",
            style.paint(&format!("{label:<11}"), paint),
            finding.name,
            style.paint(&sanitize(&finding.preview), Paint::Dim),
        );
    }
    text
}

/// The word and colour for a finding's severity.
fn label(class: Class, confidence: Confidence) -> (&'static str, Paint) {
    match (class, confidence) {
        (Class::Placeholder, _) => ("placeholder", Paint::Dim),
        (Class::Public, _) => ("public", Paint::Dim),
        (Class::Secret, Confidence::High) => ("high", Paint::Red),
        (Class::Secret, Confidence::Medium) => ("medium", Paint::Red),
        (Class::Secret, Confidence::Low) => ("low", Paint::Yellow),
    }
}

/// The closing summary (for stderr): counts, timing, and how to silence accepted findings.
#[must_use]
pub fn summary(findings: &[Located], summary: &Summary, seconds: f64, style: Style) -> String {
    let mut text = String::new();
    let files_with_findings = {
        let mut files: Vec<(&str, Option<&str>)> = findings
            .iter()
            .map(|l| (l.origin.file.as_str(), l.origin.commit.as_deref()))
            .collect();
        files.dedup();
        files.len()
    };
    let headline = if findings.is_empty() {
        style.paint("No secrets found.", Paint::Green)
    } else {
        style.paint(
            &format!(
                "{} in {}.",
                plural(findings.len() as u64, "finding"),
                plural(files_with_findings as u64, "file")
            ),
            Paint::Red,
        )
    };
    let _ = write!(
        text,
        "{headline} Scanned {} ({}) in {seconds:.2} s",
        plural(summary.files, "file"),
        format_bytes(summary.bytes)
    );
    let skipped = &summary.skipped;
    let mut skips = Vec::new();
    if skipped.binary > 0 {
        skips.push(format!("{} binary (--binary scans them)", skipped.binary));
    }
    if skipped.too_large > 0 {
        skips.push(format!(
            "{} too large (--max-file-size raises the cap)",
            skipped.too_large
        ));
    }
    if skipped.allowed_path > 0 {
        skips.push(format!("{} by scan.allow_paths", skipped.allowed_path));
    }
    if skipped.unreadable > 0 {
        skips.push(format!("{} unreadable", skipped.unreadable));
    }
    if !skips.is_empty() {
        let _ = write!(text, "; skipped {}", skips.join(", "));
    }
    text.push_str(".\n");
    let suppressed = &summary.suppressed;
    let mut quiet = Vec::new();
    if suppressed.inline > 0 {
        quiet.push(format!("{} by sanctum:allow comments", suppressed.inline));
    }
    if suppressed.config > 0 {
        quiet.push(format!("{} by the config allowlists", suppressed.config));
    }
    if suppressed.baseline > 0 {
        quiet.push(format!("{} in the baseline", suppressed.baseline));
    }
    if suppressed.filtered > 0 {
        quiet.push(format!(
            "{} placeholder, public or low-confidence (--all shows them)",
            suppressed.filtered
        ));
    }
    if !quiet.is_empty() {
        let _ = writeln!(text, "Not reported: {}.", quiet.join("; "));
    }
    if !findings.is_empty() {
        text.push_str(&style.paint(
            "Rotate real secrets. To accept a finding, add a `sanctum:allow` comment on its line, or record all current findings with `--baseline FILE --update-baseline`.\n",
            Paint::Dim,
        ));
    }
    text
}

fn plural(count: u64, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
