//! Appending audit records safely: one line per `write`, under a lock, rotated by size.

use std::fs::File;
use std::io::Write;
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::{Path, PathBuf};

use nix::fcntl::{Flock, FlockArg};

use super::{AuditRecord, Level};
use crate::Error;
use crate::fs::{ensure_private_dir, rotate};
use crate::paths::sibling_with_suffix;

/// Appends records to the audit log.
///
/// Normally the daemon is the only writer; a hook running while the daemon is down may
/// append too, so every append takes an exclusive `flock` on `<log>.lock`, re-opens the file
/// if another writer rotated it, writes the whole line with one `write` on an `O_APPEND`
/// descriptor, and `fsync`s. A torn last line left by a crash is terminated before the next
/// record so it cannot corrupt it.
#[derive(Debug)]
pub struct AuditWriter {
    path: PathBuf,
    lock_path: PathBuf,
    max_bytes: u64,
    keep: u32,
    min_level: Level,
    open: Option<(File, u64)>,
}

impl AuditWriter {
    /// A writer for `path`; nothing is opened until the first append.
    #[must_use]
    pub fn new(path: &Path, max_bytes: u64, keep: u32, min_level: Level) -> Self {
        Self {
            path: path.to_path_buf(),
            lock_path: sibling_with_suffix(path, ".lock"),
            max_bytes,
            keep,
            min_level,
            open: None,
        }
    }

    /// Applies new limits after a config reload.
    pub fn set_limits(&mut self, max_bytes: u64, keep: u32, min_level: Level) {
        self.max_bytes = max_bytes;
        self.keep = keep;
        self.min_level = min_level;
    }

    /// The log file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends `record` unless its level is below the configured minimum.
    /// Returns whether it was written.
    ///
    /// # Errors
    /// [`Error::Io`] if the directory, lock or file cannot be used; the log is left intact.
    pub fn append(&mut self, record: &AuditRecord) -> Result<bool, Error> {
        if record.level < self.min_level {
            return Ok(false);
        }
        let mut line = serde_json::to_vec(record).map_err(|error| Error::Io {
            action: "encode audit record for",
            path: self.path.clone(),
            source: std::io::Error::other(error),
        })?;
        line.push(b'\n');
        if let Some(dir) = self.path.parent() {
            ensure_private_dir(dir)?;
        }
        let lock_file = crate::fs::open_append(&self.lock_path)?;
        let _lock = Flock::lock(lock_file, FlockArg::LockExclusive).map_err(|(_, errno)| {
            Error::io("lock", &self.lock_path)(std::io::Error::from(errno))
        })?;
        let path = self.path.clone();
        let file = self.current_file()?;
        file.write_all(&line)
            .map_err(Error::io("append to", &path))?;
        file.sync_data().map_err(Error::io("fsync", &path))?;
        let length = file.metadata().map_err(Error::io("inspect", &path))?.len();
        if length >= self.max_bytes {
            self.open = None;
            rotate(&self.path, self.keep)?;
        }
        Ok(true)
    }

    /// The open log file, re-opened if it was rotated or replaced since we last wrote.
    fn current_file(&mut self) -> Result<&mut File, Error> {
        let on_disk = std::fs::metadata(&self.path).ok().map(|meta| meta.ino());
        let stale = match (&self.open, on_disk) {
            (Some((_, inode)), Some(current)) => *inode != current,
            _ => true,
        };
        if stale {
            let mut file = crate::fs::open_append(&self.path)?;
            terminate_torn_line(&mut file).map_err(Error::io("repair", &self.path))?;
            let inode = file
                .metadata()
                .map_err(Error::io("inspect", &self.path))?
                .ino();
            self.open = Some((file, inode));
        }
        match &mut self.open {
            Some((file, _)) => Ok(file),
            None => Err(Error::io("open", &self.path)(std::io::Error::other(
                "not open",
            ))),
        }
    }
}

/// If the file does not end in a newline (a writer died mid-record), add one.
fn terminate_torn_line(file: &mut File) -> std::io::Result<()> {
    let length = file.metadata()?.len();
    if length == 0 {
        return Ok(());
    }
    let mut last = [0_u8; 1];
    file.read_exact_at(&mut last, length - 1)?;
    if last[0] != b'\n' {
        file.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Action, AuditFilter, Category, read_records};
    use crate::fs::rotated_name;

    fn record(level: Level, summary: &str) -> AuditRecord {
        AuditRecord::now(level, Category::Daemon, Action::None, summary)
    }

    #[test]
    fn filters_by_level_and_rotates_by_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/audit.ndjson");
        let mut writer = AuditWriter::new(&path, 400, 2, Level::Warning);
        assert!(!writer.append(&record(Level::Info, "ignored")).unwrap());
        for index in 0..12 {
            assert!(
                writer
                    .append(&record(Level::Warning, &format!("event {index}")))
                    .unwrap()
            );
        }
        assert!(rotated_name(&path, 1).exists());
        assert!(rotated_name(&path, 2).exists());
        assert!(!rotated_name(&path, 3).exists());
        let (records, stats) = read_records(&path, &AuditFilter::default()).unwrap();
        assert_eq!(stats.skipped_lines, 0);
        assert!(records.len() < 12, "the oldest were dropped by rotation");
        assert_eq!(records.last().unwrap().summary, "event 11");
        let summaries: Vec<_> = records.iter().map(|r| r.summary.clone()).collect();
        let mut sorted = summaries.clone();
        sorted.sort_by_key(|s| s.trim_start_matches("event ").parse::<u32>().unwrap());
        assert_eq!(summaries, sorted, "oldest first across rotated files");
    }

    #[test]
    fn a_torn_last_line_does_not_corrupt_the_next_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.ndjson");
        let mut writer = AuditWriter::new(&path, 1 << 20, 3, Level::Info);
        writer.append(&record(Level::Info, "before")).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"id\":\"tor")
            .unwrap();
        let mut second = AuditWriter::new(&path, 1 << 20, 3, Level::Info);
        second.append(&record(Level::Info, "after")).unwrap();
        let (records, stats) = read_records(&path, &AuditFilter::default()).unwrap();
        assert_eq!(
            records
                .iter()
                .map(|r| r.summary.as_str())
                .collect::<Vec<_>>(),
            ["before", "after"]
        );
        assert_eq!(stats.skipped_lines, 1);
    }

    #[test]
    fn two_writers_interleave_whole_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.ndjson");
        let threads: Vec<_> = (0..4)
            .map(|thread| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let mut writer = AuditWriter::new(&path, 4096, 50, Level::Info);
                    for index in 0..25 {
                        writer
                            .append(&record(Level::Info, &format!("{thread}-{index}")))
                            .unwrap();
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        let (records, stats) = read_records(&path, &AuditFilter::default()).unwrap();
        assert_eq!(stats.skipped_lines, 0);
        assert_eq!(records.len(), 100);
    }
}
