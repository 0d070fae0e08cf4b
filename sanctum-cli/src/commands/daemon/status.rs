//! `sanctum daemon status`: one line — is the daemon alive, which pid, for how long.

use sanctum_types::ipc::{DEFAULT_REPLY_TIMEOUT, IpcError};
use serde_json::json;

use crate::context::Context;
use crate::control;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::output::{Paint, format_duration_ms, print, print_json};

/// Show whether sanctum-daemon is running, in one line.
///
/// Exits 0 when it runs, 4 when it does not, 5 when it is another version. `sanctum status`
/// shows everything else.
#[derive(Debug, clap::Args)]
pub struct DaemonStatusArgs {
    /// Print JSON: `{"running": true, "pid": …, "version": …, "uptime_ms": …}`.
    #[arg(long)]
    pub json: bool,
}

/// Asks the daemon for its status and prints the liveness line.
///
/// # Errors
/// [`CliError::DaemonIncompatible`] when it speaks another protocol.
pub fn run(args: &DaemonStatusArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let paths = context.paths()?;
    match control::status(&paths.socket, DEFAULT_REPLY_TIMEOUT) {
        Ok(report) => {
            if args.json {
                print_json(&json!({
                    "running": true,
                    "pid": report.pid,
                    "version": report.version,
                    "uptime_ms": report.uptime_ms,
                }))?;
            } else {
                print(&format!(
                    "sanctum-daemon is {} (pid {}, up {}, version {})\n",
                    context.stdout.paint("running", Paint::Green),
                    report.pid,
                    format_duration_ms(report.uptime_ms),
                    report.version
                ))?;
            }
            Ok(ExitStatus::Success)
        }
        Err(error @ IpcError::Incompatible { .. }) => Err(error.into()),
        Err(error) => {
            let message = if error.is_not_running() {
                "sanctum-daemon is not running: run `sanctum daemon start`".to_owned()
            } else {
                CliError::from(error).to_string()
            };
            if args.json {
                print_json(&json!({ "running": false, "error": message }))?;
            } else {
                print(&format!("{message}\n"))?;
            }
            Ok(ExitStatus::DaemonUnavailable)
        }
    }
}
