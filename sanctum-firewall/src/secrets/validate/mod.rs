//! Validators: the second stage of detection, run only on candidates the patterns found.
//!
//! Each validator answers "is this really a credential of this kind?" from the candidate's
//! bytes alone (checksums, structure, alphabet, length, entropy). They never allocate on the
//! fast path and never see more than the candidate.

pub mod checksum;
pub mod entropy;
pub mod jwt;
pub mod shape;
