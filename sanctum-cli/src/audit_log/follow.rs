//! Following the audit log as it grows, across rotation.
//!
//! The follower keeps the file open and remembers how far it has read. When woken (by a
//! file-system event; it never polls), it reads what was appended to the open file — which
//! still works after the writer renamed it to `audit.ndjson.1` — and then, if the path now
//! names a different file (rotation) or a shorter one (truncation), starts over on the new
//! file from its beginning.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Reads complete lines appended to a log file.
#[derive(Debug)]
pub struct Follower {
    path: PathBuf,
    open: Option<(File, u64)>,
    offset: u64,
    partial: Vec<u8>,
}

impl Follower {
    /// A follower of `path` that will report only what is appended after `offset` bytes of
    /// the current file (pass the file's length to skip what was already shown).
    #[must_use]
    pub fn new(path: &Path, offset: u64) -> Self {
        let open = File::open(path)
            .ok()
            .and_then(|file| Some((file.metadata().ok()?.ino(), file)))
            .map(|(inode, file)| (file, inode));
        Self {
            path: path.to_path_buf(),
            offset: if open.is_some() { offset } else { 0 },
            open,
            partial: Vec::new(),
        }
    }

    /// The length of `path` now, or 0 when it does not exist.
    #[must_use]
    pub fn current_length(path: &Path) -> u64 {
        std::fs::metadata(path).map_or(0, |meta| meta.len())
    }

    /// Complete lines (without their newline) appended since the last call.
    ///
    /// # Errors
    /// When an open file cannot be read.
    pub fn read_new_lines(&mut self) -> io::Result<Vec<Vec<u8>>> {
        let mut lines = Vec::new();
        self.read_open_file(&mut lines)?;
        match std::fs::metadata(&self.path) {
            Ok(meta) => {
                let replaced = self
                    .open
                    .as_ref()
                    .is_none_or(|(_, inode)| *inode != meta.ino());
                if replaced {
                    self.open = Some((File::open(&self.path)?, meta.ino()));
                    self.restart();
                    self.read_open_file(&mut lines)?;
                } else if meta.len() < self.offset {
                    self.restart();
                    self.read_open_file(&mut lines)?;
                }
            }
            // Rotated away and not yet recreated: keep the old file until a new one appears.
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(error),
        }
        Ok(lines)
    }

    fn restart(&mut self) {
        self.offset = 0;
        self.partial.clear();
    }

    fn read_open_file(&mut self, lines: &mut Vec<Vec<u8>>) -> io::Result<()> {
        let Some((file, _)) = self.open.as_mut() else {
            return Ok(());
        };
        file.seek(SeekFrom::Start(self.offset))?;
        let mut appended = Vec::new();
        let read = file.read_to_end(&mut appended)?;
        self.offset += read as u64;
        self.partial.extend_from_slice(&appended);
        while let Some(end) = self.partial.iter().position(|byte| *byte == b'\n') {
            let rest = self.partial.split_off(end + 1);
            let mut line = std::mem::replace(&mut self.partial, rest);
            line.pop();
            if !line.iter().all(u8::is_ascii_whitespace) {
                lines.push(line);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn append(path: &Path, text: &str) {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }

    fn text(lines: Vec<Vec<u8>>) -> Vec<String> {
        lines
            .into_iter()
            .map(|line| String::from_utf8(line).unwrap())
            .collect()
    }

    #[test]
    fn reports_only_new_complete_lines() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("audit.ndjson");
        append(&log, "old\n");
        let mut follower = Follower::new(&log, Follower::current_length(&log));
        assert!(follower.read_new_lines().unwrap().is_empty());
        append(&log, "one\ntw");
        assert_eq!(text(follower.read_new_lines().unwrap()), ["one"]);
        append(&log, "o\n");
        assert_eq!(text(follower.read_new_lines().unwrap()), ["two"]);
    }

    #[test]
    fn follows_rotation_without_losing_the_last_lines_of_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("audit.ndjson");
        append(&log, "a\n");
        let mut follower = Follower::new(&log, Follower::current_length(&log));
        append(&log, "b\n");
        std::fs::rename(&log, dir.path().join("audit.ndjson.1")).unwrap();
        assert_eq!(text(follower.read_new_lines().unwrap()), ["b"]);
        append(&log, "c\n");
        assert_eq!(text(follower.read_new_lines().unwrap()), ["c"]);
    }

    #[test]
    fn starts_over_after_truncation_and_waits_for_a_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("audit.ndjson");
        let mut follower = Follower::new(&log, 0);
        assert!(follower.read_new_lines().unwrap().is_empty());
        append(&log, "first line\n");
        assert_eq!(text(follower.read_new_lines().unwrap()), ["first line"]);
        std::fs::write(&log, "x\n").unwrap();
        assert_eq!(text(follower.read_new_lines().unwrap()), ["x"]);
    }
}
