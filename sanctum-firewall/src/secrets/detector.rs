//! The public face of detection: build a [`Detector`] once, then scan, redact and stream.

use std::sync::OnceLock;

use crate::FirewallError;
use crate::secrets::engine::{Engine, Window, resolve};
use crate::secrets::finding::Finding;
use crate::secrets::kind::{Class, Kind};
use crate::secrets::location::LineCursor;
use crate::secrets::redact;
use crate::secrets::stream::StreamRedactor;

/// A compiled credential detector. Building compiles every pattern (a few milliseconds);
/// scanning never allocates per byte and never fails. Cheap to share across threads.
#[derive(Debug)]
pub struct Detector {
    pub(crate) engine: Engine,
}

static SHARED: OnceLock<Result<Detector, FirewallError>> = OnceLock::new();

impl Detector {
    /// Compile a detector with every built-in kind.
    ///
    /// # Errors
    /// Only if a built-in pattern fails to compile, which is a bug (tests build it).
    pub fn new() -> Result<Self, FirewallError> {
        Ok(Self {
            engine: Engine::new()?,
        })
    }

    /// The process-wide detector, built on first use.
    ///
    /// # Errors
    /// As [`Detector::new`]; the error is cached.
    pub fn shared() -> Result<&'static Self, FirewallError> {
        SHARED.get_or_init(Self::new).as_ref().map_err(Clone::clone)
    }

    /// Every kind this detector knows, in rule order.
    pub fn kinds(&self) -> impl Iterator<Item = &'static Kind> + '_ {
        self.engine.rules.iter().map(|r| &r.kind)
    }

    /// The kind with this id.
    #[must_use]
    pub fn kind(&self, id: &str) -> Option<&'static Kind> {
        self.engine.rule_by_id(id).map(|r| &r.kind)
    }

    /// Every finding in `input` (any bytes: text, logs, binary), sorted by position, with
    /// line and column filled in.
    #[must_use]
    pub fn scan(&self, input: &[u8]) -> Vec<Finding> {
        let scan = self.engine.scan(Window {
            bytes: input,
            from: 0,
            eof: true,
        });
        let mut cursor = LineCursor::new(input);
        resolve::report(scan.candidates)
            .into_iter()
            .map(|c| {
                let (line, column) = cursor.locate(c.span.start);
                Finding {
                    kind: c.rule.kind.id,
                    name: c.rule.kind.name,
                    provider: c.rule.kind.provider,
                    class: c.class,
                    confidence: c.confidence,
                    span: c.span,
                    line,
                    column,
                    preview: c.preview,
                    fingerprint: c.fingerprint,
                    encoding: c.encoding,
                }
            })
            .collect()
    }

    /// [`Detector::scan`] for text.
    #[must_use]
    pub fn scan_str(&self, input: &str) -> Vec<Finding> {
        self.scan(input.as_bytes())
    }

    /// Does `input` contain at least one secret (not a placeholder or public key)? The
    /// question a hook asks before letting text through.
    #[must_use]
    pub fn contains_secret(&self, input: &[u8]) -> bool {
        self.scan(input).iter().any(|f| f.class == Class::Secret)
    }

    /// `input` with every secret replaced by `[REDACTED:<kind>]`. Idempotent; overlapping
    /// secrets merge into one marker; placeholders and public keys are left alone.
    #[must_use]
    pub fn redact(&self, input: &str) -> String {
        let out = self.redact_bytes(input.as_bytes());
        match String::from_utf8(out) {
            Ok(text) => text,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }
    }

    /// [`Detector::redact`] for arbitrary bytes (invalid UTF-8 passes through untouched).
    #[must_use]
    pub fn redact_bytes(&self, input: &[u8]) -> Vec<u8> {
        let scan = self.engine.scan(Window {
            bytes: input,
            from: 0,
            eof: true,
        });
        let redactions = resolve::redactions(&scan.candidates);
        let mut out = Vec::with_capacity(input.len());
        redact::apply(input, 0..input.len(), &redactions, &mut out);
        out
    }

    /// A redactor for input that arrives in chunks; its output equals
    /// [`Detector::redact_bytes`] of the concatenated input, whatever the chunking.
    #[must_use]
    pub fn stream(&self) -> StreamRedactor<'_> {
        StreamRedactor::new(self)
    }
}
