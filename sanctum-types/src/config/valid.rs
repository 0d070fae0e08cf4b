//! The configuration the rest of the code uses: complete, typed, and valid by construction.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;

use super::parse::Value;
use crate::audit::Level;

/// A configuration that passed validation. Only [`super::load`] builds one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidConfig {
    /// Daemon plumbing.
    pub daemon: DaemonSettings,
    /// Audit log behaviour.
    pub audit: AuditSettings,
    /// What `sanctum scan` reads and what it may leave unreported.
    pub scan: ScanSettings,
    /// The `.pth` / sitecustomize watcher.
    pub sentinel: SentinelSettings,
}

/// `[scan]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScanSettings {
    /// Files larger than this are skipped (and counted as skipped).
    pub max_file_bytes: u64,
    /// Gitignore-style globs of paths that are not scanned.
    pub allow_paths: Vec<String>,
    /// Credential kinds that are not reported.
    pub allow_kinds: Vec<String>,
    /// Fingerprints of findings a human accepted.
    pub allow_fingerprints: Vec<String>,
}

/// `sentinel.on_critical`: whether a critical `.pth` is moved away or only reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CriticalAction {
    /// Move the file into the quarantine store, leave an empty stub, notify and audit.
    Quarantine,
    /// Notify and audit only, for users who want to decide themselves.
    Alert,
}

/// `[sentinel]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentinelSettings {
    /// Whether the daemon watches Python environments at all.
    pub enabled: bool,
    /// What to do with a critical startup file.
    pub on_critical: CriticalAction,
    /// Extra directories searched for virtual environments (`~/` is the home directory).
    pub venv_roots: Vec<String>,
    /// How deep below each root a `pyvenv.cfg` is looked for.
    pub venv_depth: usize,
}

/// `[daemon]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DaemonSettings {
    /// Connections served at once.
    pub max_connections: usize,
    /// Silence allowed before a client is disconnected.
    #[serde(rename = "client_timeout_ms", serialize_with = "as_millis")]
    pub client_timeout: Duration,
    /// Largest request frame.
    pub max_frame_bytes: u32,
    /// `tracing` level of the daemon log.
    pub log_level: String,
    /// Rotation size of the daemon log.
    pub log_max_bytes: u64,
}

/// `[audit]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditSettings {
    /// Lowest level recorded.
    pub min_level: Level,
    /// Rotation size.
    pub max_file_bytes: u64,
    /// Rotated files kept.
    pub keep_files: u32,
}

fn as_millis<S: serde::Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u64(u64::try_from(duration.as_millis()).unwrap_or(u64::MAX))
}

impl ValidConfig {
    /// Builds the typed config from a complete set of checked values.
    ///
    /// Every key is present because the built-in defaults set all of them (a unit test
    /// pins that); a missing one falls back to a neutral value rather than panicking.
    pub(crate) fn from_values(values: &BTreeMap<&'static str, Value>) -> Self {
        let integer = |key: &str| match values.get(key) {
            Some(Value::Integer(number)) => *number,
            _ => 0,
        };
        let unsigned = |key: &str| u64::try_from(integer(key)).unwrap_or_default();
        let choice = |key: &str| match values.get(key) {
            Some(Value::Choice(text)) => *text,
            _ => "",
        };
        let flag = |key: &str| matches!(values.get(key), Some(Value::Bool(true)));
        let list = |key: &str| match values.get(key) {
            Some(Value::List(items)) => items.clone(),
            _ => Vec::new(),
        };
        Self {
            daemon: DaemonSettings {
                max_connections: usize::try_from(integer("daemon.max_connections")).unwrap_or(1),
                client_timeout: Duration::from_millis(unsigned("daemon.client_timeout_ms")),
                max_frame_bytes: u32::try_from(integer("daemon.max_frame_bytes"))
                    .unwrap_or(crate::ipc::DEFAULT_MAX_FRAME_BYTES),
                log_level: choice("daemon.log_level").to_owned(),
                log_max_bytes: unsigned("daemon.log_max_bytes"),
            },
            audit: AuditSettings {
                min_level: choice("audit.min_level").parse().unwrap_or(Level::Info),
                max_file_bytes: unsigned("audit.max_file_bytes"),
                keep_files: u32::try_from(integer("audit.keep_files")).unwrap_or(1),
            },
            scan: ScanSettings {
                max_file_bytes: unsigned("scan.max_file_bytes"),
                allow_paths: list("scan.allow_paths"),
                allow_kinds: list("scan.allow_kinds"),
                allow_fingerprints: list("scan.allow_fingerprints"),
            },
            sentinel: SentinelSettings {
                enabled: flag("sentinel.enabled"),
                on_critical: if choice("sentinel.on_critical") == "alert" {
                    CriticalAction::Alert
                } else {
                    CriticalAction::Quarantine
                },
                venv_roots: list("sentinel.venv_roots"),
                venv_depth: usize::try_from(integer("sentinel.venv_depth")).unwrap_or(4),
            },
        }
    }
}
