//! The protocol spoken on the daemon's Unix socket.
//!
//! # Transport and trust boundary
//! A Unix stream socket at [`crate::paths::Paths::socket`], inside a directory that is 0700
//! and owned by the user; the socket itself is 0600. The daemon additionally reads the
//! peer's credentials (`SO_PEERCRED`) on **every** accepted connection and closes it,
//! unanswered, unless the peer's effective uid equals its own. Everything that arrives
//! after that check comes from a process of the same user: it is trusted not to be
//! another user, but *not* trusted to be well-formed (it may be a buggy or hostile tool
//! running as the user), so every frame is bounded, parsed defensively and answered with a
//! typed error rather than a crash.
//!
//! # Framing
//! Each message is a frame: a 4-byte **big-endian** unsigned length `n`, then exactly `n`
//! bytes of UTF-8 JSON (one object). `n` must be between 1 and the daemon's
//! `daemon.max_frame_bytes` (default [`DEFAULT_MAX_FRAME_BYTES`], 8 MiB; never above
//! [`MAX_FRAME_BYTES_LIMIT`]). Hook payloads larger than that are evaluated in-process by
//! the hook instead of being sent.
//!
//! # Ordering
//! The client speaks first. The first frame must be [`Request::Hello`]; the daemon answers
//! [`Response::Hello`] or, when the protocol revisions differ, an [`ErrorCode::Incompatible`]
//! error and closes. After that the client sends requests one at a time and reads exactly one
//! response per request, in order (no pipelining, no server push). Either side may close
//! the connection between messages; a client normally sends one request and closes.
//!
//! # Limits and failure behaviour
//! - A length of 0 or above the limit: [`ErrorCode::FrameTooLarge`] reply, then close (the
//!   stream can no longer be re-synchronised).
//! - A frame that is not valid JSON or not a known shape: [`ErrorCode::Malformed`] reply; the
//!   connection stays usable because the framing is intact.
//! - A client silent for longer than `daemon.client_timeout_ms` — before its first byte,
//!   mid-frame, or between requests — is disconnected.
//! - At most `daemon.max_connections` connections are served at once; one more gets an
//!   [`ErrorCode::Busy`] reply and is closed. Clients may retry.
//! - None of this can stall other clients: each connection is served by its own task.
//!
//! # Forward compatibility
//! Messages are internally tagged JSON objects (`{"type": "status", ...}`). Unknown fields
//! are ignored. An unknown request `type` gets [`ErrorCode::UnknownRequest`] (a newer CLI
//! talking to an older daemon of the same protocol revision learns that the feature is
//! missing instead of being disconnected); an unknown response `type` decodes as
//! [`Response::Unknown`], and an unknown [`ErrorCode`] as [`ErrorCode::Other`]. So adding a
//! request, a response, an error code, or a field that has a default (`#[serde(default)]`,
//! e.g. [`StatusReport::sentinel`]) is compatible and keeps the revision. Any change that an
//! older peer would misread — renaming or removing a variant or field, changing a field's
//! type or meaning — bumps [`crate::version::PROTOCOL_VERSION`].
//!
//! # Requests that need a human
//! [`Request::ReviewApprove`] and [`Request::ReviewDelete`] undo a protection. The daemon
//! answers them only when the requesting process (its pid comes from `SO_PEERCRED`, like
//! the uid) does not run inside an AI assistant: neither its environment nor any of its
//! ancestors (bounded walk of `/proc`) names one. Otherwise the reply is
//! [`ErrorCode::HumanRequired`] and the refusal is audited. Environment variables alone
//! would not do — a process can unset them — which is why the ancestry is walked too.
//!
//! # What never crosses the socket
//! Secret values. Requests may carry text to be scanned (later: hook payloads); replies
//! describe findings by kind and position, never by value.

mod client;
mod error;
mod frame;
mod message;
mod review;
mod watcher;

pub use client::{Client, DEFAULT_REPLY_TIMEOUT};
pub use error::IpcError;
pub use frame::{
    DEFAULT_MAX_FRAME_BYTES, FRAME_HEADER_BYTES, MAX_FRAME_BYTES_LIMIT, decode_frame_length,
    encode_frame, read_frame, write_frame,
};
pub use message::{
    ConfigStatus, Counters, ErrorCode, ErrorReply, Hello, HelloReply, Request, Resources, Response,
    StatusReport, WatchedItem,
};
pub use review::{
    MAX_SHOWN_CONTENT_BYTES, QuarantineReason, QuarantinedContent, QuarantinedFile, WriterInfo,
};
pub use watcher::{SentinelCounters, SentinelStatus, SweepStatus, WatchedEnvironment};
