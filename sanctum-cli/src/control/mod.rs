//! Starting, probing and stopping sanctum-daemon from the outside.
//!
//! The daemon detaches itself (`setsid`) and enforces one instance with its lock; this
//! module only launches it with the right stdio, waits with deadlines (never unbounded),
//! and falls back to signals when the socket does not answer. It never uses `unsafe` or
//! `pre_exec`.

mod locate;
mod probe;
mod process;
mod start;
mod stop;

use std::time::Duration;

pub use locate::{DAEMON_BINARY_NAME, daemon_binary, find_on_path, is_executable};
pub use probe::{ping, status};
pub use process::{is_alive, wait_until};
pub use start::{StartOutcome, start};
pub use stop::{StopOutcome, stop};

/// How long a liveness probe may wait for a reply. Short: a hung daemon must not hang a
/// shell prompt or a status line for long.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(1);
/// How long `daemon start` waits for the new daemon to answer.
pub const START_TIMEOUT: Duration = Duration::from_secs(5);
/// How long `daemon stop` waits after asking (and again after SIGTERM).
pub const STOP_TIMEOUT: Duration = Duration::from_secs(5);
