//! `sanctum review show ID`: one quarantined file's metadata and content, escaped.

use std::fmt::Write as _;

use sanctum_types::ipc::{QuarantinedContent, Request, Response};

use super::{request, unexpected};
use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::output::{local_time, print, print_json, sanitize};

/// Show one quarantined file: where it was, why, who wrote it, and its content.
///
/// The content is printed escaped: control characters, invisible and bidirectional
/// characters are shown as `\u{..}`, so a crafted file cannot hide code or take over the
/// terminal.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The entry id, from `sanctum review`.
    #[arg(value_name = "ID")]
    pub id: String,
    /// Print JSON: `{"file": {...}, "content", "utf8", "truncated"}` (content unescaped).
    #[arg(long)]
    pub json: bool,
}

/// Prints the entry.
///
/// # Errors
/// When the id is unknown (exit 1), the daemon is unavailable or stdout cannot be written.
pub fn run(args: &ShowArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let shown = match request(
        context,
        &Request::ReviewShow {
            id: args.id.clone(),
        },
    )? {
        Response::ReviewEntry(shown) => shown,
        other => return Err(unexpected(&other)),
    };
    if args.json {
        print_json(&shown)?;
    } else {
        print(&render(&shown))?;
    }
    Ok(ExitStatus::Success)
}

fn render(shown: &QuarantinedContent) -> String {
    let file = &shown.file;
    let mut text = String::new();
    let mut field = |name: &str, value: &str| {
        let _ = writeln!(text, "{name:<12} {}", sanitize(value));
    };
    field("id", &file.id);
    field("file", &file.original_path.display().to_string());
    field("quarantined", &local_time(file.quarantined_at));
    field("verdict", &file.verdict);
    field("kind", file.kind.as_deref().unwrap_or("unknown"));
    field("mode", &format!("{:04o}", file.mode));
    field("size", &format!("{} bytes", file.size));
    field("sha256", &file.sha256);
    field("writer", &super::list::writer_summary(file.writer.as_ref()));
    if let Some(writer) = &file.writer {
        if let Some(pid) = writer.pid {
            field(
                "  process",
                &format!("{} (pid {pid})", writer.process.as_deref().unwrap_or("?")),
            );
        }
        if !writer.command_line.is_empty() {
            field("  command", &writer.command_line.join(" "));
        }
        if !writer.ancestors.is_empty() {
            field("  under", &writer.ancestors.join(" < "));
        }
        if let Some(listed) = writer.listed_in_record {
            field(
                "  RECORD",
                if listed {
                    "listed by an installed package (context only, not a reason to trust it)"
                } else {
                    "not listed by any installed package"
                },
            );
        }
    }
    for (index, reason) in file.reasons.iter().enumerate() {
        let label = if index == 0 { "reasons" } else { "" };
        field(label, &format!("{}: {}", reason.code, reason.message));
    }
    let _ = writeln!(
        text,
        "\ncontent{}{}:",
        if shown.utf8 {
            ""
        } else {
            " (not valid UTF-8; shown with replacements)"
        },
        if shown.truncated { " (truncated)" } else { "" }
    );
    for line in shown.content.split_inclusive('\n') {
        let _ = writeln!(
            text,
            "  {}",
            escape(line.strip_suffix('\n').unwrap_or(line))
        );
    }
    let _ = writeln!(
        text,
        "\nput it back: sanctum review --approve {0}\ndiscard it:  sanctum review --delete {0}",
        sanitize(&file.id)
    );
    text
}

/// `line` with control, invisible and bidirectional characters shown as `\u{..}` (tabs
/// kept).
fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        let invisible = c.is_control()
            || matches!(
                c,
                '\u{200b}'..='\u{200f}'
                    | '\u{2028}'..='\u{202e}'
                    | '\u{2060}'..='\u{2064}'
                    | '\u{2066}'..='\u{2069}'
                    | '\u{feff}'
            );
        if invisible && c != '\t' {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_escaped() {
        assert_eq!(escape("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape("x\u{202e}y\r"), "x\\u{202e}y\\u{d}");
        assert_eq!(escape("tab\tok"), "tab\tok");
    }
}
