//! The three ways a scan result is printed: a table grouped by file for people, JSON Lines
//! for scripts, and SARIF for code-scanning UIs. None of them ever contains a secret: they
//! print the finding's redacted preview and fingerprint only.

pub mod human;
pub mod jsonl;
pub mod sarif;
