//! What can go wrong talking to the daemon, split by what the caller should do next.

use std::io;
use std::path::PathBuf;

use super::ErrorCode;

/// An IPC failure. `Display` texts name the fix where there is one.
#[derive(Debug, thiserror::Error)]
pub enum IpcError {
    /// Nobody is listening: the socket is missing or refuses connections.
    #[error("the daemon is not running (no answer on {}): run `sanctum daemon start`", socket.display())]
    NotRunning {
        /// The socket we tried.
        socket: PathBuf,
        /// The connect error.
        #[source]
        source: io::Error,
    },
    /// The daemon speaks another protocol revision.
    #[error(
        "the daemon is {daemon_version} (protocol {daemon_protocol}), this CLI is {cli_version} \
         (protocol {cli_protocol}): run `sanctum daemon restart`"
    )]
    Incompatible {
        /// The daemon's release version.
        daemon_version: String,
        /// The daemon's protocol revision.
        daemon_protocol: u32,
        /// Ours.
        cli_version: String,
        /// Ours.
        cli_protocol: u32,
    },
    /// The daemon did not answer in time.
    #[error("the daemon did not answer in time")]
    Timeout,
    /// The peer closed the connection cleanly between frames.
    #[error("the connection was closed")]
    Closed,
    /// The peer closed or stalled in the middle of a frame.
    #[error("the connection ended in the middle of a message")]
    Truncated,
    /// A length prefix of 0 or above the limit.
    #[error("message of {length} bytes is outside the 1..={max} byte limit")]
    FrameTooLarge {
        /// The announced length.
        length: u64,
        /// The limit in force.
        max: u32,
    },
    /// The payload is not JSON of a known shape.
    #[error("malformed message: {0}")]
    Malformed(#[source] serde_json::Error),
    /// Our own message could not be encoded (a bug).
    #[error("cannot encode message: {0}")]
    Encode(#[source] serde_json::Error),
    /// The daemon answered with a typed error.
    #[error("the daemon refused the request ({code}): {message}")]
    Refused {
        /// Machine-readable reason.
        code: ErrorCode,
        /// Human-readable reason.
        message: String,
    },
    /// The daemon answered with a response that does not fit the request (a bug or a
    /// newer daemon).
    #[error("unexpected reply from the daemon: {0}")]
    UnexpectedReply(String),
    /// Any other socket error.
    #[error("socket error: {0}")]
    Io(#[source] io::Error),
}

impl IpcError {
    /// Maps an I/O error, turning socket time-outs into [`IpcError::Timeout`].
    #[must_use]
    pub fn from_io(error: io::Error) -> Self {
        match error.kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => Self::Timeout,
            io::ErrorKind::UnexpectedEof => Self::Truncated,
            _ => Self::Io(error),
        }
    }

    /// Whether the daemon is simply not there (as opposed to broken or incompatible).
    #[must_use]
    pub fn is_not_running(&self) -> bool {
        matches!(self, Self::NotRunning { .. })
    }
}
