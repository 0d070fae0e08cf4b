//! Other processes of the user, read from `/proc` (Linux): who is asking, and who is
//! writing.
//!
//! [`procfs`] is the bounded, injectable reader; [`assistant`] decides whether a process
//! runs inside an AI assistant (self-protection for requests that undo a protection);
//! [`installer`] finds the package installer at work for a site directory (the writer of
//! a quarantined file). Nothing here signals, traces or changes a process.

pub mod assistant;
pub mod installer;
pub mod procfs;

pub use assistant::{Ancestry, AssistantMatch, Evidence, find_assistant};
pub use installer::{InstallerProcess, find_installer};
pub use procfs::ProcFs;
