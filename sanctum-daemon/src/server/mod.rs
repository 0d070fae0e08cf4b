//! The socket server: accepting, vetting and serving connections.
//!
//! Layout: [`accept`] runs the accept loop and the connection limit, [`peer`] decides who
//! may talk to us, [`connection`] serves one client, [`framing`] reads frames under time
//! limits, [`dispatch`] answers requests, [`human`] refuses protection-undoing requests
//! from inside an AI assistant, [`status`] and [`resources`] build the `status` reply. The protocol itself is specified in `sanctum_types::ipc`; this module must never
//! let one client crash the daemon or delay another.

pub(crate) mod accept;
pub(crate) mod connection;
pub(crate) mod dispatch;
pub(crate) mod framing;
pub(crate) mod human;
pub(crate) mod peer;
pub(crate) mod resources;
pub(crate) mod status;
