//! Where Sanctum keeps things on disk, resolved once from the environment.
//!
//! Layout (Linux; macOS uses the `dirs` equivalents):
//!
//! | what | where |
//! |---|---|
//! | user config | `$SANCTUM_CONFIG`, else `$XDG_CONFIG_HOME/sanctum/config.toml` |
//! | state (audit log, daemon log) | `$XDG_STATE_HOME/sanctum/` |
//! | cache | `$XDG_CACHE_HOME/sanctum/` |
//! | socket | `$SANCTUM_SOCKET`, else `$XDG_RUNTIME_DIR/sanctum/daemon.sock`, else `<tmp>/sanctum-<uid>/daemon.sock` |
//! | single-instance lock (holds the pid) | `<socket>.lock` |
//!
//! This module never creates anything by itself: callers that write call
//! [`crate::fs::ensure_private_dir`] first, so a read-only command leaves no trace.

use std::path::{Path, PathBuf};

use crate::Error;
use crate::env_vars::{SANCTUM_CONFIG, SANCTUM_SOCKET};

/// File name of the user configuration inside the config dir.
pub const CONFIG_FILE_NAME: &str = "config.toml";
/// Directory (inside a project) holding a project-level config.
pub const PROJECT_CONFIG_DIR: &str = ".sanctum";
/// File name of the audit log inside the state dir.
pub const AUDIT_LOG_NAME: &str = "audit.ndjson";
/// File name of the daemon's own log inside the state dir.
pub const DAEMON_LOG_NAME: &str = "daemon.log";
/// File name of the socket inside the runtime dir.
pub const SOCKET_NAME: &str = "daemon.sock";
/// Unix socket paths are limited to 108 bytes on Linux (104 on macOS), terminator included.
pub const MAX_SOCKET_PATH_BYTES: usize = 103;

/// All resolved locations. Cheap to build; holds no handles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The user's home directory.
    pub home: PathBuf,
    /// The user config file in force (may not exist: defaults apply).
    pub config_file: PathBuf,
    /// Private directory for the audit log, logs and other durable state.
    pub state_dir: PathBuf,
    /// Private directory for caches that may be deleted at any time.
    pub cache_dir: PathBuf,
    /// The daemon's Unix socket.
    pub socket: PathBuf,
}

impl Paths {
    /// Resolves every location from the current environment.
    ///
    /// # Errors
    /// [`Error::NoHome`] when no home directory can be found.
    pub fn from_env() -> Result<Self, Error> {
        let home = dirs::home_dir().ok_or(Error::NoHome)?;
        let config_file = match std::env::var_os(SANCTUM_CONFIG) {
            Some(path) if !path.is_empty() => PathBuf::from(path),
            _ => dirs::config_dir()
                .unwrap_or_else(|| home.join(".config"))
                .join("sanctum")
                .join(CONFIG_FILE_NAME),
        };
        let state_dir = dirs::state_dir()
            .or_else(dirs::data_local_dir)
            .unwrap_or_else(|| home.join(".local").join("state"))
            .join("sanctum");
        let cache_dir = dirs::cache_dir()
            .unwrap_or_else(|| home.join(".cache"))
            .join("sanctum");
        let socket = match std::env::var_os(SANCTUM_SOCKET) {
            Some(path) if !path.is_empty() => PathBuf::from(path),
            _ => default_runtime_dir().join(SOCKET_NAME),
        };
        Ok(Self {
            home,
            config_file,
            state_dir,
            cache_dir,
            socket,
        })
    }

    /// The directory holding the socket; it must be private to the user.
    #[must_use]
    pub fn runtime_dir(&self) -> &Path {
        self.socket.parent().unwrap_or_else(|| Path::new("/"))
    }

    /// The advisory-lock file that enforces one daemon per socket; it also records the pid.
    #[must_use]
    pub fn lock_file(&self) -> PathBuf {
        sibling_with_suffix(&self.socket, ".lock")
    }

    /// The append-only audit log.
    #[must_use]
    pub fn audit_log(&self) -> PathBuf {
        self.state_dir.join(AUDIT_LOG_NAME)
    }

    /// The daemon's own diagnostic log (also receives the daemon's stdout/stderr).
    #[must_use]
    pub fn daemon_log(&self) -> PathBuf {
        self.state_dir.join(DAEMON_LOG_NAME)
    }
}

/// `$XDG_RUNTIME_DIR/sanctum` when the session has one, else a per-uid dir in the temp dir.
fn default_runtime_dir() -> PathBuf {
    match dirs::runtime_dir() {
        Some(dir) => dir.join("sanctum"),
        None => std::env::temp_dir().join(format!("sanctum-{}", nix::unistd::geteuid())),
    }
}

/// `path` with `suffix` appended to its file name (`a.sock` → `a.sock.lock`).
#[must_use]
pub fn sibling_with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// Finds the project config that applies to `start`: the nearest `.sanctum/config.toml`
/// walking up, stopping at the first directory that is a git work tree root or `home`.
///
/// Stopping there keeps a stray file higher up (e.g. in `/tmp`) from applying to
/// unrelated projects.
#[must_use]
pub fn find_project_config(start: &Path, home: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        let candidate = dir.join(PROJECT_CONFIG_DIR).join(CONFIG_FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir == home || dir.join(".git").exists() {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_file_sits_beside_the_socket() {
        let paths = Paths {
            home: "/h".into(),
            config_file: "/h/c".into(),
            state_dir: "/h/s".into(),
            cache_dir: "/h/k".into(),
            socket: "/run/x/daemon.sock".into(),
        };
        assert_eq!(paths.lock_file(), PathBuf::from("/run/x/daemon.sock.lock"));
        assert_eq!(paths.runtime_dir(), Path::new("/run/x"));
    }

    #[test]
    fn project_config_search_stops_at_the_git_root() {
        let root = tempfile::tempdir().unwrap();
        let outer = root.path().join("outer");
        let repo = outer.join("repo");
        let deep = repo.join("src/deep");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(outer.join(".sanctum")).unwrap();
        std::fs::write(outer.join(".sanctum/config.toml"), "").unwrap();
        assert_eq!(find_project_config(&deep, root.path()), None);

        std::fs::create_dir_all(repo.join(".sanctum")).unwrap();
        std::fs::write(repo.join(".sanctum/config.toml"), "").unwrap();
        assert_eq!(
            find_project_config(&deep, root.path()),
            Some(repo.join(".sanctum/config.toml"))
        );
    }
}
