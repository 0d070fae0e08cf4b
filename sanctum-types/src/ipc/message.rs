//! Request and response shapes. Adding a variant is compatible; changing one is not.

use std::fmt;
use std::path::PathBuf;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::review::{QuarantinedContent, QuarantinedFile};
use super::watcher::SentinelStatus;

/// What a client may ask. The first request on a connection must be [`Request::Hello`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Version handshake; always first.
    Hello(Hello),
    /// Liveness check with the smallest possible reply.
    Ping,
    /// Everything `sanctum status` shows.
    Status,
    /// Re-read the config file now (the same as SIGHUP).
    ReloadConfig,
    /// Stop gracefully: finish in-flight requests, flush state, remove the socket.
    Shutdown,
    /// Every file in the quarantine store (`sanctum review`).
    ReviewList,
    /// One quarantined file with its stored content (`sanctum review show ID`).
    ReviewShow {
        /// The entry id.
        id: String,
    },
    /// Put a quarantined file back and remember its content as approved. Refused when the
    /// requesting process runs inside an AI assistant ([`ErrorCode::HumanRequired`]).
    ReviewApprove {
        /// The entry id.
        id: String,
    },
    /// Delete a quarantined file for good (the empty stub stays). Refused like
    /// [`Request::ReviewApprove`].
    ReviewDelete {
        /// The entry id.
        id: String,
    },
    /// A request type this build does not know (sent by a newer client).
    #[serde(other)]
    Unknown,
}

/// The client's half of the handshake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hello {
    /// The client's [`crate::version::PROTOCOL_VERSION`].
    pub protocol: u32,
    /// The client's release version, for error messages.
    pub version: String,
}

impl Hello {
    /// The hello this build sends.
    #[must_use]
    pub fn current() -> Self {
        Self {
            protocol: crate::version::PROTOCOL_VERSION,
            version: crate::version::VERSION.to_owned(),
        }
    }
}

/// What the daemon answers; exactly one per request.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    /// The daemon's half of the handshake.
    Hello(HelloReply),
    /// Answer to [`Request::Ping`].
    Pong,
    /// Answer to [`Request::Status`].
    Status(Box<StatusReport>),
    /// Answer to [`Request::ReloadConfig`]: the new config is in force.
    Reloaded {
        /// The file that was read.
        config_path: PathBuf,
    },
    /// Answer to [`Request::Shutdown`]: the daemon will exit once in-flight work is done.
    ShuttingDown {
        /// The pid that is stopping, so the client can wait for it.
        pid: u32,
    },
    /// Answer to [`Request::ReviewList`], oldest first.
    Review {
        /// Every quarantined file.
        entries: Vec<QuarantinedFile>,
    },
    /// Answer to [`Request::ReviewShow`].
    ReviewEntry(Box<QuarantinedContent>),
    /// Answer to [`Request::ReviewApprove`]: the file is back at its original path.
    Approved {
        /// The entry that was restored (it is no longer in the store).
        entry: Box<QuarantinedFile>,
    },
    /// Answer to [`Request::ReviewDelete`]: the stored content is gone.
    Deleted {
        /// The entry that was deleted.
        entry: Box<QuarantinedFile>,
    },
    /// The request failed; the connection stays usable unless the code says otherwise.
    Error(ErrorReply),
    /// A response type this build does not know (sent by a newer daemon).
    #[serde(other)]
    Unknown,
}

/// The daemon's identity, sent once per connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelloReply {
    /// The daemon's protocol revision (equal to the client's, or the reply is an error).
    pub protocol: u32,
    /// The daemon's release version.
    pub version: String,
    /// The daemon's pid.
    pub pid: u32,
}

/// A typed failure reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorReply {
    /// What kind of failure; clients branch on this, never on `message`.
    pub code: ErrorCode,
    /// For humans.
    pub message: String,
    /// With [`ErrorCode::Incompatible`]: the daemon's protocol revision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<u32>,
    /// With [`ErrorCode::Incompatible`]: the daemon's release version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// Machine-readable failure kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The protocol revisions differ; the connection is closed.
    Incompatible,
    /// The first request was not `hello`.
    HelloRequired,
    /// The frame was not JSON of a known shape.
    Malformed,
    /// The length prefix was 0 or over the limit; the connection is closed.
    FrameTooLarge,
    /// The request type is unknown to this daemon.
    UnknownRequest,
    /// Too many connections; retry shortly. The connection is closed.
    Busy,
    /// A config reload was asked for but the file is invalid; the old config stays.
    ConfigInvalid,
    /// Something failed inside the daemon; details are in its log.
    Internal,
    /// The request names something that does not exist (e.g. an unknown quarantine id).
    NotFound,
    /// The request must come from a human: the requesting process runs inside an AI
    /// assistant (its ancestry or environment says so). Retry from your own terminal.
    HumanRequired,
    /// The request conflicts with the state on disk (e.g. the quarantined content was
    /// altered, or the original path holds a newer file); nothing was changed.
    Conflict,
    /// The feature needed is not running (e.g. the sentinel could not start).
    Unavailable,
    /// A code this build does not know.
    #[serde(other)]
    Other,
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Incompatible => "incompatible",
            Self::HelloRequired => "hello required",
            Self::Malformed => "malformed",
            Self::FrameTooLarge => "frame too large",
            Self::UnknownRequest => "unknown request",
            Self::Busy => "busy",
            Self::ConfigInvalid => "config invalid",
            Self::Internal => "internal error",
            Self::NotFound => "not found",
            Self::HumanRequired => "human required",
            Self::Conflict => "conflict",
            Self::Unavailable => "unavailable",
            Self::Other => "other",
        })
    }
}

/// Everything the daemon reports about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusReport {
    /// Release version of the daemon.
    pub version: String,
    /// Protocol revision of the daemon.
    pub protocol: u32,
    /// Process id.
    pub pid: u32,
    /// When the daemon started.
    pub started_at: Timestamp,
    /// Milliseconds since start.
    pub uptime_ms: u64,
    /// The socket it listens on.
    pub socket: PathBuf,
    /// The daemon's own log file (absent in `--foreground` mode).
    pub log_file: Option<PathBuf>,
    /// The audit log it writes.
    pub audit_log: PathBuf,
    /// Which config is in force and whether the last reload worked.
    pub config: ConfigStatus,
    /// Everything watched: the config directory, every site directory, every directory
    /// where new environments appear.
    pub watching: Vec<WatchedItem>,
    /// The `.pth` watcher; absent from daemons that predate it.
    #[serde(default)]
    pub sentinel: Option<SentinelStatus>,
    /// Activity counters since start.
    pub counters: Counters,
    /// The daemon's own resource use.
    pub resources: Resources,
}

/// The config in force, as the daemon sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigStatus {
    /// The user config file path (it may not exist; then defaults apply).
    pub path: PathBuf,
    /// Whether that file existed at the last successful load.
    pub file_present: bool,
    /// When the config in force was loaded.
    pub loaded_at: Timestamp,
    /// Set when the latest reload failed: the reason, with file and keys. The previous
    /// config stays in force until a reload succeeds.
    pub last_error: Option<String>,
    /// When `last_error` happened.
    pub last_error_at: Option<Timestamp>,
}

/// One watched object (a directory, a file, a transcript folder…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchedItem {
    /// What kind of watch: `config`, `site-packages` or `environments` (a directory where
    /// new environments appear).
    pub kind: String,
    /// The watched path.
    pub path: PathBuf,
}

/// Activity since start. All counters only grow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    /// Connections accepted (after the uid check).
    pub connections: u64,
    /// Connections open right now.
    pub connections_open: u64,
    /// Connections closed because the peer was another user.
    pub refused_peer: u64,
    /// Connections turned away because `max_connections` were busy.
    pub refused_busy: u64,
    /// Requests answered.
    pub requests: u64,
    /// Frames that were malformed, oversized, truncated or timed out.
    pub protocol_errors: u64,
    /// Audit records written.
    pub audit_records: u64,
    /// Successful config reloads.
    pub config_reloads: u64,
    /// Rejected config reloads.
    pub config_reload_failures: u64,
}

/// The daemon's own footprint, so users can see that it is cheap.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resources {
    /// Resident set size in bytes.
    pub rss_bytes: u64,
    /// User + system CPU time consumed since start, in milliseconds.
    pub cpu_time_ms: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_requests_use_snake_case_tags() {
        let request = Request::ReviewApprove { id: "abc".into() };
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(json, r#"{"type":"review_approve","id":"abc"}"#);
        assert_eq!(serde_json::from_str::<Request>(&json).unwrap(), request);
        let list: Request = serde_json::from_str(r#"{"type":"review_list"}"#).unwrap();
        assert_eq!(list, Request::ReviewList);
    }

    #[test]
    fn additions_stay_compatible_with_older_peers() {
        // A status from a daemon that predates the sentinel field still decodes.
        let old = r#"{"version":"0.1.0","protocol":1,"pid":1,"started_at":"2025-01-01T00:00:00Z",
            "uptime_ms":1,"socket":"/s","log_file":null,"audit_log":"/a",
            "config":{"path":"/c","file_present":false,"loaded_at":"2025-01-01T00:00:00Z",
            "last_error":null,"last_error_at":null},"watching":[],"counters":{"connections":0,
            "connections_open":0,"refused_peer":0,"refused_busy":0,"requests":0,
            "protocol_errors":0,"audit_records":0,"config_reloads":0,
            "config_reload_failures":0},"resources":{"rss_bytes":0,"cpu_time_ms":0}}"#;
        let report: StatusReport = serde_json::from_str(old).unwrap();
        assert!(report.sentinel.is_none());
        // An error code from a newer daemon decodes as `other`.
        let reply: ErrorReply =
            serde_json::from_str(r#"{"code":"from_the_future","message":"m"}"#).unwrap();
        assert_eq!(reply.code, ErrorCode::Other);
        let refused: ErrorReply =
            serde_json::from_str(r#"{"code":"human_required","message":"m"}"#).unwrap();
        assert_eq!(refused.code, ErrorCode::HumanRequired);
    }
}
