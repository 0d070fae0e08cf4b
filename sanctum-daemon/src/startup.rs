//! The file-system side of starting: private directories, the socket path, the stale
//! socket and the listener.
//!
//! Order matters and is enforced by [`crate::Daemon::bind`]: directories are made private
//! first, the instance lock is taken next, and only then is an existing socket file
//! removed — holding the lock proves that no live daemon owns it.

use std::io;
use std::path::{Path, PathBuf};

use interprocess::local_socket::tokio::Listener;
use interprocess::local_socket::{GenericFilePath, ListenerOptions, ToFsName};
use interprocess::os::unix::local_socket::ListenerOptionsExt;
use sanctum_types::fs::ensure_private_dir;
use sanctum_types::paths::{MAX_SOCKET_PATH_BYTES, Paths};

use crate::error::DaemonError;

/// Mode of the socket file: only our user may connect.
const SOCKET_MODE: nix::libc::mode_t = 0o600;

/// Checks the socket path and makes the runtime and state directories private.
pub(crate) fn prepare_directories(paths: &Paths) -> Result<(), DaemonError> {
    check_socket_path(&paths.socket)?;
    ensure_private_dir(paths.runtime_dir())?;
    ensure_private_dir(&paths.state_dir)?;
    Ok(())
}

/// Refuses a socket path that would not fit in a `sockaddr_un`.
pub(crate) fn check_socket_path(socket: &Path) -> Result<(), DaemonError> {
    let length = socket.as_os_str().len();
    if length > MAX_SOCKET_PATH_BYTES {
        return Err(DaemonError::SocketPathTooLong {
            path: socket.to_path_buf(),
            length,
        });
    }
    Ok(())
}

/// Removes a socket file left by a crashed daemon and listens on `socket` (mode 0600).
/// Call only while holding the instance lock. Must run inside the tokio runtime.
pub(crate) fn listen(socket: &Path) -> Result<Listener, DaemonError> {
    let bind_error = |source| DaemonError::Bind {
        path: socket.to_path_buf(),
        source,
    };
    remove_socket_file(socket).map_err(bind_error)?;
    let name = socket.to_fs_name::<GenericFilePath>().map_err(bind_error)?;
    ListenerOptions::new()
        .name(name)
        .mode(SOCKET_MODE)
        // We remove the file ourselves, while still holding the lock (see `remove_socket_file`).
        .reclaim_name(false)
        .create_tokio()
        .map_err(bind_error)
}

/// Removes the socket file; a missing file is fine.
pub(crate) fn remove_socket_file(socket: &Path) -> io::Result<()> {
    match std::fs::remove_file(socket) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// `path` made absolute against the current directory, so what `status` reports and what
/// the watcher watches do not depend on where the daemon was started.
pub(crate) fn absolute(path: PathBuf) -> PathBuf {
    std::path::absolute(&path).unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_socket_path_over_the_limit_is_refused_with_the_fix() {
        let long = PathBuf::from(format!("/tmp/{}/d.sock", "x".repeat(100)));
        let error = check_socket_path(&long).unwrap_err();
        assert!(
            matches!(error, DaemonError::SocketPathTooLong { length, .. } if length > MAX_SOCKET_PATH_BYTES)
        );
        assert!(error.to_string().contains("SANCTUM_SOCKET"), "{error}");
        check_socket_path(Path::new("/run/user/1000/sanctum/daemon.sock")).unwrap();
    }

    #[test]
    fn removing_a_missing_socket_is_fine() {
        let dir = tempfile::tempdir().unwrap();
        remove_socket_file(&dir.path().join("none.sock")).unwrap();
        let stale = dir.path().join("stale.sock");
        drop(std::os::unix::net::UnixListener::bind(&stale).unwrap());
        remove_socket_file(&stale).unwrap();
        assert!(!stale.exists());
    }

    #[tokio::test]
    async fn listens_with_mode_0600_over_a_stale_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("d.sock");
        drop(std::os::unix::net::UnixListener::bind(&socket).unwrap());
        let listener = listen(&socket).unwrap();
        let mode = std::fs::metadata(&socket).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        drop(listener);
        assert!(
            socket.exists(),
            "the file is removed by the daemon, not on drop"
        );
    }

    #[test]
    fn relative_paths_are_made_absolute() {
        assert!(absolute(PathBuf::from("d.sock")).is_absolute());
    }
}
