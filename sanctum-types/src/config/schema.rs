//! The list of every config key: its type, range, who may set it and how it tightens.
//!
//! One table drives validation, `--show-origin`, and the project merge, so a new key is
//! added in exactly one place (plus its commented default in `defaults.toml`, which a test
//! keeps in step).

use crate::env_vars::SANCTUM_LOG;
use crate::ipc::MAX_FRAME_BYTES_LIMIT;

/// One configuration key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySpec {
    /// Dotted path, `section.key`.
    pub path: &'static str,
    /// Accepted values.
    pub kind: Kind,
    /// Whether a project config may set it, and which way is stricter.
    pub project: ProjectRule,
    /// An environment variable that overrides it, if any.
    pub env: Option<&'static str>,
}

impl KeySpec {
    /// The section (`daemon` of `daemon.max_connections`).
    #[must_use]
    pub fn section(&self) -> &'static str {
        self.path
            .split_once('.')
            .map_or(self.path, |(section, _)| section)
    }

    /// The key within its section.
    #[must_use]
    pub fn key(&self) -> &'static str {
        self.path.split_once('.').map_or(self.path, |(_, key)| key)
    }
}

/// The type and range of a key's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole number within `min..=max`.
    Integer {
        /// Smallest accepted.
        min: i64,
        /// Largest accepted.
        max: i64,
    },
    /// One of a fixed list of strings, listed from the most to the least strict where that
    /// matters.
    Choice(&'static [&'static str]),
    /// `true` or `false`.
    Bool,
    /// A list of non-empty strings (paths, globs, ids), at most `max_items` long.
    StringList {
        /// Longest list accepted, so a config cannot make every scan crawl.
        max_items: usize,
    },
}

/// Whether a project `.sanctum/config.toml` may set a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectRule {
    /// Only the user config may set it (daemon plumbing, resource limits).
    UserOnly,
    /// A project may set it; the stricter of user and project values wins.
    Tighten(Stricter),
    /// A project may add entries to the user's list. Only for keys that tune what
    /// `sanctum scan` reports in that project (its allowlists), never for protections: a
    /// repository knows its own test fixtures, and nothing it adds weakens hooks or watchers.
    Extend,
}

/// Which of two values is stricter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stricter {
    /// The smaller number.
    Lower,
    /// The larger number.
    Higher,
    /// The choice listed earlier in [`Kind::Choice`].
    EarlierChoice,
    /// `true` (the protection is on).
    True,
}

/// Log levels accepted for `daemon.log_level`, least verbose first.
pub const LOG_LEVELS: &[&str] = &["error", "warn", "info", "debug", "trace"];
/// Audit levels, most recording first (so "earlier" is stricter).
pub const AUDIT_LEVELS: &[&str] = &["info", "warning", "critical"];

/// What the sentinel does with a critical startup file, most protective first.
pub const CRITICAL_ACTIONS: &[&str] = &["quarantine", "alert"];

const KIB: i64 = 1024;
const MIB: i64 = 1024 * KIB;
const GIB: i64 = 1024 * MIB;

/// Every key Sanctum understands.
pub const KEYS: &[KeySpec] = &[
    KeySpec {
        path: "daemon.max_connections",
        kind: Kind::Integer { min: 1, max: 4096 },
        project: ProjectRule::UserOnly,
        env: None,
    },
    KeySpec {
        path: "daemon.client_timeout_ms",
        kind: Kind::Integer {
            min: 100,
            max: 600_000,
        },
        project: ProjectRule::UserOnly,
        env: None,
    },
    KeySpec {
        path: "daemon.max_frame_bytes",
        kind: Kind::Integer {
            min: 4 * KIB,
            max: MAX_FRAME_BYTES_LIMIT as i64,
        },
        project: ProjectRule::UserOnly,
        env: None,
    },
    KeySpec {
        path: "daemon.log_level",
        kind: Kind::Choice(LOG_LEVELS),
        project: ProjectRule::UserOnly,
        env: Some(SANCTUM_LOG),
    },
    KeySpec {
        path: "daemon.log_max_bytes",
        kind: Kind::Integer {
            min: 64 * KIB,
            max: GIB,
        },
        project: ProjectRule::UserOnly,
        env: None,
    },
    KeySpec {
        path: "audit.min_level",
        kind: Kind::Choice(AUDIT_LEVELS),
        project: ProjectRule::Tighten(Stricter::EarlierChoice),
        env: None,
    },
    KeySpec {
        path: "audit.max_file_bytes",
        kind: Kind::Integer {
            min: 64 * KIB,
            max: GIB,
        },
        project: ProjectRule::UserOnly,
        env: None,
    },
    KeySpec {
        path: "audit.keep_files",
        kind: Kind::Integer { min: 1, max: 100 },
        project: ProjectRule::UserOnly,
        env: None,
    },
    KeySpec {
        path: "scan.max_file_bytes",
        kind: Kind::Integer {
            min: KIB,
            max: 4 * GIB,
        },
        project: ProjectRule::Tighten(Stricter::Higher),
        env: None,
    },
    KeySpec {
        path: "scan.allow_paths",
        kind: Kind::StringList {
            max_items: MAX_LIST_ITEMS,
        },
        project: ProjectRule::Extend,
        env: None,
    },
    KeySpec {
        path: "scan.allow_kinds",
        kind: Kind::StringList {
            max_items: MAX_LIST_ITEMS,
        },
        project: ProjectRule::Extend,
        env: None,
    },
    KeySpec {
        path: "scan.allow_fingerprints",
        kind: Kind::StringList {
            max_items: MAX_LIST_ITEMS,
        },
        project: ProjectRule::Extend,
        env: None,
    },
    KeySpec {
        path: "sentinel.enabled",
        kind: Kind::Bool,
        project: ProjectRule::UserOnly,
        env: None,
    },
    KeySpec {
        path: "sentinel.on_critical",
        kind: Kind::Choice(CRITICAL_ACTIONS),
        project: ProjectRule::UserOnly,
        env: None,
    },
    KeySpec {
        path: "sentinel.venv_roots",
        kind: Kind::StringList {
            max_items: MAX_LIST_ITEMS,
        },
        project: ProjectRule::UserOnly,
        env: None,
    },
    KeySpec {
        path: "sentinel.venv_depth",
        kind: Kind::Integer { min: 1, max: 12 },
        project: ProjectRule::UserOnly,
        env: None,
    },
];

/// Most entries in one allowlist or root list.
const MAX_LIST_ITEMS: usize = 10_000;

/// Looks a key up by its dotted path.
#[must_use]
pub fn key_spec(path: &str) -> Option<&'static KeySpec> {
    KEYS.iter().find(|spec| spec.path == path)
}
