//! `sanctum daemon stop`: ask the daemon to stop, falling back to SIGTERM.

use crate::context::Context;
use crate::control::{StopOutcome, stop};
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::output::print;

/// Stop sanctum-daemon.
///
/// Asks the daemon over its socket to finish what it is doing and exit, and waits (up to 5
/// seconds) until the process is gone. If the socket does not answer, sends SIGTERM to the
/// process holding the daemon's lock. Not running is not an error.
#[derive(Debug, clap::Args)]
pub struct StopArgs {}

/// Stops the daemon and reports what happened.
///
/// # Errors
/// When the daemon does not stop; the message names the `kill -9` to run.
pub fn run(_args: &StopArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let outcome = stop(context.paths()?)?;
    print(&format!("{}\n", describe(outcome)))?;
    Ok(ExitStatus::Success)
}

/// The one-line report of a stop, shared with `restart`.
#[must_use]
pub fn describe(outcome: StopOutcome) -> String {
    match outcome {
        StopOutcome::NotRunning => "sanctum-daemon is not running".to_owned(),
        StopOutcome::Stopped {
            pid,
            signalled: false,
        } => format!("sanctum-daemon stopped (pid {pid})"),
        StopOutcome::Stopped {
            pid,
            signalled: true,
        } => format!("sanctum-daemon stopped (pid {pid}, after SIGTERM)"),
    }
}
