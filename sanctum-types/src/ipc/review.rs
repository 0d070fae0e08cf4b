//! Quarantined files as they cross the socket (`sanctum review`).
//!
//! The daemon's quarantine store (in `sanctum-sentinel`) keeps richer, typed metadata; this
//! is its wire form. Verdicts and reason codes travel as strings so that a CLI older than
//! the daemon still shows a reason code it does not know instead of failing to decode.

use std::path::PathBuf;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// One quarantined start-up file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarantinedFile {
    /// The entry id (`sanctum review show ID`).
    pub id: String,
    /// Where the file was; an empty stub with its mode is there now.
    pub original_path: PathBuf,
    /// Its permission bits (given back on approval).
    pub mode: u32,
    /// Hex SHA-256 of the stored content.
    pub sha256: String,
    /// Size of the stored content in bytes.
    pub size: u64,
    /// `pth`, `customize` or `start`, when the name told.
    #[serde(default)]
    pub kind: Option<String>,
    /// The verdict that caused the quarantine (`critical`).
    pub verdict: String,
    /// Why, as stable codes with a human sentence each.
    #[serde(default)]
    pub reasons: Vec<QuarantineReason>,
    /// When it was quarantined.
    pub quarantined_at: Timestamp,
    /// Who wrote it, as far as the daemon could tell.
    #[serde(default)]
    pub writer: Option<WriterInfo>,
}

/// One reason of a verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarantineReason {
    /// Stable snake-case code (e.g. `process_spawn`).
    pub code: String,
    /// What was seen, for a person.
    pub message: String,
}

/// Who wrote a start-up file, as far as the daemon could tell (best effort, bounded cost).
///
/// Context for a human reviewing the file, never a reason to trust it: a malicious package
/// is installed by a perfectly ordinary installer and listed in its own `RECORD`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriterInfo {
    /// The writing process, if seen.
    pub pid: Option<u32>,
    /// Its executable or command name.
    pub process: Option<String>,
    /// Its command line.
    #[serde(default)]
    pub command_line: Vec<String>,
    /// Names of its ancestors, nearest first (e.g. `pip`, `bash`, `claude`).
    #[serde(default)]
    pub ancestors: Vec<String>,
    /// The installer recognised among them (pip, uv, poetry, conda…).
    pub installer: Option<String>,
    /// The installed distribution whose `RECORD` lists the file.
    #[serde(default)]
    pub package: Option<String>,
    /// That distribution's version.
    #[serde(default)]
    pub version: Option<String>,
    /// Whether the file is listed in an installed package's `RECORD` (context only).
    pub listed_in_record: Option<bool>,
}

/// A quarantined file and its stored content, for `sanctum review show`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarantinedContent {
    /// The entry.
    pub file: QuarantinedFile,
    /// The stored bytes as text (invalid UTF-8 replaced by U+FFFD), at most
    /// [`MAX_SHOWN_CONTENT_BYTES`]. Printers must escape control characters.
    pub content: String,
    /// Whether the stored bytes were valid UTF-8.
    pub utf8: bool,
    /// Whether `content` was cut at [`MAX_SHOWN_CONTENT_BYTES`].
    pub truncated: bool,
}

/// Most bytes of a quarantined file sent for display (start-up files are tiny; this keeps a
/// reply far below the frame limit).
pub const MAX_SHOWN_CONTENT_BYTES: usize = 1024 * 1024;
