//! Checks on the running daemon: it answers, speaks our protocol, and accepted its config.

use sanctum_types::ipc::IpcError;
use sanctum_types::version::VERSION;

use super::{Check, Facts};

/// The daemon answers on its socket with our protocol revision.
pub fn reachable(facts: &Facts) -> Check {
    const NAME: &str = "daemon";
    match &facts.daemon {
        Ok(report) if report.version != VERSION => Check::warn(
            NAME,
            format!(
                "sanctum-daemon {} (pid {}) answers, but this CLI is {VERSION}: the daemon still \
                 runs the binary it was started from",
                report.version, report.pid
            ),
            "sanctum daemon restart",
        ),
        Ok(report) => Check::pass(
            NAME,
            format!(
                "sanctum-daemon {} (protocol {}, pid {}) answers on {}",
                report.version,
                report.protocol,
                report.pid,
                report.socket.display()
            ),
        ),
        Err(error @ IpcError::Incompatible { .. }) => {
            Check::fail(NAME, error.to_string(), "sanctum daemon restart")
        }
        Err(error) if error.is_not_running() => Check::fail(
            NAME,
            format!(
                "sanctum-daemon is not running (nothing answers on {})",
                facts.paths.socket.display()
            ),
            "sanctum daemon start",
        ),
        Err(error) => Check::fail(
            NAME,
            format!("sanctum-daemon does not answer properly: {error}"),
            "sanctum daemon restart",
        ),
    }
}

/// The daemon's latest config reload succeeded (otherwise it runs on an older config).
pub fn config_accepted(facts: &Facts) -> Check {
    const NAME: &str = "daemon-config";
    match &facts.daemon {
        Ok(report) => match &report.config.last_error {
            None => Check::pass(
                NAME,
                format!("the daemon runs with {}", report.config.path.display()),
            ),
            Some(error) => Check::fail(
                NAME,
                format!(
                    "the daemon refused its latest config reload and keeps the previous one:\n{}",
                    crate::output::sanitize_lines(error)
                ),
                "fix the file and check it with `sanctum config validate`; the daemon reloads \
                 it by itself",
            ),
        },
        Err(_) => Check::warn(
            NAME,
            "not checked: the daemon does not answer",
            "sanctum daemon start",
        ),
    }
}
