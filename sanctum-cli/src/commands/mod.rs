//! One module per command; each has an `…Args` (its doc comment is the `--help` text) and a
//! `run(args, context)`.
//!
//! Adding a command: a new file here (or a folder for a group), a variant below, and one
//! line in [`dispatch`].

pub mod audit;
pub mod completions;
pub mod config;
pub mod daemon;
pub mod doctor;
pub mod hook;
pub mod hooks;
pub mod init;
pub mod pth;
pub mod review;
pub mod scan;
pub mod status;

use clap::Subcommand;

use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;

/// Every top-level command.
#[derive(Debug, Subcommand)]
#[expect(
    missing_docs,
    reason = "a doc comment on a variant would override the help text on its Args type"
)]
pub enum Command {
    Init(init::InitArgs),
    Status(status::StatusArgs),
    Daemon(daemon::DaemonArgs),
    Doctor(doctor::DoctorArgs),
    Config(config::ConfigArgs),
    Audit(audit::AuditArgs),
    Scan(scan::ScanArgs),
    Hook(hook::HookArgs),
    Hooks(hooks::HooksArgs),
    Pth(pth::PthArgs),
    Review(review::ReviewArgs),
    Completions(completions::CompletionsArgs),
}

/// Runs `command`.
///
/// # Errors
/// Whatever the command reports.
pub fn dispatch(command: Command, context: &Context) -> Result<ExitStatus, CliError> {
    match command {
        Command::Init(args) => init::run(&args, context),
        Command::Status(args) => status::run(&args, context),
        Command::Daemon(args) => daemon::run(args, context),
        Command::Doctor(args) => doctor::run(&args, context),
        Command::Config(args) => config::run(args, context),
        Command::Audit(args) => audit::run(&args, context),
        Command::Scan(args) => scan::run(&args, context),
        Command::Hook(args) => hook::run(&args, context),
        Command::Hooks(args) => hooks::run(&args, context),
        Command::Pth(args) => pth::run(&args, context),
        Command::Review(args) => review::run(&args, context),
        Command::Completions(args) => completions::run(&args, context),
    }
}
