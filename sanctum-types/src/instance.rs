//! One daemon per socket, enforced by an advisory lock rather than a pid file.
//!
//! The lock file (`<socket>.lock`) holds the owner's pid for display, but the *lock* is the
//! truth: the kernel drops it when the process dies, even on `kill -9`, so a stale file from
//! a crash never blocks the next start and never makes a dead daemon look alive.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{Flock, FlockArg};

use crate::Error;

/// Held for the daemon's whole life; dropping it (or dying) releases the lock.
#[derive(Debug)]
pub struct InstanceLock {
    _file: Flock<File>,
    path: PathBuf,
}

impl InstanceLock {
    /// Takes the lock without waiting and records our pid in the file.
    ///
    /// # Errors
    /// [`Error::AlreadyRunning`] if another live process holds it; [`Error::Io`] otherwise.
    pub fn acquire(path: &Path) -> Result<Self, Error> {
        let file = open_lock_file(path)?;
        let mut locked = match Flock::lock(file, FlockArg::LockExclusiveNonblock) {
            Ok(locked) => locked,
            Err((mut file, Errno::EWOULDBLOCK)) => {
                return Err(Error::AlreadyRunning {
                    pid: read_pid(&mut file),
                });
            }
            Err((_, errno)) => return Err(Error::io("lock", path)(errno.into())),
        };
        let pid = std::process::id().to_string();
        (|| {
            locked.set_len(0)?;
            locked.seek(SeekFrom::Start(0))?;
            locked.write_all(pid.as_bytes())?;
            locked.sync_data()
        })()
        .map_err(Error::io("record pid in", path))?;
        Ok(Self {
            _file: locked,
            path: path.to_path_buf(),
        })
    }

    /// The lock file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Whether a daemon holds the lock at `path`, as seen from another process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockState {
    /// Nobody holds it (no daemon, or a stale file left by a crash).
    Free,
    /// A live process holds it; its pid when the file records one.
    Held(Option<u32>),
}

/// Probes the lock without taking it for more than an instant.
///
/// # Errors
/// [`Error::Io`] if the file exists but cannot be opened or probed.
pub fn lock_state(path: &Path) -> Result<LockState, Error> {
    let file = match OpenOptions::new().read(true).open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(LockState::Free),
        Err(error) => return Err(Error::io("open", path)(error)),
    };
    match Flock::lock(file, FlockArg::LockSharedNonblock) {
        Ok(_released_on_drop) => Ok(LockState::Free),
        Err((mut file, Errno::EWOULDBLOCK)) => Ok(LockState::Held(read_pid(&mut file))),
        Err((_, errno)) => Err(Error::io("probe lock", path)(errno.into())),
    }
}

fn open_lock_file(path: &Path) -> Result<File, Error> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
        .map_err(Error::io("open", path))
}

fn read_pid(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.take(32).read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_acquire_is_refused_with_the_holders_pid_and_freed_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sock.lock");
        assert_eq!(lock_state(&path).unwrap(), LockState::Free);
        let held = InstanceLock::acquire(&path).unwrap();
        let me = Some(std::process::id());
        assert_eq!(lock_state(&path).unwrap(), LockState::Held(me));
        assert!(
            matches!(InstanceLock::acquire(&path), Err(Error::AlreadyRunning { pid }) if pid == me)
        );
        drop(held);
        assert_eq!(lock_state(&path).unwrap(), LockState::Free);
        InstanceLock::acquire(&path).unwrap();
    }

    #[test]
    fn a_stale_file_with_a_dead_pid_is_free() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sock.lock");
        std::fs::write(&path, "999999").unwrap();
        assert_eq!(lock_state(&path).unwrap(), LockState::Free);
    }
}
