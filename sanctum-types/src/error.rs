//! The one error type of this crate; each variant says what a caller can do about it.

use std::io;
use std::path::PathBuf;

use crate::config::ConfigProblems;
use crate::ipc::IpcError;

/// Errors from loading paths, config and state. Never carries a secret value.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file-system operation failed; `action` says which one (e.g. "read", "rename").
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What we were doing.
        action: &'static str,
        /// The file or directory concerned.
        path: PathBuf,
        /// The operating-system error.
        #[source]
        source: io::Error,
    },
    /// Neither `HOME` nor the platform's user directories could be determined.
    #[error("cannot determine the home directory: set HOME")]
    NoHome,
    /// A directory or file we must trust is owned by someone else or too open.
    #[error("{} is not safe to use: {reason}", path.display())]
    UnsafePath {
        /// The offending path.
        path: PathBuf,
        /// Why it was rejected.
        reason: String,
    },
    /// Another daemon already holds the instance lock for this socket.
    #[error("sanctum-daemon is already running{}", pid.map(|pid| format!(" (pid {pid})")).unwrap_or_default())]
    AlreadyRunning {
        /// The holder's pid, when recorded.
        pid: Option<u32>,
    },
    /// The configuration has one or more problems; all of them are listed.
    #[error("{0}")]
    Config(ConfigProblems),
    /// Talking to the daemon failed.
    #[error(transparent)]
    Ipc(#[from] IpcError),
}

impl Error {
    /// Shorthand for [`Error::Io`], used with `map_err`.
    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(io::Error) -> Self {
        let path = path.into();
        move |source| Self::Io {
            action,
            path,
            source,
        }
    }
}
