//! Start-up files already judged, so a sweep does not re-read what has not changed.
//!
//! A file is unchanged when its size, modification time, change time and inode are all the
//! same: `ctime` cannot be set back by a writer (unlike `mtime`), and a replaced file has a
//! new inode. Events never consult this: an event says the file changed, and a write within
//! one timestamp tick may keep every one of these values.

use std::collections::HashMap;
use std::fs::Metadata;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use sanctum_sentinel::Verdict;

/// Files remembered at most (start-up files are a handful per site directory).
const MAX_ENTRIES: usize = 100_000;

/// What identifies one version of a file on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    size: u64,
    modified: (i64, i64),
    changed: (i64, i64),
    inode: u64,
}

impl Fingerprint {
    /// The fingerprint of the file `meta` describes.
    pub fn of(meta: &Metadata) -> Self {
        Self {
            size: meta.size(),
            modified: (meta.mtime(), meta.mtime_nsec()),
            changed: (meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
        }
    }
}

/// The judgement of one version of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Judged {
    /// Which version.
    pub fingerprint: Fingerprint,
    /// Hash of the content judged.
    pub sha256: String,
    /// The verdict.
    pub verdict: Verdict,
}

/// Judged files by path.
#[derive(Debug, Default)]
pub(crate) struct SeenFiles {
    files: HashMap<PathBuf, Judged>,
}

impl SeenFiles {
    /// Whether `path` was judged in exactly this version.
    pub fn unchanged(&self, path: &Path, fingerprint: Fingerprint) -> bool {
        self.files
            .get(path)
            .is_some_and(|judged| judged.fingerprint == fingerprint)
    }

    /// Records a judgement, returning the previous one.
    pub fn insert(&mut self, path: PathBuf, judged: Judged) -> Option<Judged> {
        if self.files.len() >= MAX_ENTRIES && !self.files.contains_key(&path) {
            self.files.clear();
        }
        self.files.insert(path, judged)
    }

    /// Forgets `path` (it was removed).
    pub fn remove(&mut self, path: &Path) {
        self.files.remove(path);
    }

    /// Forgets every critical judgement, so the next sweep acts on those files again (after
    /// `sentinel.on_critical` changed).
    pub fn forget_critical(&mut self) {
        self.files
            .retain(|_, judged| judged.verdict != Verdict::Critical);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewrite_changes_the_fingerprint_and_critical_entries_can_be_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pth");
        std::fs::write(&path, "/x\n").unwrap();
        let first = Fingerprint::of(&std::fs::metadata(&path).unwrap());
        let mut seen = SeenFiles::default();
        seen.insert(
            path.clone(),
            Judged {
                fingerprint: first,
                sha256: "h".into(),
                verdict: Verdict::Critical,
            },
        );
        assert!(seen.unchanged(&path, first));
        std::fs::write(&path, "/yy\n").unwrap();
        let second = Fingerprint::of(&std::fs::metadata(&path).unwrap());
        assert_ne!(first, second);
        assert!(!seen.unchanged(&path, second));
        seen.insert(
            path.clone(),
            Judged {
                fingerprint: second,
                sha256: "h2".into(),
                verdict: Verdict::Critical,
            },
        );
        seen.forget_critical();
        assert!(!seen.unchanged(&path, second));
    }
}
