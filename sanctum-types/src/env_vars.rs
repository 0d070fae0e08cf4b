//! Every environment variable Sanctum reads, in one place, so that none is spelled twice.

/// Overrides the daemon socket path. Tests point it into a temp dir; users rarely need it.
pub const SANCTUM_SOCKET: &str = "SANCTUM_SOCKET";

/// Overrides the user config file path (normally `$XDG_CONFIG_HOME/sanctum/config.toml`).
pub const SANCTUM_CONFIG: &str = "SANCTUM_CONFIG";

/// Overrides `daemon.log_level` for one run, like `RUST_LOG` but limited to our levels.
pub const SANCTUM_LOG: &str = "SANCTUM_LOG";

/// Where `scripts/install.sh` puts the binaries (default `~/.local/bin`).
pub const SANCTUM_INSTALL_DIR: &str = "SANCTUM_INSTALL_DIR";

/// Path of the `sanctum-daemon` binary that `sanctum daemon start` launches.
///
/// Without it the CLI looks next to its own executable, then on `PATH`.
pub const SANCTUM_DAEMON_BIN: &str = "SANCTUM_DAEMON_BIN";

/// Disables colour in human output (<https://no-color.org>).
pub const NO_COLOR: &str = "NO_COLOR";
