//! The rules, one file per concern. Each looks at a [`ToolCall`](super::ToolCall) (and the
//! facts derived from it) and adds reasons to a [`Decision`](super::Decision).

pub(crate) mod protected;
pub(crate) mod redact;
pub(crate) mod secrets;
pub(crate) mod startup_files;
