//! Size-based rotation: `log` → `log.1` → … → `log.<keep>`, the oldest dropped.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::Error;

/// The name of the `index`-th rotated file of `path` (`audit.ndjson.2`).
#[must_use]
pub fn rotated_name(path: &Path, index: u32) -> PathBuf {
    crate::paths::sibling_with_suffix(path, &format!(".{index}"))
}

/// Shifts `path.1..path.<keep-1>` up by one, drops `path.<keep>`, and renames `path` to
/// `path.1`. Renames only: a reader holding the old file keeps reading it whole.
///
/// # Errors
/// [`Error::Io`] when a rename fails for a reason other than the file being absent.
pub fn rotate(path: &Path, keep: u32) -> Result<(), Error> {
    let keep = keep.max(1);
    for index in (1..keep).rev() {
        let from = rotated_name(path, index);
        let to = rotated_name(path, index + 1);
        rename_if_present(&from, &to)?;
    }
    rename_if_present(path, &rotated_name(path, 1))
}

fn rename_if_present(from: &Path, to: &Path) -> Result<(), Error> {
    match std::fs::rename(from, to) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => {
            Err(Error::io("rotate", from)(error))
        }
        _ => Ok(()),
    }
}

/// An append-only file that rotates itself once it grows past `max_bytes`.
///
/// Single writer: the daemon's own log. (The audit log, which may have a second writer
/// while the daemon is down, adds a lock on top; see [`crate::audit::AuditWriter`].)
#[derive(Debug)]
pub struct SizeRotatingFile {
    path: PathBuf,
    max_bytes: u64,
    keep: u32,
    file: File,
    len: u64,
}

impl SizeRotatingFile {
    /// Opens (creating 0600) `path` for appending.
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be opened.
    pub fn open(path: &Path, max_bytes: u64, keep: u32) -> Result<Self, Error> {
        let file = open_append(path)?;
        let len = file.metadata().map_err(Error::io("inspect", path))?.len();
        Ok(Self {
            path: path.to_path_buf(),
            max_bytes,
            keep,
            file,
            len,
        })
    }

    /// The file being written.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Changes the rotation size (a reloaded config); applies from the next write.
    pub fn set_max_bytes(&mut self, max_bytes: u64) {
        self.max_bytes = max_bytes;
    }

    fn rotate_now(&mut self) -> io::Result<()> {
        rotate(&self.path, self.keep).map_err(io::Error::other)?;
        self.file = open_append(&self.path).map_err(io::Error::other)?;
        self.len = 0;
        Ok(())
    }
}

impl Write for SizeRotatingFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.len > 0 && self.len + buf.len() as u64 > self.max_bytes {
            self.rotate_now()?;
        }
        self.file.write_all(buf)?;
        self.len += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Opens `path` for appending (and reading, so a writer can inspect its tail) with mode
/// 0600, creating it if needed.
///
/// # Errors
/// [`Error::Io`] if the file cannot be opened.
pub fn open_append(path: &Path) -> Result<File, Error> {
    OpenOptions::new()
        .create(true)
        .read(true)
        .append(true)
        .mode(0o600)
        .open(path)
        .map_err(Error::io("open for appending", path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotates_when_full_and_keeps_at_most_keep_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.log");
        let mut file = SizeRotatingFile::open(&path, 10, 2).unwrap();
        for line in ["aaaaaaaa\n", "bbbbbbbb\n", "cccccccc\n", "dddddddd\n"] {
            file.write_all(line.as_bytes()).unwrap();
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "dddddddd\n");
        assert_eq!(
            std::fs::read_to_string(rotated_name(&path, 1)).unwrap(),
            "cccccccc\n"
        );
        assert_eq!(
            std::fs::read_to_string(rotated_name(&path, 2)).unwrap(),
            "bbbbbbbb\n"
        );
        assert!(!rotated_name(&path, 3).exists());
    }
}
