//! The quarantine store: `<base>/<id>/{content,meta.json}` plus `<base>/approvals.json`,
//! where `<base>` is normally `$XDG_STATE_HOME/sanctum/quarantine` (taken as a parameter).
//!
//! # Crash safety
//!
//! The original content must never be lost, whatever point a crash (or a racing writer)
//! interrupts. [`QuarantineStore::quarantine`] therefore works in this order:
//!
//! 1. write `meta.json` in state `pending`, naming the original path and a hidden *staging*
//!    name in the original's own directory (fsynced);
//! 2. **rename** the original to the staging name — same directory, so atomic, and what is
//!    moved is exactly the inode Python would have read (no read-then-truncate race with a
//!    writer); the staging name does not end in `.pth`, so Python ignores it;
//! 3. create the empty stub at the original path with the original mode (fsync file + dir),
//!    so Python keeps starting and the package manager's RECORD still names a file;
//! 4. copy the staged content into `content` and rewrite `meta.json` as `quarantined` with its
//!    hash (both via `write_atomic`, fsynced);
//! 5. unlink the staging file (fsync dir).
//!
//! A crash before 2 leaves a pending entry and the untouched original; after 2 the content
//! is in the staging file until step 4 made the store copy durable. [`QuarantineStore::recover`]
//! finishes or discards pending entries at start-up accordingly.
//!
//! [`QuarantineStore::approve`] records the approval by hash *before* restoring (a crash then
//! leaves the content in the store and the approval harmlessly recorded), verifies the
//! stored hash, refuses to overwrite anything but the empty stub, restores atomically with
//! the original mode, and only then removes the entry.
//!
//! All directories are 0700 and all files 0600 (except the stub and restored files, which get
//! the original's mode). The store assumes a single writer (the daemon).

mod entry;

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use jiff::Timestamp;
use sanctum_types::fs::{ensure_private_dir, write_atomic};

pub use entry::{Approval, EntryState, QuarantineEntry, WriterInfo};

use crate::SentinelError;
use crate::report::{Report, StartupFileKind, sha256_hex};

/// Name of the directory under the state dir.
pub const QUARANTINE_DIR_NAME: &str = "quarantine";
/// File holding the stored bytes inside an entry.
pub const CONTENT_FILE: &str = "content";
/// File holding the metadata inside an entry.
pub const META_FILE: &str = "meta.json";
/// The approvals file inside the store.
pub const APPROVALS_FILE: &str = "approvals.json";
/// Largest file the store accepts (start-up files are tiny; this bounds memory).
pub const MAX_QUARANTINE_BYTES: u64 = 64 * 1024 * 1024;

static SEQUENCE: AtomicU32 = AtomicU32::new(0);

/// A quarantine store rooted at a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarantineStore {
    dir: PathBuf,
}

impl QuarantineStore {
    /// A store in `dir` (created on first write, 0700).
    #[must_use]
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The store inside Sanctum's state directory.
    #[must_use]
    pub fn in_state_dir(state_dir: &Path) -> Self {
        Self::new(state_dir.join(QUARANTINE_DIR_NAME))
    }

    /// The store's directory.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn entry_dir(&self, id: &str) -> Result<PathBuf, SentinelError> {
        let valid = !id.is_empty()
            && id.len() <= 64
            && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
        if !valid {
            return Err(SentinelError::InvalidId { id: id.to_owned() });
        }
        Ok(self.dir.join(id))
    }

    /// Moves the file at `path` into the store and leaves an empty stub with its mode.
    ///
    /// `report` is the judgement that triggered this; if the file changed since (its hash
    /// differs), the staged content is judged again and that judgement is recorded.
    ///
    /// # Errors
    /// [`SentinelError::NotARegularFile`] for directories and devices, [`SentinelError::Io`]
    /// or [`SentinelError::State`] when a step fails (the original content is then either
    /// still in place or in the staging file; see [`Self::recover`]).
    pub fn quarantine(
        &self,
        path: &Path,
        report: &Report,
        writer: Option<WriterInfo>,
    ) -> Result<QuarantineEntry, SentinelError> {
        let link_meta =
            std::fs::symlink_metadata(path).map_err(SentinelError::io("inspect", path))?;
        let symlink_target = if link_meta.file_type().is_symlink() {
            Some(std::fs::read_link(path).map_err(SentinelError::io("read link", path))?)
        } else {
            None
        };
        let meta = std::fs::metadata(path).map_err(SentinelError::io("inspect", path))?;
        if !meta.is_file() {
            return Err(SentinelError::NotARegularFile {
                path: path.to_path_buf(),
            });
        }
        if meta.len() > MAX_QUARANTINE_BYTES {
            return Err(SentinelError::TooLarge {
                path: path.to_path_buf(),
                size: meta.len(),
            });
        }
        let mode = meta.permissions().mode() & 0o7777;
        let parent = path.parent().unwrap_or(Path::new("."));
        let id = new_id();
        let staging_path = parent.join(format!(".sanctum-quarantine-{id}"));
        let entry_dir = self.entry_dir(&id)?;
        ensure_private_dir(&self.dir)?;
        ensure_private_dir(&entry_dir)?;

        let mut entry = QuarantineEntry {
            id: id.clone(),
            state: EntryState::Pending,
            original_path: path.to_path_buf(),
            mode,
            sha256: None,
            size: 0,
            kind: StartupFileKind::of(path),
            verdict: report.verdict,
            reasons: report.all_reasons(),
            quarantined_at: Timestamp::now(),
            symlink_target,
            staging_path: staging_path.clone(),
            writer,
        };
        // 1. pending metadata, durable before anything moves.
        self.write_meta(&entry)?;
        sync_dir(&self.dir)?;
        // 2. move the original aside atomically (the link itself, if it is one).
        std::fs::rename(path, &staging_path).map_err(SentinelError::io("move aside", path))?;
        sync_dir(parent)?;
        // 3. the empty stub, original mode.
        create_stub(path, mode)?;
        sync_dir(parent)?;
        // 4. durable copy in the store.
        let content = read_limited(&staging_path)?;
        let sha256 = sha256_hex(&content);
        if sha256 != report.sha256 {
            let fresh = crate::startup::analyze_bytes(
                entry.kind.unwrap_or(StartupFileKind::Pth),
                &content,
                Some(parent),
            );
            entry.verdict = fresh.verdict;
            entry.reasons = fresh.all_reasons();
        }
        write_atomic(&entry_dir.join(CONTENT_FILE), &content, 0o600)?;
        entry.sha256 = Some(sha256);
        entry.size = content.len() as u64;
        entry.state = EntryState::Quarantined;
        self.write_meta(&entry)?;
        // 5. the staged original is no longer needed.
        std::fs::remove_file(&staging_path).map_err(SentinelError::io("remove", &staging_path))?;
        sync_dir(parent)?;
        Ok(entry)
    }

    /// Records who wrote the file of entry `id`, after the fact.
    ///
    /// Looking for the writer costs a few milliseconds; the daemon quarantines first (that
    /// is what protects) and attributes afterwards, so the lookup never delays the move.
    ///
    /// # Errors
    /// As [`Self::get`], and I/O errors writing `meta.json`.
    pub fn annotate_writer(
        &self,
        id: &str,
        writer: WriterInfo,
    ) -> Result<QuarantineEntry, SentinelError> {
        let mut entry = self.get(id)?;
        entry.writer = Some(writer);
        self.write_meta(&entry)?;
        Ok(entry)
    }

    /// Finishes or discards entries left `pending` by a crash; returns the ids it completed.
    ///
    /// # Errors
    /// As [`Self::list`], and I/O errors while completing an entry.
    pub fn recover(&self) -> Result<Vec<String>, SentinelError> {
        let mut completed = Vec::new();
        for mut entry in self.list_all()? {
            if entry.state != EntryState::Pending {
                continue;
            }
            let entry_dir = self.entry_dir(&entry.id)?;
            if entry.staging_path.exists() {
                let content = read_limited(&entry.staging_path)?;
                write_atomic(&entry_dir.join(CONTENT_FILE), &content, 0o600)?;
                entry.sha256 = Some(sha256_hex(&content));
                entry.size = content.len() as u64;
                entry.state = EntryState::Quarantined;
                self.write_meta(&entry)?;
                if !entry.original_path.exists() {
                    create_stub(&entry.original_path, entry.mode)?;
                }
                std::fs::remove_file(&entry.staging_path)
                    .map_err(SentinelError::io("remove", &entry.staging_path))?;
                completed.push(entry.id);
            } else {
                // Never moved: the original is untouched; forget the entry.
                std::fs::remove_dir_all(&entry_dir)
                    .map_err(SentinelError::io("remove", &entry_dir))?;
            }
        }
        Ok(completed)
    }

    /// Every quarantined entry, oldest first (pending ones excluded).
    ///
    /// # Errors
    /// [`SentinelError::Io`] if the store cannot be listed, [`SentinelError::Corrupt`] for an
    /// unreadable `meta.json`.
    pub fn list(&self) -> Result<Vec<QuarantineEntry>, SentinelError> {
        Ok(self
            .list_all()?
            .into_iter()
            .filter(|entry| entry.state == EntryState::Quarantined)
            .collect())
    }

    fn list_all(&self) -> Result<Vec<QuarantineEntry>, SentinelError> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(SentinelError::io("list", &self.dir)(error)),
        };
        let mut out = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_dir() && self.entry_dir(&name).is_ok() {
                out.push(self.read_meta(&name)?);
            }
        }
        out.sort_by(|a, b| (a.quarantined_at, &a.id).cmp(&(b.quarantined_at, &b.id)));
        Ok(out)
    }

    /// The entry `id`.
    ///
    /// # Errors
    /// [`SentinelError::UnknownEntry`], [`SentinelError::InvalidId`], [`SentinelError::Corrupt`].
    pub fn get(&self, id: &str) -> Result<QuarantineEntry, SentinelError> {
        self.read_meta(id)
    }

    /// The stored content of entry `id`, verified against its recorded hash.
    ///
    /// # Errors
    /// [`SentinelError::HashMismatch`] if it was altered, and as [`Self::get`].
    pub fn content(&self, id: &str) -> Result<Vec<u8>, SentinelError> {
        let entry = self.get(id)?;
        let path = self.entry_dir(id)?.join(CONTENT_FILE);
        let content = read_limited(&path)?;
        let actual = sha256_hex(&content);
        let expected = entry.sha256.unwrap_or_default();
        if actual != expected {
            return Err(SentinelError::HashMismatch {
                id: id.to_owned(),
                expected,
                actual,
            });
        }
        Ok(content)
    }

    /// Restores entry `id` to its original path and remembers its hash as approved.
    ///
    /// # Errors
    /// [`SentinelError::HashMismatch`] if the stored content was altered,
    /// [`SentinelError::OriginalChanged`] if the original path holds anything but the empty
    /// stub, and I/O errors.
    pub fn approve(&self, id: &str) -> Result<QuarantineEntry, SentinelError> {
        let entry = self.get(id)?;
        let content = self.content(id)?;
        let original = &entry.original_path;
        match std::fs::symlink_metadata(original) {
            Ok(meta) if meta.is_file() && meta.len() == 0 => {}
            Ok(_) => {
                return Err(SentinelError::OriginalChanged {
                    path: original.clone(),
                });
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(SentinelError::io("inspect", original)(error)),
        }
        let sha256 = sha256_hex(&content);
        self.record_approval(&sha256, original)?;
        write_atomic(original, &content, entry.mode)?;
        std::fs::set_permissions(original, std::fs::Permissions::from_mode(entry.mode))
            .map_err(SentinelError::io("chmod", original))?;
        let entry_dir = self.entry_dir(id)?;
        std::fs::remove_dir_all(&entry_dir).map_err(SentinelError::io("remove", &entry_dir))?;
        sync_dir(&self.dir)?;
        Ok(entry)
    }

    /// Whether content with this hash was approved (so it must not be quarantined again).
    ///
    /// # Errors
    /// [`SentinelError::Corrupt`] if the approvals file cannot be parsed.
    pub fn is_approved(&self, sha256: &str) -> Result<bool, SentinelError> {
        Ok(self
            .approvals()?
            .approvals
            .iter()
            .any(|approval| approval.sha256 == sha256))
    }

    /// Every approval recorded.
    ///
    /// # Errors
    /// [`SentinelError::Corrupt`] if the approvals file cannot be parsed.
    pub fn approval_list(&self) -> Result<Vec<Approval>, SentinelError> {
        Ok(self.approvals()?.approvals)
    }

    /// Deletes entry `id` for good; the empty stub stays where it is.
    ///
    /// # Errors
    /// As [`Self::get`], and I/O errors.
    pub fn delete(&self, id: &str) -> Result<QuarantineEntry, SentinelError> {
        let entry = self.get(id)?;
        let entry_dir = self.entry_dir(id)?;
        std::fs::remove_dir_all(&entry_dir).map_err(SentinelError::io("remove", &entry_dir))?;
        sync_dir(&self.dir)?;
        Ok(entry)
    }

    fn approvals(&self) -> Result<entry::Approvals, SentinelError> {
        let path = self.dir.join(APPROVALS_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|error| SentinelError::Corrupt {
                path,
                reason: error.to_string(),
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                Ok(entry::Approvals::default())
            }
            Err(error) => Err(SentinelError::io("read", &path)(error)),
        }
    }

    fn record_approval(&self, sha256: &str, path: &Path) -> Result<(), SentinelError> {
        ensure_private_dir(&self.dir)?;
        let mut approvals = self.approvals()?;
        if !approvals.approvals.iter().any(|a| a.sha256 == sha256) {
            approvals.approvals.push(Approval {
                sha256: sha256.to_owned(),
                approved_at: Timestamp::now(),
                path: path.to_path_buf(),
            });
        }
        let bytes =
            serde_json::to_vec_pretty(&approvals).map_err(|error| SentinelError::Corrupt {
                path: self.dir.join(APPROVALS_FILE),
                reason: error.to_string(),
            })?;
        write_atomic(&self.dir.join(APPROVALS_FILE), &bytes, 0o600)?;
        Ok(())
    }

    fn write_meta(&self, entry: &QuarantineEntry) -> Result<(), SentinelError> {
        let path = self.entry_dir(&entry.id)?.join(META_FILE);
        let bytes = serde_json::to_vec_pretty(entry).map_err(|error| SentinelError::Corrupt {
            path: path.clone(),
            reason: error.to_string(),
        })?;
        write_atomic(&path, &bytes, 0o600)?;
        Ok(())
    }

    fn read_meta(&self, id: &str) -> Result<QuarantineEntry, SentinelError> {
        let path = self.entry_dir(id)?.join(META_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(SentinelError::UnknownEntry { id: id.to_owned() });
            }
            Err(error) => return Err(SentinelError::io("read", &path)(error)),
        };
        serde_json::from_slice(&bytes).map_err(|error| SentinelError::Corrupt {
            path,
            reason: error.to_string(),
        })
    }
}

/// A fresh, time-ordered id: `<unix-ms hex>-<pid hex>-<sequence hex>`.
fn new_id() -> String {
    let millis = u64::try_from(Timestamp::now().as_millisecond()).unwrap_or_default();
    let sequence = SEQUENCE.fetch_add(1, Ordering::Relaxed);
    format!("{millis:011x}-{:x}-{sequence:x}", std::process::id())
}

/// Creates an empty file at `path` with exactly `mode` (not reduced by the umask), fsynced.
fn create_stub(path: &Path, mode: u32) -> Result<(), SentinelError> {
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(SentinelError::io("create stub", path))?;
    file.set_permissions(std::fs::Permissions::from_mode(mode))
        .map_err(SentinelError::io("chmod stub", path))?;
    file.sync_all().map_err(SentinelError::io("fsync", path))?;
    Ok(())
}

/// Reads `path` whole, refusing (rather than truncating) anything over the limit, so a
/// staged original is never deleted after a partial copy.
fn read_limited(path: &Path) -> Result<Vec<u8>, SentinelError> {
    let file = File::open(path).map_err(SentinelError::io("open", path))?;
    let mut content = Vec::new();
    file.take(MAX_QUARANTINE_BYTES + 1)
        .read_to_end(&mut content)
        .map_err(SentinelError::io("read", path))?;
    if content.len() as u64 > MAX_QUARANTINE_BYTES {
        return Err(SentinelError::TooLarge {
            path: path.to_path_buf(),
            size: content.len() as u64,
        });
    }
    Ok(content)
}

fn sync_dir(dir: &Path) -> Result<(), SentinelError> {
    File::open(dir)
        .and_then(|handle| handle.sync_all())
        .map_err(SentinelError::io("fsync", dir))
}
