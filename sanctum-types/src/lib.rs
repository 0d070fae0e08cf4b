//! Sanctum's shared vocabulary: what the daemon, the CLI and the hooks must agree on.
//!
//! This crate owns the configuration schema and its validation, the on-disk layout
//! ([`paths`]), the IPC protocol spoken on the daemon's socket ([`ipc`]), and the audit
//! record format ([`audit`]). It holds no policy and starts no runtime: it uses blocking
//! `std` I/O only, so the latency-critical hook path can link it without pulling in tokio.

pub mod audit;
pub mod config;
pub mod env_vars;
mod error;
pub mod fs;
pub mod instance;
pub mod ipc;
pub mod paths;
pub mod version;

pub use error::Error;
