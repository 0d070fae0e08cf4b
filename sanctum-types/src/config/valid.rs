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
        }
    }
}
