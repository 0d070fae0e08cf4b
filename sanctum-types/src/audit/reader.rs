//! Reading the audit log back, across rotated files, tolerating a torn line.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::{AuditRecord, Category, Level};
use crate::Error;
use crate::fs::rotated_name;

/// Which records to return. The default returns everything.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only records at or after this time.
    pub since: Option<Timestamp>,
    /// Only records at or above this level.
    pub min_level: Option<Level>,
    /// Only these categories (empty: all).
    pub categories: Vec<Category>,
}

impl AuditFilter {
    /// Whether `record` passes.
    #[must_use]
    pub fn matches(&self, record: &AuditRecord) -> bool {
        self.since.is_none_or(|since| record.time >= since)
            && self.min_level.is_none_or(|level| record.level >= level)
            && (self.categories.is_empty() || self.categories.contains(&record.category))
    }
}

/// What the reader had to pass over.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AuditReadStats {
    /// Lines that were not valid records (a torn write, or edited by hand).
    pub skipped_lines: u64,
}

/// The log's files that exist, oldest first: `log.N`, …, `log.1`, `log`.
#[must_use]
pub fn log_files(path: &Path) -> Vec<PathBuf> {
    let mut rotated: Vec<(u32, PathBuf)> = (1..=1000)
        .map(|index| (index, rotated_name(path, index)))
        .take_while(|(_, file)| file.exists())
        .collect();
    rotated.sort_by_key(|(index, _)| std::cmp::Reverse(*index));
    let mut files: Vec<PathBuf> = rotated.into_iter().map(|(_, file)| file).collect();
    if path.exists() {
        files.push(path.to_path_buf());
    }
    files
}

/// Reads every record that passes `filter`, oldest first. A missing log is empty.
///
/// # Errors
/// [`Error::Io`] if an existing file cannot be read.
pub fn read_records(
    path: &Path,
    filter: &AuditFilter,
) -> Result<(Vec<AuditRecord>, AuditReadStats), Error> {
    let mut records = Vec::new();
    let mut stats = AuditReadStats::default();
    for file in log_files(path) {
        let handle = match std::fs::File::open(&file) {
            Ok(handle) => handle,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(error) => return Err(Error::io("read", &file)(error)),
        };
        for line in BufReader::new(handle).split(b'\n') {
            let line = line.map_err(Error::io("read", &file))?;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice::<AuditRecord>(&line) {
                Ok(record) if filter.matches(&record) => records.push(record),
                Ok(_) => {}
                Err(_) => stats.skipped_lines += 1,
            }
        }
    }
    Ok((records, stats))
}
