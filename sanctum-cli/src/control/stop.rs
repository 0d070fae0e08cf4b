//! Stopping the daemon: ask over the socket, then SIGTERM the lock holder, then give up
//! with the exact `kill -9` to run.

use sanctum_types::instance::{LockState, lock_state};
use sanctum_types::ipc::{Client, Request, Response};
use sanctum_types::paths::Paths;

use nix::sys::signal::Signal;

use super::process::send_signal;
use super::{PROBE_TIMEOUT, STOP_TIMEOUT, is_alive, wait_until};
use crate::error::CliError;

/// What `stop` found or did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopOutcome {
    /// No daemon was running.
    NotRunning,
    /// The daemon stopped.
    Stopped {
        /// Its pid.
        pid: u32,
        /// Whether it took a SIGTERM (the socket did not answer or it ignored shutdown).
        signalled: bool,
    },
}

/// Stops the daemon and waits until its process is gone and its lock is free.
///
/// # Errors
/// [`CliError::Failed`] when it cannot be stopped (the message names the `kill -9` to run).
pub fn stop(paths: &Paths) -> Result<StopOutcome, CliError> {
    if let Some(pid) = ask_to_stop(paths) {
        if wait_until(STOP_TIMEOUT, || is_gone(paths, pid)) {
            return Ok(StopOutcome::Stopped {
                pid,
                signalled: false,
            });
        }
        return terminate(paths, pid);
    }
    match lock_state(&paths.lock_file())? {
        LockState::Free => Ok(StopOutcome::NotRunning),
        LockState::Held(Some(pid)) => terminate(paths, pid),
        LockState::Held(None) => Err(CliError::Failed(format!(
            "a process holds the daemon lock {} but recorded no pid and the socket does not \
             answer: find it with `fuser {}` and stop it",
            paths.lock_file().display(),
            paths.lock_file().display()
        ))),
    }
}

/// Sends `Shutdown`; the pid that agreed to stop, or `None` when the socket did not take it
/// (not running, incompatible, hung).
fn ask_to_stop(paths: &Paths) -> Option<u32> {
    let mut client = Client::connect(&paths.socket, PROBE_TIMEOUT).ok()?;
    let pid = client.daemon().pid;
    match client.request(&Request::Shutdown).ok()? {
        Response::ShuttingDown { pid } => Some(pid),
        _ => Some(pid),
    }
}

fn terminate(paths: &Paths, pid: u32) -> Result<StopOutcome, CliError> {
    let sent = send_signal(pid, Signal::SIGTERM).map_err(|errno| {
        CliError::Failed(format!(
            "cannot signal sanctum-daemon (pid {pid}): {errno}; stop it with `kill {pid}`"
        ))
    })?;
    if wait_until(STOP_TIMEOUT, || is_gone(paths, pid)) {
        return Ok(StopOutcome::Stopped {
            pid,
            signalled: sent,
        });
    }
    Err(CliError::Failed(format!(
        "sanctum-daemon (pid {pid}) did not stop within {} s of SIGTERM: kill it with \
         `kill -9 {pid}`",
        STOP_TIMEOUT.as_secs()
    )))
}

/// Gone means: the process no longer exists and the lock is no longer held in its name
/// (it is free, or a new daemon started by a shell hook already took it).
fn is_gone(paths: &Paths, pid: u32) -> bool {
    !is_alive(pid)
        && matches!(
            lock_state(&paths.lock_file()),
            Ok(state) if state != LockState::Held(Some(pid))
        )
}
