//! The crate's one error type and the process exit codes derived from it.
//!
//! Every variant is something an operator can act on; the `Display` text names the path or
//! the fix. Errors here only ever stop the daemon *at start*: once it serves, a failing
//! request, reload or audit write is reported and survived, never turned into an exit.

use std::io;
use std::path::PathBuf;

use sanctum_types::paths::MAX_SOCKET_PATH_BYTES;

/// Exit code of a clean stop (signal or `shutdown` request).
pub const EXIT_OK: u8 = 0;
/// Exit code of any startup failure other than [`EXIT_ALREADY_RUNNING`].
pub const EXIT_FAILURE: u8 = 1;
/// Exit code when another daemon already holds the instance lock; launchers treat it as
/// "nothing to do" rather than as a failure.
pub const EXIT_ALREADY_RUNNING: u8 = 4;

/// Why the daemon could not start (or stop cleanly).
#[derive(Debug, thiserror::Error)]
pub enum DaemonError {
    /// Paths, private directories or the instance lock; includes
    /// [`sanctum_types::Error::AlreadyRunning`], whose text names the running pid.
    #[error(transparent)]
    Setup(#[from] sanctum_types::Error),
    /// The socket path does not fit in a `sockaddr_un`.
    #[error(
        "the socket path {} is {length} bytes long; the limit is {MAX_SOCKET_PATH_BYTES}: \
         point SANCTUM_SOCKET (or --socket) at a shorter path",
        path.display()
    )]
    SocketPathTooLong {
        /// The offending path.
        path: PathBuf,
        /// Its length in bytes.
        length: usize,
    },
    /// Creating or binding the listening socket failed.
    #[error("cannot listen on {}: {source}", path.display())]
    Bind {
        /// The socket path.
        path: PathBuf,
        /// The operating-system error.
        #[source]
        source: io::Error,
    },
    /// The async runtime, a signal handler or the audit thread could not be created.
    #[error("cannot start {what}: {source}")]
    Start {
        /// Which piece failed.
        what: &'static str,
        /// The operating-system error.
        #[source]
        source: io::Error,
    },
    /// The diagnostic log could not be set up.
    #[error("cannot set up logging: {0}")]
    Logging(String),
}

impl DaemonError {
    /// The process exit code for this error: [`EXIT_ALREADY_RUNNING`] when another instance
    /// holds the lock, [`EXIT_FAILURE`] otherwise.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Setup(sanctum_types::Error::AlreadyRunning { .. }) => EXIT_ALREADY_RUNNING,
            _ => EXIT_FAILURE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn already_running_maps_to_its_own_exit_code_and_message() {
        let error = DaemonError::from(sanctum_types::Error::AlreadyRunning { pid: Some(42) });
        assert_eq!(error.exit_code(), EXIT_ALREADY_RUNNING);
        assert_eq!(
            error.to_string(),
            "sanctum-daemon is already running (pid 42)"
        );
        let other = DaemonError::Logging("x".into());
        assert_eq!(other.exit_code(), EXIT_FAILURE);
    }
}
