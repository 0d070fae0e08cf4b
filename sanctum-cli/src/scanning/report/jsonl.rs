//! `--json`: one finding per line, so tools can stream and `grep` it.
//!
//! Each line is an object with `file`, `line`, `column`, `kind`, `name`, `provider`,
//! `class`, `confidence`, `preview` (redacted), `fingerprint`, and `commit` / `encoding`
//! when they apply. The byte span is left out: it is meaningless for diffs and for people.

use std::io::Write;

use serde::Serialize;

use crate::error::CliError;
use crate::scanning::Located;

#[derive(Serialize)]
struct Record<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    commit: Option<&'a str>,
    line: usize,
    column: usize,
    kind: &'a str,
    name: &'a str,
    provider: &'a str,
    class: sanctum_firewall::secrets::Class,
    confidence: sanctum_firewall::secrets::Confidence,
    preview: &'a str,
    fingerprint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<sanctum_firewall::secrets::Encoding>,
}

/// Writes `findings` as JSON Lines to `out`.
///
/// # Errors
/// When `out` cannot be written.
pub fn write(out: &mut impl Write, findings: &[Located]) -> Result<(), CliError> {
    for located in findings {
        let finding = &located.finding;
        serde_json::to_writer(
            &mut *out,
            &Record {
                file: &located.origin.file,
                commit: located.origin.commit.as_deref(),
                line: finding.line,
                column: finding.column,
                kind: finding.kind,
                name: finding.name,
                provider: finding.provider,
                class: finding.class,
                confidence: finding.confidence,
                preview: &finding.preview,
                fingerprint: finding.fingerprint.to_string(),
                encoding: finding.encoding,
            },
        )?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
