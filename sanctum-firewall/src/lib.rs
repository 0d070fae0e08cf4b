//! Sanctum's pure decision logic. No I/O except what callers inject.
//!
//! Today this crate owns credential detection and redaction ([`secrets`]); command analysis,
//! path sensitivity and hook logic join it later. It must never read files, open sockets or
//! log secret values: callers hand it bytes and get findings back.

mod error;
pub mod hook;
pub mod secrets;

pub use error::FirewallError;
