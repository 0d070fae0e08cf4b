//! Exit statuses: one fixed code per kind of outcome, so scripts can branch on them.
//!
//! The table in [`HELP`] is shown by `sanctum --help`; a unit test keeps it in step with the
//! constants.

/// Success.
pub const OK: u8 = 0;
/// A check failed (`sanctum doctor` found a problem) or an operation could not be completed
/// (e.g. the daemon would not stop).
pub const FAILED: u8 = 1;
/// The command line was wrong (clap uses this code for its own parse errors too), or
/// `sanctum scan` could not read everything it was asked to scan.
pub const USAGE: u8 = 2;
/// A configuration file or environment override is invalid.
pub const CONFIG: u8 = 3;
/// sanctum-daemon is not running, could not be started, or does not answer.
pub const DAEMON_UNAVAILABLE: u8 = 4;
/// sanctum-daemon speaks another protocol revision (a stale install or an upgrade without
/// restart).
pub const DAEMON_INCOMPATIBLE: u8 = 5;
/// `sanctum hook` stopped the assistant's tool call or prompt (the hook protocol's "block").
pub const HOOK_BLOCKED: u8 = 2;
/// A bug or an unexpected system error (`EX_SOFTWARE` of sysexits).
pub const INTERNAL: u8 = 70;

/// The exit-code table appended to `sanctum --help`.
pub const HELP: &str = "\
Exit status:
  0   success
  1   a check failed (`sanctum doctor`, `sanctum scan` found credentials) or an
      operation could not be completed
  2   usage error (wrong arguments), `sanctum scan` could not read everything, or
      `sanctum hook` blocked the assistant's call
  3   configuration error (check with `sanctum config validate`)
  4   sanctum-daemon is not running or does not answer (`sanctum daemon start`)
  5   sanctum-daemon is a different version (`sanctum daemon restart`)
  70  internal error";

/// How a command ended; converts to one of the codes above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// [`OK`].
    Success,
    /// [`FAILED`].
    Failed,
    /// [`USAGE`].
    Usage,
    /// [`CONFIG`].
    Config,
    /// [`DAEMON_UNAVAILABLE`].
    DaemonUnavailable,
    /// [`DAEMON_INCOMPATIBLE`].
    DaemonIncompatible,
    /// [`INTERNAL`].
    Internal,
    /// A hook blocked the assistant's call: 2, the code AI assistants read as "stop".
    HookBlocked,
}

impl ExitStatus {
    /// The process exit code.
    #[must_use]
    pub fn code(self) -> u8 {
        match self {
            Self::Success => OK,
            Self::Failed => FAILED,
            Self::Usage => USAGE,
            Self::Config => CONFIG,
            Self::DaemonUnavailable => DAEMON_UNAVAILABLE,
            Self::DaemonIncompatible => DAEMON_INCOMPATIBLE,
            Self::Internal => INTERNAL,
            Self::HookBlocked => HOOK_BLOCKED,
        }
    }
}
