//! `sanctum hooks …`: register Sanctum's hooks with an AI assistant, remove them, show them.

pub mod install;
pub mod remove;
pub mod settings_file;
pub mod status;

use clap::{Subcommand, ValueEnum};

use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;

/// Install, remove or show Sanctum's hooks in an AI assistant's settings.
///
/// The hooks make the assistant ask Sanctum before every shell command, file read and write,
/// MCP call and web fetch, and let Sanctum redact secrets from command output and stop a
/// prompt that carries one.
#[derive(Debug, clap::Args)]
pub struct HooksArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: HooksCommand,
}

/// The hooks subcommands.
#[derive(Debug, Subcommand)]
#[expect(
    missing_docs,
    reason = "a doc comment on a variant would override the help text on its Args type"
)]
pub enum HooksCommand {
    Install(install::InstallArgs),
    Remove(remove::RemoveArgs),
    Status(status::StatusArgs),
}

/// The assistants Sanctum can register hooks with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Agent {
    /// Claude Code (`~/.claude/settings.json`, or managed settings with `--managed`).
    Claude,
}

/// Runs one hooks subcommand.
///
/// # Errors
/// Whatever the subcommand reports.
pub fn run(args: &HooksArgs, context: &Context) -> Result<ExitStatus, CliError> {
    match &args.command {
        HooksCommand::Install(args) => install::run(args, context),
        HooksCommand::Remove(args) => remove::run(args, context),
        HooksCommand::Status(args) => status::run(args, context),
    }
}
