//! `sanctum review`: the quarantined files, oldest first.

use sanctum_types::ipc::{QuarantinedFile, Request, Response, WriterInfo};

use super::{request, unexpected};
use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::output::{Cell, Paint, Table, local_time, print, print_json, sanitize};

/// Lists the entries as a table or JSON.
///
/// # Errors
/// When the daemon is unavailable or stdout cannot be written.
pub fn run(json: bool, context: &Context) -> Result<ExitStatus, CliError> {
    let entries = match request(context, &Request::ReviewList)? {
        Response::Review { entries } => entries,
        other => return Err(unexpected(&other)),
    };
    if json {
        print_json(&entries)?;
    } else if entries.is_empty() {
        print("nothing is quarantined\n")?;
    } else {
        print(&render(&entries).render(context.stdout))?;
        print("\nlook at one: sanctum review show ID\n")?;
    }
    Ok(ExitStatus::Success)
}

fn render(entries: &[QuarantinedFile]) -> Table {
    let mut table = Table::new().with_header(&["ID", "QUARANTINED", "VERDICT", "FILE", "WRITER"]);
    for entry in entries {
        table.row([
            Cell::plain(sanitize(&entry.id)),
            Cell::plain(local_time(entry.quarantined_at)),
            Cell::painted(sanitize(&entry.verdict), Paint::Red),
            Cell::plain(sanitize(&entry.original_path.display().to_string())),
            Cell::plain(sanitize(&writer_summary(entry.writer.as_ref()))),
        ]);
    }
    table
}

/// `pip (evil-pkg 1.0)`, `uv`, `evil-pkg 1.0`, or `unknown`.
pub(super) fn writer_summary(writer: Option<&WriterInfo>) -> String {
    let Some(writer) = writer else {
        return "unknown".to_owned();
    };
    let package = writer.package.as_ref().map(|package| {
        let version = writer.version.as_deref().unwrap_or_default();
        format!("{package} {version}").trim_end().to_owned()
    });
    match (&writer.installer, package) {
        (Some(installer), Some(package)) => format!("{installer} ({package})"),
        (Some(installer), None) => installer.clone(),
        (None, Some(package)) => package,
        (None, None) => "unknown".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writers_are_summarised_from_what_is_known() {
        assert_eq!(writer_summary(None), "unknown");
        let mut writer = WriterInfo::default();
        assert_eq!(writer_summary(Some(&writer)), "unknown");
        writer.package = Some("evil".into());
        writer.version = Some("1.0".into());
        assert_eq!(writer_summary(Some(&writer)), "evil 1.0");
        writer.installer = Some("pip".into());
        assert_eq!(writer_summary(Some(&writer)), "pip (evil 1.0)");
    }
}
