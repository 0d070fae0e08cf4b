//! Integration tests of the credential detector: per-kind tables, hard negatives,
//! placeholders, the decoding layer, redaction and streaming properties.

mod support;

mod decoding;
mod hard_negatives;
mod kinds;
mod placeholders;
mod properties;
mod redaction;
