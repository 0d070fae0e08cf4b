//! The judgement of one start-up file, as printed by `sanctum pth check --json` and stored
//! with a quarantined file.
//!
//! One shape for all three kinds of file so that the CLI, the daemon and the quarantine
//! metadata never translate between them. Text excerpts are escaped and truncated: a report
//! is safe to print on a terminal whatever the file contained.

use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::verdict::{PythonVersions, Reason, Verdict, worst};

/// Longest excerpt of a line kept in a report, in characters.
pub const EXCERPT_CHARS: usize = 160;

/// Which start-up mechanism a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StartupFileKind {
    /// `*.pth` in a site directory: path lines, and `import` lines that are executed.
    Pth,
    /// `sitecustomize.py` / `usercustomize.py`: imported whole at start.
    Customize,
    /// PEP 829 `*.start`: `module:callable` entry points called at start (Python 3.15+).
    Start,
}

impl StartupFileKind {
    /// The stable snake-case name (`pth`, `customize`, `start`), exactly as serialised.
    #[must_use]
    pub fn name(self) -> String {
        crate::verdict::serde_name(&self)
    }

    /// The kind implied by a file name, or `None` if Python does not run it at start.
    ///
    /// Hidden names (`.x.pth`) are included on purpose: Python before 3.13 processes them.
    #[must_use]
    pub fn of(path: &Path) -> Option<Self> {
        let name = path.file_name()?.to_str()?;
        if name == "sitecustomize.py" || name == "usercustomize.py" {
            return Some(Self::Customize);
        }
        let (stem, extension) = name.rsplit_once('.')?;
        if stem.is_empty() {
            return None;
        }
        match extension {
            "pth" => Some(Self::Pth),
            "start" => Some(Self::Start),
            _ => None,
        }
    }
}

/// What a reported line does when Python starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineRole {
    /// Passed to `exec()` (a `.pth` line starting with `import `).
    Executed,
    /// Appended to `sys.path` if it exists.
    Path,
    /// A `.start` entry point that is imported and called.
    EntryPoint,
    /// Part of a module that is imported (sitecustomize); `line` is where the finding is.
    Module,
    /// Read but ignored by Python (an invalid `.start` entry).
    Ignored,
}

/// The judgement of one line (or, for a module, of one finding's line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineReport {
    /// 1-based line number, as the first version in `versions` counts lines.
    pub line: usize,
    /// Byte offset of the line's start in the file.
    pub offset: usize,
    /// What Python does with it.
    pub role: LineRole,
    /// The Python versions that treat this text as this line in this role.
    pub versions: PythonVersions,
    /// The line, escaped (`\u{..}` for controls and invisible characters) and truncated.
    pub text: String,
    /// The line's own verdict.
    pub verdict: Verdict,
    /// Why; empty for a plain path entry.
    pub reasons: Vec<Reason>,
}

/// The judgement of one start-up file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The worst of `reasons` and of every line.
    pub verdict: Verdict,
    /// Which mechanism runs this file.
    pub kind: StartupFileKind,
    /// Hex SHA-256 of the exact bytes judged: approvals and quarantine refer to it.
    pub sha256: String,
    /// Size of the content in bytes.
    pub size: u64,
    /// Findings about the file as a whole (not valid UTF-8, too large).
    pub reasons: Vec<Reason>,
    /// Every line Python acts on (or, for a module, every line with a finding).
    pub lines: Vec<LineReport>,
}

impl Report {
    /// Builds a report, computing the verdict from the reasons and lines.
    pub(crate) fn new(
        kind: StartupFileKind,
        content: &[u8],
        reasons: Vec<Reason>,
        lines: Vec<LineReport>,
    ) -> Self {
        let verdict = worst(&reasons).max(
            lines
                .iter()
                .map(|line| line.verdict)
                .max()
                .unwrap_or(Verdict::Benign),
        );
        Self {
            verdict,
            kind,
            sha256: sha256_hex(content),
            size: content.len() as u64,
            reasons,
            lines,
        }
    }

    /// Every reason of the file and its lines, in order, without duplicates.
    #[must_use]
    pub fn all_reasons(&self) -> Vec<Reason> {
        let mut out = Vec::new();
        for reason in self
            .reasons
            .iter()
            .chain(self.lines.iter().flat_map(|line| line.reasons.iter()))
        {
            crate::verdict::push_unique(&mut out, reason.clone());
        }
        out
    }
}

/// Lowercase hex SHA-256 of `bytes`.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for byte in digest {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    out
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// A printable, bounded excerpt of `text`: controls, format characters and line separators
/// are shown as `\u{..}` so a report can never hide or inject terminal output.
#[must_use]
pub fn excerpt(text: &str) -> String {
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count >= EXCERPT_CHARS {
            out.push('\u{2026}');
            break;
        }
        let invisible = c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{85}');
        if invisible && c != '\t' {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_python_naming() {
        assert_eq!(
            StartupFileKind::of(Path::new("/s/a.pth")),
            Some(StartupFileKind::Pth)
        );
        assert_eq!(
            StartupFileKind::of(Path::new("/s/.hidden.pth")),
            Some(StartupFileKind::Pth)
        );
        assert_eq!(
            StartupFileKind::of(Path::new("/s/x.start")),
            Some(StartupFileKind::Start)
        );
        assert_eq!(
            StartupFileKind::of(Path::new("/s/sitecustomize.py")),
            Some(StartupFileKind::Customize)
        );
        assert_eq!(StartupFileKind::of(Path::new("/s/.pth")), None);
        assert_eq!(StartupFileKind::of(Path::new("/s/x.py")), None);
    }

    #[test]
    fn excerpts_escape_invisible_characters_and_truncate() {
        assert_eq!(excerpt("a\u{c}b\u{2028}c"), "a\\u{c}b\\u{2028}c");
        assert_eq!(excerpt(&"x".repeat(500)).chars().count(), EXCERPT_CHARS + 1);
    }

    #[test]
    fn sha256_is_lowercase_hex() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
