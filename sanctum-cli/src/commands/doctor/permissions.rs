//! Checks that what protects Sanctum's state and socket is private to the user.

use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::Path;

use sanctum_types::fs::is_private;

use super::{Check, Facts};

/// The state dir (audit log, daemon log) is 0700 and ours.
pub fn state_dir(facts: &Facts) -> Check {
    private_dir("state-dir", &facts.paths.state_dir)
}

/// The directory holding the socket is 0700 and ours: it is what keeps other users from
/// reaching or replacing the socket.
pub fn runtime_dir(facts: &Facts) -> Check {
    private_dir("runtime-dir", facts.paths.runtime_dir())
}

/// The socket, when present, is a socket, ours, and 0600.
pub fn socket(facts: &Facts) -> Check {
    const NAME: &str = "socket";
    let socket = &facts.paths.socket;
    let shown = socket.display();
    let restart = "remove it, then run `sanctum daemon restart`";
    match std::fs::symlink_metadata(socket) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Check::pass(
            NAME,
            format!("{shown} does not exist (it is created 0600 when the daemon starts)"),
        ),
        Err(error) => Check::fail(NAME, format!("cannot inspect {shown}: {error}"), restart),
        Ok(meta) if !meta.file_type().is_socket() => {
            Check::fail(NAME, format!("{shown} is not a socket"), restart)
        }
        Ok(meta) if meta.uid() != nix::unistd::geteuid().as_raw() => Check::fail(
            NAME,
            format!("{shown} is owned by uid {}, not by you", meta.uid()),
            restart,
        ),
        Ok(meta) if !is_private(socket) => Check::fail(
            NAME,
            format!(
                "{shown} is mode {:04o}: other users may connect",
                meta.mode() & 0o7777
            ),
            format!("chmod 600 {shown}"),
        ),
        Ok(meta) => Check::pass(
            NAME,
            format!(
                "{shown} is private (mode {:04o}, yours)",
                meta.mode() & 0o7777
            ),
        ),
    }
}

fn private_dir(name: &'static str, dir: &Path) -> Check {
    let shown = dir.display();
    match std::fs::symlink_metadata(dir) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Check::pass(
            name,
            format!("{shown} does not exist yet (it is created 0700 when needed)"),
        ),
        Err(error) => Check::fail(
            name,
            format!("cannot inspect {shown}: {error}"),
            "check the path and the permissions of its parent directories",
        ),
        Ok(meta) if !meta.is_dir() => Check::fail(
            name,
            format!("{shown} is not a directory (symlinks are refused)"),
            format!("remove {shown}; Sanctum recreates it"),
        ),
        Ok(meta) if meta.uid() != nix::unistd::geteuid().as_raw() => Check::fail(
            name,
            format!("{shown} is owned by uid {}, not by you", meta.uid()),
            format!("remove {shown} (as its owner) or point Sanctum elsewhere"),
        ),
        Ok(meta) if !is_private(dir) => Check::fail(
            name,
            format!(
                "{shown} is mode {:04o}: other users may read or change it",
                meta.mode() & 0o7777
            ),
            format!("chmod 700 {shown}"),
        ),
        Ok(meta) => Check::pass(
            name,
            format!("{shown} is private (mode {:04o})", meta.mode() & 0o7777),
        ),
    }
}
