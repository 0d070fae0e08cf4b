//! The CLI's error type: each variant maps to one fixed exit code (see [`crate::exit`]).
//!
//! Messages are complete sentences that name the fix; they never contain a secret value.

use std::io;

use sanctum_types::ipc::IpcError;

use crate::exit::ExitStatus;

/// Why a command failed. The text is printed once, by [`crate::run`].
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The arguments make no sense together (clap catches most cases itself).
    #[error("{0}")]
    Usage(String),
    /// A config file or override is invalid; the message lists every problem.
    #[error("{0}")]
    Config(String),
    /// The daemon is not running, could not be started, or does not answer.
    #[error("{0}")]
    DaemonUnavailable(String),
    /// The daemon speaks another protocol revision.
    #[error("{0}")]
    DaemonIncompatible(String),
    /// An operation could not be completed (e.g. a daemon that would not stop).
    #[error("{0}")]
    Failed(String),
    /// Anything unexpected, with its chain of context.
    #[error("{0:#}")]
    Internal(anyhow::Error),
    /// stdout was closed by the reader (`sanctum audit | head`); not worth a message.
    #[error("broken pipe")]
    BrokenPipe,
}

impl CliError {
    /// The exit status this error ends the process with.
    #[must_use]
    pub fn status(&self) -> ExitStatus {
        match self {
            Self::Usage(_) => ExitStatus::Usage,
            Self::Config(_) => ExitStatus::Config,
            Self::DaemonUnavailable(_) => ExitStatus::DaemonUnavailable,
            Self::DaemonIncompatible(_) => ExitStatus::DaemonIncompatible,
            Self::Failed(_) => ExitStatus::Failed,
            Self::Internal(_) => ExitStatus::Internal,
            Self::BrokenPipe => ExitStatus::Success,
        }
    }
}

impl From<IpcError> for CliError {
    fn from(error: IpcError) -> Self {
        match error {
            IpcError::NotRunning { .. } => Self::DaemonUnavailable(error.to_string()),
            IpcError::Incompatible { .. } => Self::DaemonIncompatible(error.to_string()),
            IpcError::Refused { .. } => Self::Failed(error.to_string()),
            IpcError::Timeout
            | IpcError::Closed
            | IpcError::Truncated
            | IpcError::Io(_)
            | IpcError::FrameTooLarge { .. }
            | IpcError::Malformed(_)
            | IpcError::UnexpectedReply(_) => Self::DaemonUnavailable(format!(
                "sanctum-daemon does not answer properly ({error}): run `sanctum daemon restart`"
            )),
            IpcError::Encode(_) => Self::Internal(anyhow::Error::new(error)),
        }
    }
}

impl From<sanctum_types::Error> for CliError {
    fn from(error: sanctum_types::Error) -> Self {
        use sanctum_types::Error;
        match error {
            Error::Config(problems) => Self::Config(format!(
                "{problems}fix the file(s) above, then check with `sanctum config validate`"
            )),
            Error::Ipc(ipc) => ipc.into(),
            Error::UnsafePath { .. } | Error::AlreadyRunning { .. } | Error::NoHome => {
                Self::Failed(error.to_string())
            }
            Error::Io { .. } => Self::Internal(anyhow::Error::new(error)),
        }
    }
}

impl From<io::Error> for CliError {
    fn from(error: io::Error) -> Self {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Self::BrokenPipe
        } else {
            Self::Internal(anyhow::Error::new(error))
        }
    }
}

impl From<anyhow::Error> for CliError {
    fn from(error: anyhow::Error) -> Self {
        match error.downcast::<io::Error>() {
            Ok(io) => io.into(),
            Err(error) => Self::Internal(error),
        }
    }
}

impl From<serde_json::Error> for CliError {
    fn from(error: serde_json::Error) -> Self {
        if error.io_error_kind() == Some(io::ErrorKind::BrokenPipe) {
            Self::BrokenPipe
        } else {
            Self::Internal(anyhow::Error::new(error))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipc_errors_map_to_their_exit_codes() {
        let not_running: CliError = IpcError::NotRunning {
            socket: "/s".into(),
            source: io::ErrorKind::NotFound.into(),
        }
        .into();
        assert_eq!(not_running.status(), ExitStatus::DaemonUnavailable);
        assert!(not_running.to_string().contains("sanctum daemon start"));
        let incompatible: CliError = IpcError::Incompatible {
            daemon_version: "9.9.9".into(),
            daemon_protocol: 999,
            cli_version: "0.1.0".into(),
            cli_protocol: 1,
        }
        .into();
        assert_eq!(incompatible.status(), ExitStatus::DaemonIncompatible);
        assert!(incompatible.to_string().contains("sanctum daemon restart"));
    }

    #[test]
    fn a_broken_pipe_is_quiet_success() {
        let error: CliError = io::Error::from(io::ErrorKind::BrokenPipe).into();
        assert_eq!(error.status(), ExitStatus::Success);
    }
}
