//! `sanctum review …`: the files the daemon's sentinel quarantined — list them, look at
//! one, put it back, or delete it. Every action is one request to the daemon, which owns
//! the quarantine store and decides whether the requester may approve (a human at their
//! own terminal, not an AI assistant's shell).

pub mod decide;
pub mod list;
pub mod show;

use std::time::Duration;

use clap::Subcommand;
use sanctum_types::ipc::{Client, ErrorCode, IpcError, Request, Response};

use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;

/// How long a review request may take (the daemon may be finishing a discovery).
const REVIEW_TIMEOUT: Duration = Duration::from_secs(15);

/// Review the Python start-up files the daemon quarantined.
///
/// When the daemon finds a critical `.pth`, `sitecustomize.py`, `usercustomize.py` or
/// `.start` file, it moves the content into its quarantine store and leaves an empty file
/// with the same permissions in its place, so Python keeps starting but runs nothing.
///
/// Without arguments, lists the quarantined files (ID, when, verdict, path, writer).
/// `sanctum review show ID` prints one entry and its content (escaped: control characters
/// are shown as `\u{..}`). `--approve ID` puts the file back and remembers its content as
/// approved, so the same content is never quarantined again; `--delete ID` discards the
/// stored content for good (the empty file stays).
///
/// Approving and deleting undo a protection, so the daemon refuses them when the command
/// runs inside an AI assistant (Claude Code, Cursor, Codex, Aider, Gemini CLI, Copilot,
/// Windsurf, opencode…): run them yourself, in your own terminal. A refusal exits 1.
///
/// Examples:
///   sanctum review
///   sanctum review show 0199a3c5e21-1f2a-0
///   sanctum review --approve 0199a3c5e21-1f2a-0
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment, args_conflicts_with_subcommands = true)]
pub struct ReviewArgs {
    /// Put the quarantined file ID back in place and approve its content.
    #[arg(long, value_name = "ID", conflicts_with = "delete")]
    pub approve: Option<String>,
    /// Delete the quarantined content of ID for good (the empty file stays).
    #[arg(long, value_name = "ID")]
    pub delete: Option<String>,
    /// Print JSON: the list (`[{"id", "original_path", "mode", "sha256", "size", "kind",
    /// "verdict", "reasons", "quarantined_at", "writer"}]`), or the entry acted on.
    #[arg(long)]
    pub json: bool,
    /// What to do; the list when omitted.
    #[command(subcommand)]
    pub command: Option<ReviewCommand>,
}

/// The review subcommands.
#[derive(Debug, Subcommand)]
#[expect(
    missing_docs,
    reason = "a doc comment on a variant would override the help text on its Args type"
)]
pub enum ReviewCommand {
    Show(show::ShowArgs),
}

/// Runs the list, an approval, a deletion or `show`.
///
/// # Errors
/// Whatever the action reports.
pub fn run(args: &ReviewArgs, context: &Context) -> Result<ExitStatus, CliError> {
    match (&args.command, &args.approve, &args.delete) {
        (Some(ReviewCommand::Show(show)), _, _) => show::run(show, context),
        (None, Some(id), _) => decide::run(decide::Decision::Approve, id, args.json, context),
        (None, None, Some(id)) => decide::run(decide::Decision::Delete, id, args.json, context),
        (None, None, None) => list::run(args.json, context),
    }
}

/// One review request to the daemon. Refusals (unknown id, a request from inside an AI
/// assistant, a conflict on disk) exit 1 with the daemon's message.
fn request(context: &Context, request: &Request) -> Result<Response, CliError> {
    let paths = context.paths()?;
    let mut client = Client::connect(&paths.socket, REVIEW_TIMEOUT)?;
    match client.request(request) {
        Ok(response) => Ok(response),
        Err(IpcError::Refused {
            code: ErrorCode::UnknownRequest,
            ..
        }) => Err(CliError::DaemonIncompatible(
            "the running sanctum-daemon predates `sanctum review`: run `sanctum daemon restart`"
                .to_owned(),
        )),
        // Not found, asked from inside an assistant, a conflict on disk: the daemon's
        // message says what to do.
        Err(IpcError::Refused { message, .. }) => Err(CliError::Failed(message)),
        Err(error) => Err(error.into()),
    }
}

/// An answer that does not fit the request (a bug or a much newer daemon).
fn unexpected(response: &Response) -> CliError {
    CliError::Internal(anyhow::anyhow!(
        "unexpected reply from the daemon: {response:?}"
    ))
}
