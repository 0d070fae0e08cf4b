//! The one error type of this crate; each variant says what a caller can do about it.

use std::io;
use std::path::PathBuf;

/// Errors from reading start-up files, discovering environments and the quarantine store.
///
/// Analysis itself never fails: any bytes produce a report. Errors come only from the file
/// system and from the quarantine store's integrity checks.
#[derive(Debug, thiserror::Error)]
pub enum SentinelError {
    /// A file-system operation failed; `action` says which one (e.g. "read", "rename").
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What we were doing.
        action: &'static str,
        /// The file or directory concerned.
        path: PathBuf,
        /// The operating-system error.
        #[source]
        source: io::Error,
    },
    /// A shared file-system helper (atomic write, private directory) failed.
    #[error(transparent)]
    State(#[from] sanctum_types::Error),
    /// The file to quarantine is not a regular file (a directory, a symlink, a device).
    #[error("{} is not a regular file; refusing to quarantine it", path.display())]
    NotARegularFile {
        /// The offending path.
        path: PathBuf,
    },
    /// The file is larger than the quarantine store accepts; nothing was moved.
    #[error("{} is {size} bytes, more than the quarantine store accepts; nothing was moved", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
    },
    /// No quarantine entry has this id.
    #[error("no quarantined file with id `{id}`: run `sanctum review` to list them")]
    UnknownEntry {
        /// The id asked for.
        id: String,
    },
    /// A quarantine id that could name a path outside the store (`..`, `/`).
    #[error("`{id}` is not a valid quarantine id")]
    InvalidId {
        /// The id asked for.
        id: String,
    },
    /// The stored content no longer has the hash recorded at quarantine time: it was altered
    /// inside the store, so restoring it would run code nobody reviewed.
    #[error(
        "quarantined content of `{id}` was modified (expected sha256 {expected}, found {actual}); not restoring it"
    )]
    HashMismatch {
        /// The entry.
        id: String,
        /// The hash recorded when the file was quarantined.
        expected: String,
        /// The hash of what is in the store now.
        actual: String,
    },
    /// The original path now holds something other than the empty stub we left: restoring
    /// would overwrite someone's newer file.
    #[error("{} changed since it was quarantined (no longer the empty stub); move it away first", path.display())]
    OriginalChanged {
        /// The original path.
        path: PathBuf,
    },
    /// A metadata or approvals file could not be parsed.
    #[error("{} is corrupt: {reason}", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
}

impl SentinelError {
    /// Shorthand for [`SentinelError::Io`], used with `map_err`.
    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(io::Error) -> Self {
        let path = path.into();
        move |source| Self::Io {
            action,
            path,
            source,
        }
    }
}
