//! Supply-chain sentinel: what Python really executes at start-up, and where.
//!
//! - [`pth`], [`customize`] and [`start`] judge the three kinds of start-up files (`*.pth`,
//!   `sitecustomize.py`/`usercustomize.py`, PEP 829 `*.start`) from their bytes, modelling
//!   what each supported `CPython` version executes; [`startup`] picks the right one for a path.
//! - [`discover`] finds the user's Python environments and their site directories without
//!   running Python, and the directories where new environments appear.
//! - [`quarantine`] moves a critical file's content aside, leaving an empty stub, and can
//!   restore it after review.
//! - [`process`] reads the user's other processes from `/proc`: whether a request comes
//!   from inside an AI assistant, and which installer is at work; [`provenance`] turns
//!   that and `RECORD` files into the writer of a quarantined file.
//!
//! This crate never executes the code it judges, never touches the network, never changes
//! another process, and keeps all file-system effects inside [`quarantine`].

pub mod customize;
pub mod discover;
mod error;
pub mod process;
pub mod provenance;
pub mod pth;
mod python;
pub mod quarantine;
pub mod report;
pub mod start;
pub mod startup;
pub mod verdict;

pub use error::SentinelError;
pub use python::{MAX_PARSED_LINE_BYTES, MAX_PARSED_MODULE_BYTES};
pub use report::{LineReport, LineRole, Report, StartupFileKind};
pub use verdict::{PythonVersions, Reason, ReasonCode, Verdict};
