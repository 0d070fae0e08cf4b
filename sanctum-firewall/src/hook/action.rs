//! The `sanctum hook <action>` vocabulary: one action per kind of question a hook asks.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What a hook invocation is about. Each maps to one assistant event and a family of tools,
/// so the hook can refuse input that does not belong to it (a `pre-read` hook handed a
/// `Bash` call is misconfigured, and blocks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HookAction {
    /// Before a shell command runs.
    PreBash,
    /// Before a file is read.
    PreRead,
    /// Before a file is written or edited (Write, Edit, `NotebookEdit`).
    PreWrite,
    /// Before an MCP tool is called.
    PreMcp,
    /// Before a web fetch or search.
    PreFetch,
    /// After a shell command succeeded: its output may be redacted.
    PostBash,
    /// After a file was read: its content may be redacted.
    PostRead,
    /// Before a prompt is sent to the model.
    Prompt,
}

impl HookAction {
    /// Every action, in the order `--help` lists them.
    pub const ALL: [Self; 8] = [
        Self::PreBash,
        Self::PreRead,
        Self::PreWrite,
        Self::PreMcp,
        Self::PreFetch,
        Self::PostBash,
        Self::PostRead,
        Self::Prompt,
    ];

    /// The command-line spelling.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PreBash => "pre-bash",
            Self::PreRead => "pre-read",
            Self::PreWrite => "pre-write",
            Self::PreMcp => "pre-mcp",
            Self::PreFetch => "pre-fetch",
            Self::PostBash => "post-bash",
            Self::PostRead => "post-read",
            Self::Prompt => "prompt",
        }
    }

    /// Whether the tool has already run (the answer can only redact, not prevent).
    #[must_use]
    pub fn is_post(self) -> bool {
        matches!(self, Self::PostBash | Self::PostRead)
    }
}

impl fmt::Display for HookAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for HookAction {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|action| action.as_str() == text)
            .ok_or_else(|| format!("unknown hook action `{text}`"))
    }
}
