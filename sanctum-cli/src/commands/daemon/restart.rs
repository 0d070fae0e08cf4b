//! `sanctum daemon restart`: stop, then start — the fix after an upgrade.

use crate::context::Context;
use crate::control::{start, stop};
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::output::print;

/// Restart sanctum-daemon (stop, then start).
///
/// Use it after upgrading Sanctum: a daemon of the old version speaks an older protocol and
/// is stopped with SIGTERM if it cannot be asked over the socket.
#[derive(Debug, clap::Args)]
pub struct RestartArgs {
    /// Print nothing on success.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Stops and starts the daemon.
///
/// # Errors
/// When either step fails.
pub fn run(args: &RestartArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let paths = context.paths()?;
    let stopped = stop(paths)?;
    if !args.quiet {
        print(&format!("{}\n", super::stop::describe(stopped)))?;
    }
    let started = start(paths, true)?;
    if !args.quiet {
        print(&format!("{}\n", super::start::describe(started, context)))?;
    }
    Ok(ExitStatus::Success)
}
