//! The shape of one audit record.

use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// One event. Field order is the on-disk order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    /// Unique, time-ordered id (`<unix-ms hex>-<pid hex>-<seq hex>`); `sanctum audit` and
    /// later `review` refer to events by it.
    pub id: String,
    /// When it happened (UTC).
    pub time: Timestamp,
    /// How serious.
    pub level: Level,
    /// Which part of Sanctum produced it.
    pub category: Category,
    /// One human line. Never a secret value.
    pub summary: String,
    /// Structured context (paths, kinds, counts). Never a secret value.
    #[serde(default)]
    pub details: serde_json::Value,
    /// What Sanctum did about it.
    pub action: Action,
}

impl AuditRecord {
    /// A record stamped now with a fresh id.
    #[must_use]
    pub fn now(
        level: Level,
        category: Category,
        action: Action,
        summary: impl Into<String>,
    ) -> Self {
        let time = Timestamp::now();
        Self {
            id: new_id(time),
            time,
            level,
            category,
            summary: summary.into(),
            details: serde_json::Value::Object(serde_json::Map::new()),
            action,
        }
    }

    /// Adds structured details.
    #[must_use]
    pub fn with_details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

static SEQUENCE: AtomicU32 = AtomicU32::new(0);

fn new_id(time: Timestamp) -> String {
    let millis = u64::try_from(time.as_millisecond()).unwrap_or_default();
    let sequence = SEQUENCE.fetch_add(1, Ordering::Relaxed);
    format!("{millis:011x}-{:x}-{sequence:x}", std::process::id())
}

/// Severity, ordered: `info < warning < critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Routine lifecycle events (start, stop, reload).
    Info,
    /// Something a user should look at (a refused reload, a warned command).
    Warning,
    /// An attack or a block.
    Critical,
}

/// Which subsystem produced a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Daemon lifecycle.
    Daemon,
    /// Configuration loads and reloads.
    Config,
    /// Socket-level events (refused peers).
    Ipc,
    /// Hook and command decisions.
    Firewall,
    /// Python environment tampering.
    Sentinel,
    /// Spend and budgets.
    Budget,
    /// A category this build does not know (written by a newer version).
    #[serde(other)]
    Other,
}

/// What Sanctum did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Nothing to do; recorded for the trail.
    None,
    /// Let through with a warning.
    Warned,
    /// Stopped.
    Blocked,
    /// Refused a request (e.g. a connection from another user, an invalid config).
    Refused,
    /// Moved a file into quarantine.
    Quarantined,
    /// An action a newer version knows.
    #[serde(other)]
    Other,
}

macro_rules! text_enum {
    ($type:ty { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $type {
            /// Every value, in order, with its text (for `--help` and validation).
            pub const ALL: &'static [(Self, &'static str)] = &[$((Self::$variant, $text)),+];

            /// The lowercase name used on disk and on the command line.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text,)+ #[allow(unreachable_patterns)] _ => "other" }
            }
        }
        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
        impl FromStr for $type {
            type Err = String;
            fn from_str(text: &str) -> Result<Self, String> {
                Self::ALL
                    .iter()
                    .find(|(_, name)| name.eq_ignore_ascii_case(text))
                    .map(|(value, _)| *value)
                    .ok_or_else(|| {
                        let names: Vec<_> = Self::ALL.iter().map(|(_, name)| *name).collect();
                        format!("unknown value `{text}` (expected one of: {})", names.join(", "))
                    })
            }
        }
    };
}

text_enum!(Level { Info => "info", Warning => "warning", Critical => "critical" });
text_enum!(Category {
    Daemon => "daemon", Config => "config", Ipc => "ipc", Firewall => "firewall",
    Sentinel => "sentinel", Budget => "budget",
});
text_enum!(Action {
    None => "none", Warned => "warned", Blocked => "blocked", Refused => "refused",
    Quarantined => "quarantined",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_records_round_trip() {
        let a = AuditRecord::now(Level::Info, Category::Daemon, Action::None, "started");
        let b = AuditRecord::now(Level::Info, Category::Daemon, Action::None, "started");
        assert_ne!(a.id, b.id);
        let line = serde_json::to_string(&a).unwrap();
        assert!(line.starts_with(r#"{"id":"#), "{line}");
        assert_eq!(serde_json::from_str::<AuditRecord>(&line).unwrap(), a);
    }

    #[test]
    fn levels_are_ordered_and_parse_case_insensitively() {
        assert!(Level::Info < Level::Warning && Level::Warning < Level::Critical);
        assert_eq!("WARNING".parse::<Level>().unwrap(), Level::Warning);
        assert!(
            "loud"
                .parse::<Level>()
                .unwrap_err()
                .contains("info, warning, critical")
        );
    }
}
