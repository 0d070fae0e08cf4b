//! Streaming redaction: feed chunks, get back only bytes that are safe to emit.
//!
//! The redactor keeps the input it cannot decide on yet: an unfinished run of printable
//! ASCII (a token may still be growing), an assignment whose value has not ended, an open
//! key block. Everything before that is final and emitted redacted. It also keeps
//! [`LOOK_BEHIND`] bytes of already-emitted input as context, because decisions look back
//! (key names, the start of an encoded run). The guarantee, property-tested: for any
//! chunking, the concatenated output equals [`Detector::redact_bytes`] of the whole input.
//! Held-back input is bounded by the longest decidable construct (16 KiB).

use crate::secrets::Detector;
use crate::secrets::engine::{LOOK_BEHIND, Window, resolve};
use crate::secrets::redact;

/// Incremental redactor; create with [`Detector::stream`].
#[derive(Debug)]
pub struct StreamRedactor<'d> {
    detector: &'d Detector,
    /// Context (already emitted) followed by pending input.
    buffer: Vec<u8>,
    /// Length of the context prefix of `buffer`.
    context: usize,
    /// Pending length at which the next scan is worth doing (amortises small chunks).
    next_scan: usize,
}

impl<'d> StreamRedactor<'d> {
    pub(crate) fn new(detector: &'d Detector) -> Self {
        Self {
            detector,
            buffer: Vec::new(),
            context: 0,
            next_scan: 1,
        }
    }

    /// Add a chunk; returns the redacted bytes that became final (possibly none).
    pub fn push(&mut self, chunk: &[u8]) -> Vec<u8> {
        self.buffer.extend_from_slice(chunk);
        if self.buffer.len() - self.context < self.next_scan {
            return Vec::new();
        }
        self.drain(false)
    }

    /// End of input: returns everything still held, redacted.
    #[must_use]
    pub fn finish(mut self) -> Vec<u8> {
        self.drain(true)
    }

    /// Bytes received but not yet emitted.
    #[must_use]
    pub fn held(&self) -> usize {
        self.buffer.len() - self.context
    }

    fn drain(&mut self, eof: bool) -> Vec<u8> {
        let window = Window {
            bytes: &self.buffer,
            from: self.context,
            eof,
        };
        let scan = self.detector.engine.scan(window);
        let redactions = resolve::redactions(&scan.candidates);
        let mut cut = if eof {
            self.buffer.len()
        } else {
            scan.pending_from.max(self.context)
        };
        for r in &redactions {
            if r.span.start < cut && cut < r.span.end {
                cut = r.span.start;
            }
        }
        let cut = cut.max(self.context);
        let mut out = Vec::new();
        let inside: Vec<resolve::Redaction> = redactions
            .into_iter()
            .filter(|r| r.span.end <= cut)
            .collect();
        redact::apply(&self.buffer, self.context..cut, &inside, &mut out);
        let keep_from = cut.saturating_sub(LOOK_BEHIND);
        self.buffer.drain(..keep_from);
        self.context = cut - keep_from;
        let pending = self.buffer.len() - self.context;
        self.next_scan = (pending * 2).max(1);
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::secrets::Detector;

    #[test]
    fn holds_back_only_the_open_token() {
        let detector = Detector::new().unwrap();
        let mut stream = detector.stream();
        let out = stream.push(b"hello world, the key is ghp_");
        assert_eq!(out, b"hello world, the key is ");
        assert_eq!(stream.held(), 4);
        let rest = stream.finish();
        assert_eq!(rest, b"ghp_");
    }

    #[test]
    fn empty_stream() {
        let detector = Detector::new().unwrap();
        let mut stream = detector.stream();
        assert!(stream.push(b"").is_empty());
        assert!(stream.finish().is_empty());
    }
}
