//! Running sanctum-daemon as a user service: a systemd user unit on Linux, a launchd agent
//! on macOS.
//!
//! Rendering is pure (see [`systemd`] and [`launchd`]); [`tool`] runs `systemctl` /
//! `launchctl` and reduces their failures to one honest line, because in containers and
//! sessions without a user manager enabling is expected to fail.

pub mod launchd;
pub mod systemd;
pub mod tool;

use std::path::{Path, PathBuf};

use sanctum_types::env_vars::{SANCTUM_CONFIG, SANCTUM_SOCKET};
use sanctum_types::paths::Paths;

use crate::locations::xdg_config_home;

/// The service managers we can install into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Manager {
    /// systemd user instance (`systemctl --user`).
    Systemd,
    /// launchd per-user agent.
    Launchd,
}

impl Manager {
    /// The manager of this platform.
    #[must_use]
    pub fn current() -> Self {
        if cfg!(target_os = "macos") {
            Self::Launchd
        } else {
            Self::Systemd
        }
    }

    /// Where the unit or agent file goes.
    #[must_use]
    pub fn service_file(self, home: &Path) -> PathBuf {
        match self {
            Self::Systemd => xdg_config_home(home)
                .join("systemd")
                .join("user")
                .join(systemd::UNIT_NAME),
            Self::Launchd => home
                .join("Library")
                .join("LaunchAgents")
                .join(format!("{}.plist", launchd::LABEL)),
        }
    }
}

/// What a service definition needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceSpec {
    /// Absolute path of `sanctum-daemon`.
    pub daemon: PathBuf,
    /// Environment passed through so the service uses the same socket and config as the CLI
    /// that installed it.
    pub environment: Vec<(&'static str, String)>,
    /// The daemon log, for launchd's stdout/stderr.
    pub log: PathBuf,
}

impl ServiceSpec {
    /// A spec for `daemon`, carrying `SANCTUM_SOCKET` / `SANCTUM_CONFIG` if they are set.
    #[must_use]
    pub fn new(daemon: PathBuf, paths: &Paths) -> Self {
        let environment = [SANCTUM_SOCKET, SANCTUM_CONFIG]
            .into_iter()
            .filter_map(|name| {
                let value = std::env::var_os(name).filter(|value| !value.is_empty())?;
                Some((name, value.to_string_lossy().into_owned()))
            })
            .collect();
        Self {
            daemon,
            environment,
            log: paths.daemon_log(),
        }
    }

    /// The service file's text for `manager`.
    #[must_use]
    pub fn render(&self, manager: Manager) -> String {
        match manager {
            Manager::Systemd => systemd::render_unit(self),
            Manager::Launchd => launchd::render_plist(self),
        }
    }
}
