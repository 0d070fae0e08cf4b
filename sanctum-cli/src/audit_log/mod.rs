//! Reading the audit log for people: durations for `--last`, the one-line record format,
//! the last record (for `status`), and following appended records (`--follow`).
//!
//! Parsing records and filtering them belongs to `sanctum_types::audit`; this module only
//! presents them. It never writes to the log.

mod duration;
mod follow;
mod format;
mod tail;

pub use duration::parse_duration;
pub use follow::Follower;
pub use format::{format_header, format_record};
pub use tail::last_record;
