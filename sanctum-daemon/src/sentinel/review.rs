//! `sanctum review` on the daemon's side: list, show, approve and delete quarantine
//! entries. Runs on the watcher thread, the store's only writer, so an approval can never
//! interleave with a quarantine.
//!
//! Whether the requester may approve or delete (a human, not an AI assistant) is decided
//! before the request gets here, by `server::human`.

use sanctum_sentinel::SentinelError;
use sanctum_sentinel::quarantine::{QuarantineEntry, QuarantineStore};
use sanctum_types::audit::{Action, AuditRecord, Category, Level};
use sanctum_types::ipc::{
    ErrorCode, MAX_SHOWN_CONTENT_BYTES, QuarantinedContent, QuarantinedFile, Response,
};
use serde_json::json;

use super::shared::Shared;
use crate::audit::AuditHandle;
use crate::server::dispatch::error_reply;

/// A review request, as the watcher thread receives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ReviewCommand {
    /// Every entry.
    List,
    /// One entry with its content.
    Show(String),
    /// Restore one entry and approve its content.
    Approve(String),
    /// Delete one entry.
    Delete(String),
}

/// Answers `command` against `store`.
pub(crate) fn answer(
    command: ReviewCommand,
    store: &QuarantineStore,
    audit: &AuditHandle,
    shared: &Shared,
) -> Response {
    let result = match command {
        ReviewCommand::List => store.list().map(|entries| Response::Review {
            entries: entries.iter().map(QuarantineEntry::to_wire).collect(),
        }),
        ReviewCommand::Show(id) => show(store, &id),
        ReviewCommand::Approve(id) => store.approve(&id).map(|entry| {
            let file = entry.to_wire();
            shared.update(|status| status.quarantined = status.quarantined.saturating_sub(1));
            audit.record(decision_record("approved and restored", &file));
            Response::Approved {
                entry: Box::new(file),
            }
        }),
        ReviewCommand::Delete(id) => store.delete(&id).map(|entry| {
            let file = entry.to_wire();
            shared.update(|status| status.quarantined = status.quarantined.saturating_sub(1));
            audit.record(decision_record("deleted", &file));
            Response::Deleted {
                entry: Box::new(file),
            }
        }),
    };
    result.unwrap_or_else(|error| failure(&error))
}

fn show(store: &QuarantineStore, id: &str) -> Result<Response, SentinelError> {
    let entry = store.get(id)?;
    let bytes = store.content(id)?;
    let truncated = bytes.len() > MAX_SHOWN_CONTENT_BYTES;
    let shown = &bytes[..bytes.len().min(MAX_SHOWN_CONTENT_BYTES)];
    let utf8 = std::str::from_utf8(&bytes).is_ok();
    Ok(Response::ReviewEntry(Box::new(QuarantinedContent {
        file: entry.to_wire(),
        content: String::from_utf8_lossy(shown).into_owned(),
        utf8,
        truncated,
    })))
}

fn decision_record(what: &str, file: &QuarantinedFile) -> AuditRecord {
    AuditRecord::now(
        Level::Warning,
        Category::Sentinel,
        Action::None,
        format!(
            "quarantined start-up file {what} by the user: {}",
            file.original_path.display()
        ),
    )
    .with_details(json!({
        "quarantine_id": file.id,
        "path": file.original_path,
        "sha256": file.sha256,
        "verdict": file.verdict,
    }))
}

/// The error reply for a store failure: not found, conflict, or internal.
fn failure(error: &SentinelError) -> Response {
    let code = match error {
        SentinelError::UnknownEntry { .. } | SentinelError::InvalidId { .. } => ErrorCode::NotFound,
        SentinelError::HashMismatch { .. } | SentinelError::OriginalChanged { .. } => {
            ErrorCode::Conflict
        }
        _ => ErrorCode::Internal,
    };
    error_reply(code, error.to_string())
}
