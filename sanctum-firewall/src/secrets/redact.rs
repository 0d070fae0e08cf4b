//! Replacing secret spans with `[REDACTED:<kind>]` markers.
//!
//! Markers are designed never to be detected themselves (every matcher skips values
//! starting with `[REDACTED`), which is what makes redaction idempotent.

use std::ops::Range;

use crate::secrets::engine::resolve::Redaction;

/// The marker for kind `id`.
#[must_use]
pub fn marker(id: &str) -> String {
    format!("[REDACTED:{id}]")
}

/// Append `input[range]` to `out` with every redaction inside `range` replaced by its
/// marker. Redactions must be sorted, disjoint, and either inside or outside `range`.
pub(crate) fn apply(
    input: &[u8],
    range: Range<usize>,
    redactions: &[Redaction],
    out: &mut Vec<u8>,
) {
    let mut at = range.start;
    for r in redactions {
        if r.span.start < range.start || r.span.end > range.end {
            continue;
        }
        out.extend_from_slice(&input[at..r.span.start]);
        out.extend_from_slice(marker(r.label).as_bytes());
        at = r.span.end;
    }
    out.extend_from_slice(&input[at..range.end]);
}

/// Redact `text` with the process-wide detector. If the detector cannot be built (a bug),
/// fails closed: the whole text is replaced by one marker rather than passed through.
#[must_use]
pub fn redact(text: &str) -> String {
    match crate::secrets::Detector::shared() {
        Ok(detector) => detector.redact(text),
        Err(_) => marker("unavailable"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_replaces_inside_range() {
        let input = b"a SECRET b OTHER c";
        let redactions = vec![
            Redaction {
                span: 2..8,
                label: "x",
            },
            Redaction {
                span: 11..16,
                label: "y",
            },
        ];
        let mut out = Vec::new();
        apply(input, 0..input.len(), &redactions, &mut out);
        assert_eq!(out, b"a [REDACTED:x] b [REDACTED:y] c");
        let mut part = Vec::new();
        apply(input, 0..10, &redactions, &mut part);
        assert_eq!(part, b"a [REDACTED:x] b");
    }
}
