//! Finding the `sanctum-daemon` binary to launch: `$SANCTUM_DAEMON_BIN`, else next to this
//! executable (how install.sh and cargo lay them out), else on `PATH`.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use sanctum_types::env_vars::SANCTUM_DAEMON_BIN;

use crate::error::CliError;

/// File name of the daemon binary.
pub const DAEMON_BINARY_NAME: &str = "sanctum-daemon";

/// The absolute path of the daemon binary to run.
///
/// # Errors
/// [`CliError::DaemonUnavailable`] naming where we looked and how to fix it.
pub fn daemon_binary() -> Result<PathBuf, CliError> {
    if let Some(path) = std::env::var_os(SANCTUM_DAEMON_BIN).filter(|path| !path.is_empty()) {
        let path = PathBuf::from(path);
        return if is_executable(&path) {
            Ok(std::path::absolute(&path).unwrap_or(path))
        } else {
            Err(CliError::DaemonUnavailable(format!(
                "{SANCTUM_DAEMON_BIN} is set to {}, which is not an executable file: \
                 fix or unset it",
                path.display()
            )))
        };
    }
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(DAEMON_BINARY_NAME)));
    if let Some(path) = beside.as_ref().filter(|path| is_executable(path)) {
        return Ok(path.clone());
    }
    find_on_path(DAEMON_BINARY_NAME).ok_or_else(|| {
        let beside = beside.map_or_else(String::new, |path| format!("at {} or ", path.display()));
        CliError::DaemonUnavailable(format!(
            "cannot find {DAEMON_BINARY_NAME} {beside}on PATH: install it next to `sanctum` \
             (scripts/install.sh does) or set {SANCTUM_DAEMON_BIN}"
        ))
    })
}

/// The first executable called `name` in `$PATH`, made absolute.
#[must_use]
pub fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
        .map(|found| std::path::absolute(&found).unwrap_or(found))
}

/// Whether `path` is a regular file (after symlinks) with an execute bit.
#[must_use]
pub fn is_executable(path: &Path) -> bool {
    std::fs::metadata(path)
        .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
}
