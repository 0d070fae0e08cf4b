//! Command-line arguments of `sanctum-daemon`; the doc comments are the `--help` text.

use std::path::PathBuf;

/// The per-user Sanctum daemon.
///
/// Normally started by `sanctum daemon start` (or a systemd/launchd service); it serves the
/// `sanctum` CLI and the agent hooks on a private Unix socket.
#[derive(Debug, Clone, Default, clap::Parser)]
#[command(name = "sanctum-daemon", version)]
pub struct DaemonArgs {
    /// Stay attached: log to stderr and do not start a new session. For systemd, launchd and
    /// debugging.
    #[arg(long)]
    pub foreground: bool,

    /// Listen on this socket (overrides `SANCTUM_SOCKET` and the default location).
    #[arg(long, value_name = "PATH")]
    pub socket: Option<PathBuf>,

    /// Read this config file (overrides `SANCTUM_CONFIG` and the default location).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::*;

    #[test]
    fn parses_every_flag() {
        DaemonArgs::command().debug_assert();
        let args = DaemonArgs::parse_from([
            "sanctum-daemon",
            "--foreground",
            "--socket",
            "/s",
            "--config",
            "/c",
        ]);
        assert!(args.foreground);
        assert_eq!(args.socket, Some(PathBuf::from("/s")));
        assert_eq!(args.config, Some(PathBuf::from("/c")));
    }
}
