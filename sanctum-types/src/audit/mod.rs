//! The audit trail: one NDJSON record per security-relevant event.
//!
//! Records are written by the daemon (and, while it is down, by a hook evaluating
//! in-process), read by `sanctum audit`. The format is append-only and line-oriented so a
//! crash can at worst leave one partial last line, which readers skip. Records never contain
//! a secret value: callers put kinds, paths and positions in `details`, never matched text.

mod reader;
mod record;
mod writer;

pub use reader::{AuditFilter, AuditReadStats, log_files, read_records};
pub use record::{Action, AuditRecord, Category, Level};
pub use writer::AuditWriter;
