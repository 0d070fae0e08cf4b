//! Claude Code's hook protocol (`shared/specs/agent-hooks.md` §4–5): reading its stdin JSON
//! into a [`ToolCall`], and saying a [`Decision`] back.
//!
//! Blocking is said twice — exit 2 with a one-line reason on stderr, *and* the deny JSON on
//! stdout — so either path stops the call. "allow" is never emitted: it would skip Claude
//! Code's own permission checks.

use serde_json::{Map, Value, json};

use super::action::HookAction;
use super::call::ToolCall;
use super::decision::{Decision, Verdict};
use crate::FirewallError;

/// The agent name recorded in [`ToolCall::agent`].
pub const AGENT: &str = "claude";

/// How the hook process ends: exit code, stdout, stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// 0 to let the call proceed, 2 to block it.
    pub exit_code: u8,
    /// JSON for Claude Code, or empty.
    pub stdout: String,
    /// One line for the user (and, on a block, the model), or empty.
    pub stderr: String,
}

/// The event name Claude Code sends with `action`.
#[must_use]
pub fn event_name(action: HookAction) -> &'static str {
    match action {
        HookAction::PostBash | HookAction::PostRead => "PostToolUse",
        HookAction::Prompt => "UserPromptSubmit",
        _ => "PreToolUse",
    }
}

/// Whether `tool` belongs to `action` (a hook registered for one tool family must not judge
/// another: that is a misconfiguration, and blocks).
fn tool_fits(action: HookAction, tool: &str) -> bool {
    match action {
        HookAction::PreBash | HookAction::PostBash => tool == "Bash",
        HookAction::PreRead | HookAction::PostRead => tool == "Read",
        HookAction::PreWrite => matches!(tool, "Write" | "Edit" | "NotebookEdit" | "MultiEdit"),
        HookAction::PreMcp => tool.starts_with("mcp__"),
        HookAction::PreFetch => matches!(tool, "WebFetch" | "WebSearch"),
        HookAction::Prompt => true,
    }
}

/// Parses Claude Code's stdin for `action`.
///
/// # Errors
/// [`FirewallError::HookInput`] naming the missing or mistyped field; the caller blocks.
pub fn parse(action: HookAction, input: &[u8]) -> Result<ToolCall, FirewallError> {
    let bad = |what: &str| FirewallError::HookInput(what.to_owned());
    let value: Value = serde_json::from_slice(input).map_err(|error| {
        FirewallError::HookInput(format!(
            "not JSON (line {}, column {})",
            error.line(),
            error.column()
        ))
    })?;
    let Value::Object(mut object) = value else {
        return Err(bad("not a JSON object"));
    };
    let event = string(&object, "hook_event_name")?;
    if event != event_name(action) {
        return Err(FirewallError::HookInput(format!(
            "`hook_event_name` is {event:?}, but `{action}` handles {}",
            event_name(action)
        )));
    }
    let cwd = string(&object, "cwd")?;
    let session_id = object
        .get("session_id")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let (tool_name, input, response) = if action == HookAction::Prompt {
        let prompt = string(&object, "prompt")?;
        (String::new(), json!({ "prompt": prompt }), None)
    } else {
        let tool_name = string(&object, "tool_name")?;
        if !tool_fits(action, &tool_name) {
            return Err(FirewallError::HookInput(format!(
                "`{action}` does not handle the {tool_name} tool (check the hook's matcher)"
            )));
        }
        let Some(input @ Value::Object(_)) = object.remove("tool_input") else {
            return Err(bad("`tool_input` is missing or not an object"));
        };
        let response = if action.is_post() {
            Some(
                object
                    .remove("tool_response")
                    .ok_or_else(|| bad("`tool_response` is missing"))?,
            )
        } else {
            None
        };
        (tool_name, input, response)
    };
    Ok(ToolCall {
        agent: AGENT.to_owned(),
        action,
        tool_name,
        cwd: cwd.into(),
        session_id,
        input,
        response,
    })
}

fn string(object: &Map<String, Value>, field: &str) -> Result<String, FirewallError> {
    match object.get(field) {
        Some(Value::String(text)) => Ok(text.clone()),
        Some(_) => Err(FirewallError::HookInput(format!(
            "`{field}` is not a string"
        ))),
        None => Err(FirewallError::HookInput(format!("`{field}` is missing"))),
    }
}

/// Says `decision` in Claude Code's protocol.
#[must_use]
pub fn render(action: HookAction, decision: &Decision) -> Answer {
    let reason = format!("sanctum: {}", one_line(&decision.summary()));
    match (decision.verdict, action) {
        (Verdict::Block, HookAction::Prompt) => Answer {
            exit_code: 2,
            stdout: json!({ "decision": "block", "reason": reason }).to_string(),
            stderr: reason,
        },
        (Verdict::Block, HookAction::PostBash | HookAction::PostRead) | (Verdict::Warn, _) => {
            let mut out = json!({ "systemMessage": reason });
            if let Some(updated) = &decision.updated_output {
                out["hookSpecificOutput"] = json!({
                    "hookEventName": event_name(action),
                    "updatedToolOutput": updated,
                });
            }
            Answer {
                exit_code: 0,
                stdout: out.to_string(),
                stderr: String::new(),
            }
        }
        (Verdict::Block, _) => Answer {
            exit_code: 2,
            stdout: json!({
                "hookSpecificOutput": {
                    "hookEventName": event_name(action),
                    "permissionDecision": "deny",
                    "permissionDecisionReason": reason,
                }
            })
            .to_string(),
            stderr: reason,
        },
        (Verdict::Allow, _) => Answer {
            exit_code: 0,
            stdout: String::new(),
            stderr: String::new(),
        },
    }
}

/// The answer for input Sanctum could not judge (unreadable, internal error): a block.
#[must_use]
pub fn render_failure(action: HookAction, why: &str) -> Answer {
    render(
        action,
        &Decision::block(
            "hook-error",
            format!("{why}; blocking because a call Sanctum cannot judge is not safe to run"),
        ),
    )
}

fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRE_BASH: &str = r#"{"session_id":"s","cwd":"/home/dev/proj","permission_mode":"bypassPermissions","hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"cat ~/.aws/credentials","description":"Show a file"},"tool_use_id":"t"}"#;

    #[test]
    fn parses_a_captured_pre_bash_payload() {
        let call = parse(HookAction::PreBash, PRE_BASH.as_bytes()).unwrap();
        assert_eq!(call.tool_name, "Bash");
        assert_eq!(call.input_str("command"), Some("cat ~/.aws/credentials"));
        assert_eq!(call.cwd, std::path::Path::new("/home/dev/proj"));
        assert_eq!(call.session_id.as_deref(), Some("s"));
    }

    #[test]
    fn refuses_wrong_events_tools_and_shapes() {
        for (action, input) in [
            (HookAction::PreRead, PRE_BASH),
            (HookAction::PostBash, PRE_BASH),
            (HookAction::PreBash, "{}"),
            (HookAction::PreBash, "[1]"),
            (HookAction::PreBash, "not json"),
            (
                HookAction::PreBash,
                r#"{"cwd":"/","hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":"x"}"#,
            ),
        ] {
            assert!(parse(action, input.as_bytes()).is_err(), "{action} {input}");
        }
    }

    #[test]
    fn blocks_are_said_twice_and_allow_is_silent() {
        let block = render(HookAction::PreBash, &Decision::block("r", "no"));
        assert_eq!(block.exit_code, 2);
        assert_eq!(block.stderr, "sanctum: no");
        let json: Value = serde_json::from_str(&block.stdout).unwrap();
        assert_eq!(json["hookSpecificOutput"]["permissionDecision"], "deny");
        let prompt = render(HookAction::Prompt, &Decision::block("r", "no"));
        assert_eq!(prompt.exit_code, 2);
        assert!(prompt.stdout.contains("\"decision\":\"block\""));
        let allow = render(HookAction::PreBash, &Decision::allow());
        assert_eq!((allow.exit_code, allow.stdout.as_str()), (0, ""));
        assert!(
            !render(HookAction::PreBash, &Decision::allow())
                .stdout
                .contains("allow")
        );
    }
}
