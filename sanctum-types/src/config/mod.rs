//! Configuration: schema, validation that reports every problem, and layering.
//!
//! Precedence, lowest first: built-in defaults (the commented [`RECOMMENDED`] text, also
//! printed by `sanctum config --recommended`) < the user file < a project
//! `.sanctum/config.toml` (which may only tighten, see [`schema::ProjectRule`]) < environment
//! variables < command-line flags. The result is a [`ValidConfig`]: code past this module
//! never sees an unchecked value.

mod load;
mod parse;
mod problems;
pub mod schema;
mod valid;

pub use load::{EffectiveConfig, LoadOptions, Origin, defaults, load, validate_file};
pub use parse::Value;
pub use problems::{ConfigProblem, ConfigProblems};
pub use valid::{
    AuditSettings, CriticalAction, DaemonSettings, ScanSettings, SentinelSettings, ValidConfig,
};

/// The recommended configuration, with comments. It *is* the built-in default: the loader
/// parses this text as its lowest layer, so the two can never drift apart.
pub const RECOMMENDED: &str = include_str!("defaults.toml");
