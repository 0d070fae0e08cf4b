//! What the store records about a quarantined file (`meta.json`) and about approvals.

use std::path::PathBuf;

use jiff::Timestamp;
use sanctum_types::ipc::{QuarantineReason, QuarantinedFile};
use serde::{Deserialize, Serialize};

use crate::report::StartupFileKind;
use crate::verdict::{Reason, Verdict};

/// Who wrote the file: the wire type of the IPC protocol, shared so that `meta.json` and
/// `sanctum review --json` are the same object.
pub use sanctum_types::ipc::WriterInfo;

/// Where an entry is in its life; see the crash-safety notes in [`super`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryState {
    /// Metadata written, original not yet moved aside (or moved but not yet copied in).
    Pending,
    /// Content and metadata are durable in the store; the original is an empty stub.
    Quarantined,
}

/// One quarantined file: `meta.json` in its entry directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarantineEntry {
    /// The entry id (`sanctum review show ID`).
    pub id: String,
    /// Life-cycle state.
    pub state: EntryState,
    /// Where the file was (and where its empty stub is).
    pub original_path: PathBuf,
    /// Its permission bits, given back to the stub and to a restored file.
    pub mode: u32,
    /// Hex SHA-256 of the stored content (`None` while pending).
    pub sha256: Option<String>,
    /// Size of the stored content in bytes.
    pub size: u64,
    /// The kind of start-up file.
    pub kind: Option<StartupFileKind>,
    /// The verdict that caused the quarantine.
    pub verdict: Verdict,
    /// Its reasons.
    pub reasons: Vec<Reason>,
    /// When it was quarantined.
    pub quarantined_at: Timestamp,
    /// The symlink target, if the original path was a symlink (the stub replaces the link;
    /// the target is left alone).
    pub symlink_target: Option<PathBuf>,
    /// Hidden name the original was moved to inside its own directory during the operation
    /// (used only to finish an interrupted quarantine).
    pub staging_path: PathBuf,
    /// Who wrote it, if known.
    pub writer: Option<WriterInfo>,
}

impl QuarantineEntry {
    /// The entry as the IPC protocol carries it (`sanctum review`).
    #[must_use]
    pub fn to_wire(&self) -> QuarantinedFile {
        QuarantinedFile {
            id: self.id.clone(),
            original_path: self.original_path.clone(),
            mode: self.mode,
            sha256: self.sha256.clone().unwrap_or_default(),
            size: self.size,
            kind: self.kind.map(StartupFileKind::name),
            verdict: self.verdict.as_str().to_owned(),
            reasons: self
                .reasons
                .iter()
                .map(|reason| QuarantineReason {
                    code: reason.code.name(),
                    message: reason.message.clone(),
                })
                .collect(),
            quarantined_at: self.quarantined_at,
            writer: self.writer.clone(),
        }
    }
}

/// One approval: this exact content may live in a site directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    /// Hex SHA-256 of the approved content.
    pub sha256: String,
    /// When.
    pub approved_at: Timestamp,
    /// Where it was restored to.
    pub path: PathBuf,
}

/// The approvals file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Approvals {
    pub approvals: Vec<Approval>,
}
