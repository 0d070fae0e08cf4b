//! The vocabulary of a judgement: verdicts, reason codes and the Python versions a line runs on.
//!
//! Everything here is plain serde data so that the daemon, the CLI (`--json`) and the
//! quarantine metadata all speak the same words. Nothing here inspects files.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a start-up file is. Ordered: `benign < suspicious < critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Only path entries and recognised legitimate start-up code.
    Benign,
    /// Executes code we do not recognise, but nothing we know to be dangerous: audit and tell
    /// the user, do not quarantine.
    Suspicious,
    /// Executes code that decodes and runs data, spawns processes, uses the network, writes
    /// files, hides what it does, or stops Python from starting: quarantine it.
    Critical,
}

impl Verdict {
    /// The lowercase name used in JSON and in human output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Benign => "benign",
            Self::Suspicious => "suspicious",
            Self::Critical => "critical",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a line or file got its verdict. Stable snake-case names: scripts and the audit log
/// match on them, so a code is never renamed, only added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    // --- critical -------------------------------------------------------------------------
    /// The file is not valid UTF-8: every supported Python fails to start (denial of service).
    InvalidUtf8,
    /// The file is larger than the analyser reads; what lies beyond is unseen.
    FileTooLarge,
    /// `exec`/`eval`/`compile` of something other than a string literal.
    DynamicCodeExecution,
    /// Decodes or deserialises data (base64, zlib, marshal, pickle, codecs, hex, …).
    DataDecoding,
    /// Starts processes (subprocess, `os.system`, `os.exec*`, `pty`, …).
    ProcessSpawn,
    /// Touches the network (socket, urllib, `http.client`, requests, …).
    Network,
    /// Writes, moves or deletes files.
    FileWrite,
    /// Reaches `sitecustomize`/`usercustomize`, the other start-up hooks.
    StartupHookReference,
    /// Imports by a computed name (`__import__(x)`, importlib, runpy, pkgutil).
    DynamicImport,
    /// Looks names up indirectly (`getattr`, `globals()[…]`, `vars()`, `__builtins__`,
    /// `sys.modules[…]`, frame introspection), which hides what is called.
    DynamicLookup,
    /// Builds text from character codes (`chr(…)`, `ord`, `bytes([…])`).
    CharCodeBuilding,
    /// Builds names from pieces (reversal, concatenation or joining of literals, `translate`).
    StringObfuscation,
    /// Loads native code (ctypes, cffi).
    NativeCode,
    /// Reads a credential file (`~/.ssh`, `~/.aws`, `.netrc`, …).
    CredentialAccess,
    // --- suspicious -----------------------------------------------------------------------
    /// Imports a module that is not a recognised start-up shim.
    UnrecognisedImport,
    /// Calls or evaluates code that is not part of a recognised pattern.
    UnrecognisedCode,
    /// A recognised shim module is imported but no such module is visible in the site
    /// directory, so what runs cannot be seen.
    MissingSibling,
    /// Changes `sys.path` or adds a site directory from code.
    SysPathChange,
    /// Installs import hooks, tracers, audit hooks or patches builtins.
    ImportHook,
    /// Changes the process environment.
    EnvironmentChange,
    /// Starts threads, registers exit or signal handlers.
    BackgroundExecution,
    /// Reads files.
    FileRead,
    /// An executed line that does not parse as Python; judged from its tokens only.
    Unparseable,
    /// An executed line longer than the parser is given; judged from its tokens only.
    OversizedLine,
    /// Nested deeper than the analyser follows.
    TooDeep,
    /// A path entry pointing somewhere odd (a world-writable temp dir, control characters).
    UnusualPath,
    /// A `.start` entry point that is not a recognised start-up shim.
    UnrecognisedEntryPoint,
    // --- benign (informational) -----------------------------------------------------------
    /// Matches the structure of a known legitimate start-up pattern (named in the message).
    RecognisedPattern,
    /// A line Python ignores (an invalid `.start` entry).
    Ignored,
}

impl ReasonCode {
    /// The stable snake-case name (`process_spawn`), exactly as serialised.
    #[must_use]
    pub fn name(self) -> String {
        serde_name(&self)
    }

    /// The verdict this reason implies on its own.
    #[must_use]
    pub fn severity(self) -> Verdict {
        match self {
            Self::InvalidUtf8
            | Self::FileTooLarge
            | Self::DynamicCodeExecution
            | Self::DataDecoding
            | Self::ProcessSpawn
            | Self::Network
            | Self::FileWrite
            | Self::StartupHookReference
            | Self::DynamicImport
            | Self::DynamicLookup
            | Self::CharCodeBuilding
            | Self::StringObfuscation
            | Self::NativeCode
            | Self::CredentialAccess => Verdict::Critical,
            Self::UnrecognisedImport
            | Self::UnrecognisedCode
            | Self::MissingSibling
            | Self::SysPathChange
            | Self::ImportHook
            | Self::EnvironmentChange
            | Self::BackgroundExecution
            | Self::FileRead
            | Self::Unparseable
            | Self::OversizedLine
            | Self::TooDeep
            | Self::UnusualPath
            | Self::UnrecognisedEntryPoint => Verdict::Suspicious,
            Self::RecognisedPattern | Self::Ignored => Verdict::Benign,
        }
    }
}

/// The serde name of a unit variant, so that names shown on the wire or a terminal can
/// never drift from what `--json` and `meta.json` print.
pub(crate) fn serde_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::from("unknown"),
    }
}

/// One reason: a stable code and a human sentence naming what was seen.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Reason {
    /// Machine-readable cause.
    pub code: ReasonCode,
    /// What was seen, for a person (e.g. "calls `os.system`").
    pub message: String,
}

impl Reason {
    /// A reason with its message.
    #[must_use]
    pub fn new(code: ReasonCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// The worst verdict implied by `reasons` (benign when there are none).
#[must_use]
pub fn worst<'a>(reasons: impl IntoIterator<Item = &'a Reason>) -> Verdict {
    reasons
        .into_iter()
        .map(|reason| reason.code.severity())
        .max()
        .unwrap_or(Verdict::Benign)
}

/// Pushes `reason` unless an identical one is already there (keeps reports short).
pub(crate) fn push_unique(reasons: &mut Vec<Reason>, reason: Reason) {
    if !reasons.contains(&reason) {
        reasons.push(reason);
    }
}

/// A set of `CPython` 3.x minor versions (3.0–3.31), e.g. the versions that execute a line.
///
/// Serialised as a list of `"3.N"` strings so that JSON stays readable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PythonVersions(u32);

impl PythonVersions {
    /// The empty set.
    pub const NONE: Self = Self(0);

    /// Minor versions `first..=last` of Python 3 (clamped to 0–31).
    #[must_use]
    pub const fn range(first: u8, last: u8) -> Self {
        let mut mask = 0u32;
        let mut minor = first;
        while minor <= last && minor < 32 {
            mask |= 1 << minor;
            minor += 1;
        }
        Self(mask)
    }

    /// Union of two sets.
    #[must_use]
    pub const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// Whether no version is in the set.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether `3.minor` is in the set.
    #[must_use]
    pub const fn contains(self, minor: u8) -> bool {
        minor < 32 && self.0 & (1 << minor) != 0
    }

    /// The minor versions in the set, ascending.
    pub fn minors(self) -> impl Iterator<Item = u8> {
        (0u8..32).filter(move |minor| self.contains(*minor))
    }
}

impl fmt::Display for PythonVersions {
    /// Compact ranges: `3.8–3.12, 3.14`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let minors: Vec<u8> = self.minors().collect();
        let mut parts = Vec::new();
        let mut index = 0;
        while index < minors.len() {
            let start = minors[index];
            let mut end = start;
            while index + 1 < minors.len() && minors[index + 1] == end + 1 {
                index += 1;
                end = minors[index];
            }
            parts.push(if start == end {
                format!("3.{start}")
            } else {
                format!("3.{start}\u{2013}3.{end}")
            });
            index += 1;
        }
        f.write_str(&parts.join(", "))
    }
}

impl Serialize for PythonVersions {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.minors().map(|minor| format!("3.{minor}")))
    }
}

impl<'de> Deserialize<'de> for PythonVersions {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let names = Vec::<String>::deserialize(deserializer)?;
        let mut mask = 0u32;
        for name in names {
            let minor = name
                .strip_prefix("3.")
                .and_then(|minor| minor.parse::<u8>().ok())
                .filter(|minor| *minor < 32)
                .ok_or_else(|| {
                    serde::de::Error::custom(format!("not a Python 3 version: {name}"))
                })?;
            mask |= 1 << minor;
        }
        Ok(Self(mask))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_print_as_ranges_and_round_trip() {
        let versions = PythonVersions::range(8, 12).union(PythonVersions::range(14, 14));
        assert_eq!(versions.to_string(), "3.8\u{2013}3.12, 3.14");
        let json = serde_json::to_string(&versions).unwrap();
        assert_eq!(json, r#"["3.8","3.9","3.10","3.11","3.12","3.14"]"#);
        assert_eq!(
            serde_json::from_str::<PythonVersions>(&json).unwrap(),
            versions
        );
    }

    #[test]
    fn reason_names_are_the_serialised_names() {
        assert_eq!(ReasonCode::ProcessSpawn.name(), "process_spawn");
        assert_eq!(ReasonCode::InvalidUtf8.name(), "invalid_utf8");
    }

    #[test]
    fn verdicts_are_ordered_and_the_worst_reason_wins() {
        assert!(Verdict::Benign < Verdict::Suspicious && Verdict::Suspicious < Verdict::Critical);
        let reasons = [
            Reason::new(ReasonCode::RecognisedPattern, "x"),
            Reason::new(ReasonCode::UnrecognisedImport, "y"),
        ];
        assert_eq!(worst(&reasons), Verdict::Suspicious);
        assert_eq!(worst(&[]), Verdict::Benign);
    }
}
