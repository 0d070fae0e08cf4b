//! `sanctum review --approve ID` and `--delete ID`: undo a quarantine, or make it final.
//! The daemon refuses both from inside an AI assistant.

use sanctum_types::ipc::{QuarantinedFile, Request, Response};

use super::{request, unexpected};
use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::output::{print, print_json, sanitize};

/// What to do with an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Restore it and approve its content.
    Approve,
    /// Delete the stored content.
    Delete,
}

/// Sends the decision and reports the outcome.
///
/// # Errors
/// [`CliError::Failed`] (exit 1) when the daemon refuses (unknown id, asked from inside an
/// AI assistant, the original path changed); others when the daemon is unavailable.
pub fn run(
    decision: Decision,
    id: &str,
    json: bool,
    context: &Context,
) -> Result<ExitStatus, CliError> {
    let id = id.to_owned();
    let message = match decision {
        Decision::Approve => Request::ReviewApprove { id },
        Decision::Delete => Request::ReviewDelete { id },
    };
    let entry = match request(context, &message)? {
        Response::Approved { entry } | Response::Deleted { entry } => entry,
        other => return Err(unexpected(&other)),
    };
    if json {
        print_json(&entry)?;
    } else {
        print(&summary(decision, &entry))?;
    }
    Ok(ExitStatus::Success)
}

fn summary(decision: Decision, entry: &QuarantinedFile) -> String {
    let id = sanitize(&entry.id);
    let path = sanitize(&entry.original_path.display().to_string());
    match decision {
        Decision::Approve => {
            format!("{id}: restored {path}; this exact content will not be quarantined again\n")
        }
        Decision::Delete => {
            format!("{id}: deleted the quarantined content of {path} (the empty file stays)\n")
        }
    }
}
