//! `sanctum daemon …`: the daemon's lifecycle and its user service.

pub mod install_service;
pub mod restart;
pub mod start;
pub mod status;
pub mod stop;
pub mod uninstall_service;

use clap::Subcommand;

use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;

/// Start, stop or inspect sanctum-daemon, or install it as a user service.
///
/// sanctum-daemon is the per-user background process that enforces Sanctum's policy. It is
/// normally started by the shell hook (`sanctum init`) or by a user service
/// (`sanctum daemon install-service`); these commands control it by hand.
#[derive(Debug, clap::Args)]
pub struct DaemonArgs {
    /// What to do with the daemon.
    #[command(subcommand)]
    pub command: DaemonCommand,
}

/// The daemon subcommands.
#[derive(Debug, Subcommand)]
#[expect(
    missing_docs,
    reason = "a doc comment on a variant would override the help text on its Args type"
)]
pub enum DaemonCommand {
    Start(start::StartArgs),
    Stop(stop::StopArgs),
    Restart(restart::RestartArgs),
    Status(status::DaemonStatusArgs),
    InstallService(install_service::InstallServiceArgs),
    UninstallService(uninstall_service::UninstallServiceArgs),
}

/// Runs one daemon subcommand.
///
/// # Errors
/// Whatever the subcommand reports.
pub fn run(args: DaemonArgs, context: &Context) -> Result<ExitStatus, CliError> {
    match args.command {
        DaemonCommand::Start(args) => start::run(&args, context),
        DaemonCommand::Stop(args) => stop::run(&args, context),
        DaemonCommand::Restart(args) => restart::run(&args, context),
        DaemonCommand::Status(args) => status::run(&args, context),
        DaemonCommand::InstallService(args) => install_service::run(&args, context),
        DaemonCommand::UninstallService(args) => uninstall_service::run(&args, context),
    }
}
