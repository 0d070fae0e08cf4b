//! `sanctum-daemon`: the per-user process that the `sanctum` CLI and the agent hooks talk to.
//!
//! This crate is wiring: it serves the protocol of `sanctum_types::ipc` on a private Unix
//! socket, keeps the config of `sanctum_types::config` in force and hot-reloads it, and
//! writes the audit log of `sanctum_types::audit` from one thread, and runs the `.pth`
//! sentinel of `sanctum_sentinel` on every Python environment of the user. It owns no
//! format and no policy of its own. It must stay event-driven — nothing runs while nobody asks — and
//! no client, however broken or hostile, may crash it or stall another client.
//!
//! The binary is a thin [`run`]; benches and tests start an in-process server with
//! [`Daemon::bind`] + [`Daemon::run`].

mod args;
mod audit;
mod config;
mod counters;
mod daemon;
mod detach;
mod error;
mod logging;
mod notifications;
mod sentinel;
mod server;
mod shutdown;
mod signals;
mod startup;
mod state;

use sanctum_types::paths::Paths;

pub use args::DaemonArgs;
pub use daemon::{Daemon, DaemonOptions};
pub use error::{DaemonError, EXIT_ALREADY_RUNNING, EXIT_FAILURE, EXIT_OK};
pub use logging::{LogControl, LogTarget, init_logging};

/// Runs the daemon as the `sanctum-daemon` binary does: resolve paths (flags over
/// environment over defaults), leave the terminal's session unless `--foreground`, set up
/// logging, then bind and serve until stopped.
///
/// # Errors
/// Any [`DaemonError`] that prevents serving; map it with [`DaemonError::exit_code`].
pub fn run(args: DaemonArgs) -> Result<(), DaemonError> {
    let mut paths = Paths::from_env()?;
    if let Some(socket) = args.socket {
        paths.socket = socket;
    }
    if let Some(config) = args.config {
        paths.config_file = config;
    }
    paths.socket = startup::absolute(paths.socket);
    paths.config_file = startup::absolute(paths.config_file);
    startup::prepare_directories(&paths)?;

    // Read once here only for the log settings; `Daemon::bind` loads (and reports) it.
    let (initial, _) = config::load_or_defaults(&paths.config_file);
    let session = if args.foreground {
        Ok(())
    } else {
        detach::start_new_session()
    };
    let log_file = (!args.foreground).then(|| paths.daemon_log());
    let target = match &log_file {
        None => LogTarget::Stderr,
        Some(path) => LogTarget::File {
            path,
            max_bytes: initial.config.daemon.log_max_bytes,
        },
    };
    let log_control = init_logging(target, &initial.config.daemon.log_level)?;
    if let Err(errno) = session {
        tracing::warn!(%errno, "cannot start a new session; staying in the launcher's");
    }

    let mut options = DaemonOptions::new(paths);
    options.log_file = log_file;
    options.log_control = Some(log_control);
    options.handle_signals = true;
    Daemon::bind(options)?.run()
}
