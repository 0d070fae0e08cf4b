//! What the `.pth` watcher reports in `status`: the environments it knows, what it watches,
//! where its first sweep is, and what it did since start.

use std::path::PathBuf;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The watcher's state, as of the `status` request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentinelStatus {
    /// `sentinel.enabled` of the config in force.
    pub enabled: bool,
    /// `sentinel.on_critical` of the config in force (`quarantine` or `alert`).
    pub on_critical: String,
    /// Every Python environment found, with its site directories.
    #[serde(default)]
    pub environments: Vec<WatchedEnvironment>,
    /// Site directories watched (non-recursively) for start-up files.
    pub site_dirs_watched: usize,
    /// Directories watched for new environments appearing.
    pub root_dirs_watched: usize,
    /// Watches that could not be set (e.g. the inotify limit), with the reason.
    #[serde(default)]
    pub watch_errors: Vec<String>,
    /// Entries in the quarantine store.
    pub quarantined: usize,
    /// The sweep of existing files (at start, after a reload, for new environments).
    pub sweep: SweepStatus,
    /// When environments were last discovered.
    pub discovered_at: Option<Timestamp>,
    /// Activity since start.
    pub counters: SentinelCounters,
}

/// One environment and its site directories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchedEnvironment {
    /// How it was found (`virtualenv`, `conda`, `pyenv`, `interpreter`, …).
    pub kind: String,
    /// Its prefix.
    pub root: PathBuf,
    /// Its site directories (each watched).
    pub site_dirs: Vec<PathBuf>,
    /// `3.12`, when known.
    pub python_version: Option<String>,
}

/// Progress of the sweep over existing start-up files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepStatus {
    /// Whether site directories are still waiting to be swept.
    pub running: bool,
    /// Whether the first sweep after start has finished.
    pub initial_done: bool,
    /// Site directories swept since start.
    pub site_dirs_swept: u64,
}

/// What the watcher did since start. All counters only grow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentinelCounters {
    /// File-system events that named a start-up file.
    pub events: u64,
    /// Start-up files read and judged.
    pub files_analysed: u64,
    /// Judged suspicious.
    pub suspicious: u64,
    /// Judged critical.
    pub critical: u64,
    /// Moved into quarantine.
    pub quarantined: u64,
    /// Critical but left in place because a human approved exactly this content.
    pub approved_skipped: u64,
    /// Quarantine attempts that failed (the file stays; the failure is audited).
    pub quarantine_failures: u64,
    /// Discovery passes (start, reload, new environments).
    pub discoveries: u64,
    /// Approvals and deletions refused because an AI assistant asked.
    pub refused_requests: u64,
}
