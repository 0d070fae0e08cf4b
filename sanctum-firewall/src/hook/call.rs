//! One tool call (or prompt) as Sanctum sees it, independent of the assistant that made it.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::action::HookAction;

/// A tool call, prompt or tool result to judge. Serialisable, because the hook process
/// sends it to the daemon as is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCall {
    /// Which assistant sent it (`claude`).
    pub agent: String,
    /// What the hook was asked.
    pub action: HookAction,
    /// The assistant's tool name (`Bash`, `Read`, `mcp__db__query`, ...); empty for prompts.
    pub tool_name: String,
    /// The directory the tool runs in (the project directory for Claude Code).
    pub cwd: PathBuf,
    /// The assistant's session, for grouping audit records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// The tool's arguments; for a prompt, `{"prompt": "..."}`.
    pub input: Value,
    /// The tool's result, for post-tool actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Value>,
}

impl ToolCall {
    /// A string field of the input.
    #[must_use]
    pub fn input_str(&self, field: &str) -> Option<&str> {
        self.input.get(field).and_then(Value::as_str)
    }
}
