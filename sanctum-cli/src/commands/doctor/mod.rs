//! `sanctum doctor`: a list of independent checks, each with a fix when it does not pass.
//!
//! Adding a check is adding a function `fn(&Facts) -> Check` to [`CHECKS`] (in the file of
//! its group, or a new file). Facts that several checks share — above all the daemon's
//! status, which costs a round trip — are gathered once in [`Facts`].

mod binaries;
mod check;
mod claude;
mod config;
mod daemon;
mod permissions;
mod sentinel;
mod service;
mod shell_hook;

use std::path::PathBuf;

use sanctum_types::ipc::{DEFAULT_REPLY_TIMEOUT, IpcError, StatusReport};
use sanctum_types::paths::Paths;

pub use check::{Check, CheckStatus, render_checks};

use crate::context::Context;
use crate::control;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::output::{print, print_json};

/// Check the installation and explain how to fix what is wrong.
///
/// Runs every check and prints one line each, `pass`, `warn` or `fail`, with a `fix:` line
/// under each warning and failure: the binaries on PATH and their versions, the daemon
/// (reachable, same protocol, config accepted), whether its `.pth` sentinel watches your
/// Python environments, the configuration files, the privacy of
/// the state and runtime directories and of the socket, the user service, and the shell
/// hook. Exits 1 when any check fails.
#[derive(Debug, clap::Args)]
pub struct DoctorArgs {
    /// Print JSON: `{"checks": [{"name", "status", "message", "fix"}], "ok": bool}`.
    #[arg(long)]
    pub json: bool,
}

/// What the checks look at, gathered once.
#[derive(Debug)]
pub struct Facts {
    /// Resolved locations.
    pub paths: Paths,
    /// The directory doctor runs in (for the project config).
    pub cwd: Option<PathBuf>,
    /// The daemon's answer to `Status`.
    pub daemon: Result<StatusReport, IpcError>,
}

/// A check: looks at the facts, never changes anything.
pub type CheckFn = fn(&Facts) -> Check;

/// Every check, in the order shown.
pub const CHECKS: &[CheckFn] = &[
    binaries::cli_on_path,
    binaries::daemon_binary,
    daemon::reachable,
    daemon::config_accepted,
    sentinel::watching,
    config::valid,
    permissions::state_dir,
    permissions::runtime_dir,
    permissions::socket,
    service::installed,
    shell_hook::present,
    claude::project_settings,
];

/// Runs all checks and prints them.
///
/// # Errors
/// When stdout cannot be written.
pub fn run(args: &DoctorArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let paths = context.paths()?.clone();
    let facts = Facts {
        daemon: control::status(&paths.socket, DEFAULT_REPLY_TIMEOUT),
        cwd: std::env::current_dir().ok(),
        paths,
    };
    let checks: Vec<Check> = CHECKS.iter().map(|check| check(&facts)).collect();
    let ok = checks.iter().all(|check| check.status != CheckStatus::Fail);
    if args.json {
        print_json(&serde_json::json!({ "checks": checks, "ok": ok }))?;
    } else {
        print(&render_checks(&checks, context.stdout))?;
    }
    Ok(if ok {
        ExitStatus::Success
    } else {
        ExitStatus::Failed
    })
}
