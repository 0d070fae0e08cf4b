//! The most recent record, found by reading only the end of the log.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use sanctum_types::audit::{AuditRecord, log_files};

/// How much of the end of a file to read: far more than one record.
const TAIL_BYTES: u64 = 64 * 1024;

/// The last valid record of the log (looking into the newest rotated file if the current
/// one is empty), or `None`.
#[must_use]
pub fn last_record(log: &Path) -> Option<AuditRecord> {
    log_files(log).iter().rev().find_map(|file| last_in(file))
}

fn last_in(file: &Path) -> Option<AuditRecord> {
    let mut handle = std::fs::File::open(file).ok()?;
    let length = handle.metadata().ok()?.len();
    handle
        .seek(SeekFrom::Start(length.saturating_sub(TAIL_BYTES)))
        .ok()?;
    let mut bytes = Vec::new();
    handle.take(TAIL_BYTES).read_to_end(&mut bytes).ok()?;
    bytes
        .split(|byte| *byte == b'\n')
        .rev()
        .find_map(|line| serde_json::from_slice(line).ok())
}

#[cfg(test)]
mod tests {
    use sanctum_types::audit::{Action, AuditWriter, Category, Level};

    use super::*;

    #[test]
    fn finds_the_newest_record_and_skips_a_torn_tail() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("audit.ndjson");
        assert!(last_record(&log).is_none());
        let mut writer = AuditWriter::new(&log, 1 << 20, 2, Level::Info);
        for summary in ["first", "second"] {
            writer
                .append(&AuditRecord::now(
                    Level::Info,
                    Category::Daemon,
                    Action::None,
                    summary,
                ))
                .unwrap();
        }
        std::fs::OpenOptions::new()
            .append(true)
            .open(&log)
            .and_then(|mut file| std::io::Write::write_all(&mut file, b"{\"id\":"))
            .unwrap();
        assert_eq!(last_record(&log).unwrap().summary, "second");
    }
}
