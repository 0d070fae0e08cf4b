//! `sanctum daemon start`: launch the daemon detached, unless one already answers.

use crate::context::Context;
use crate::control::{StartOutcome, start};
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::output::{Paint, print};

/// Start sanctum-daemon in the background.
///
/// Does nothing if a daemon already answers. Otherwise launches `sanctum-daemon` (from
/// `$SANCTUM_DAEMON_BIN`, else next to this `sanctum`, else from PATH) detached from the
/// terminal, with its output appended to its log in the state directory, and waits up to
/// 5 seconds until it answers on its socket. If it exits instead, shows why from its log.
#[derive(Debug, clap::Args)]
pub struct StartArgs {
    /// Print nothing on success (errors still go to stderr).
    #[arg(long, short)]
    pub quiet: bool,
    /// Return as soon as the daemon is launched, without waiting for it to answer (used by
    /// the shell hook so the prompt never waits).
    #[arg(long)]
    pub no_wait: bool,
}

/// Starts the daemon and reports its pid.
///
/// # Errors
/// When the daemon cannot be found, exits while starting, or does not answer in time.
pub fn run(args: &StartArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let paths = context.paths()?;
    let outcome = start(paths, !args.no_wait)?;
    if !args.quiet {
        print(&format!("{}\n", describe(outcome, context)))?;
    }
    Ok(ExitStatus::Success)
}

/// The one-line report of a start, shared with `restart`.
#[must_use]
pub fn describe(outcome: StartOutcome, context: &Context) -> String {
    let style = context.stdout;
    match outcome {
        StartOutcome::AlreadyRunning { pid } => {
            format!("sanctum-daemon is already running (pid {pid})")
        }
        StartOutcome::Started { pid } => format!(
            "sanctum-daemon {} (pid {pid})",
            style.paint("started", Paint::Green)
        ),
        StartOutcome::Launched { pid } => {
            format!("sanctum-daemon launched (pid {pid}); check with `sanctum daemon status`")
        }
        StartOutcome::Starting { pid } => format!(
            "sanctum-daemon is already starting{}; check with `sanctum daemon status`",
            pid.map(|pid| format!(" (pid {pid})")).unwrap_or_default()
        ),
    }
}
