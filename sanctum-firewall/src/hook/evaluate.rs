//! The rules applied to one call, in a fixed order; the strictest verdict wins.

use crate::secrets::Detector;

use super::action::HookAction;
use super::call::ToolCall;
use super::decision::Decision;
use super::places::Places;
use super::rules::{protected, redact, secrets, startup_files};
use super::text::{absolute, strings};

/// What the rules need besides the call. Built once per process (the detector compiles its
/// patterns once), cheap to share.
#[derive(Debug, Clone, Copy)]
pub struct Evaluator<'a> {
    /// The credential detector.
    pub detector: &'a Detector,
    /// Home, Sanctum's and the assistant's directories.
    pub places: &'a Places,
}

/// Decides about `call`. Never fails: input a rule cannot read is a reason to block.
#[must_use]
pub fn evaluate(call: &ToolCall, with: &Evaluator<'_>) -> Decision {
    let mut decision = Decision::allow();
    let detector = with.detector;
    match call.action {
        HookAction::PreBash => {
            let Some(command) = call.input_str("command") else {
                return Decision::block("unreadable-input", "the Bash call has no command");
            };
            secrets::check(
                detector,
                &[command],
                secrets::COMMAND,
                "the command",
                &mut decision,
            );
        }
        HookAction::PreRead => {
            if call.input_str("file_path").is_none() {
                return Decision::block("unreadable-input", "the Read call has no file_path");
            }
        }
        HookAction::PreWrite => pre_write(call, with, &mut decision),
        HookAction::PreMcp => {
            let texts = strings(&call.input);
            let what = format!("the call to {}", call.tool_name);
            secrets::check(detector, &texts, secrets::MCP, &what, &mut decision);
        }
        HookAction::PreFetch => {
            let texts: Vec<&str> = ["url", "query", "prompt"]
                .iter()
                .filter_map(|field| call.input_str(field))
                .collect();
            secrets::check(
                detector,
                &texts,
                secrets::FETCH,
                "the web request",
                &mut decision,
            );
        }
        HookAction::PostBash => {
            if let Some(response) = &call.response {
                redact::redact_fields(
                    detector,
                    response,
                    &[&["stdout"], &["stderr"]],
                    "command output",
                    &mut decision,
                );
            }
        }
        HookAction::PostRead => {
            if let Some(response) = &call.response {
                redact::redact_fields(
                    detector,
                    response,
                    &[&["file", "content"]],
                    "file content",
                    &mut decision,
                );
            }
        }
        HookAction::Prompt => {
            let Some(prompt) = call.input_str("prompt") else {
                return Decision::block("unreadable-input", "the prompt event has no prompt");
            };
            if let Some(finding) = secrets::live(detector, prompt).first() {
                decision.add(
                    super::decision::Verdict::Block,
                    secrets::PROMPT,
                    format!(
                        "this prompt contains {}; remove it and send the prompt again (the assistant does not need the value itself)",
                        secrets::describe(finding)
                    ),
                );
            }
        }
    }
    decision
}

/// Write, Edit and `NotebookEdit`: where, and what.
fn pre_write(call: &ToolCall, with: &Evaluator<'_>, decision: &mut Decision) {
    let Some(path) = call
        .input_str("file_path")
        .or_else(|| call.input_str("notebook_path"))
    else {
        *decision = Decision::block(
            "unreadable-input",
            format!("the {} call has no file path", call.tool_name),
        );
        return;
    };
    let path = absolute(path, &call.cwd, &with.places.home);
    startup_files::check(&path, decision);
    protected::check(&path, with.places, decision);
    let texts: Vec<&str> = ["content", "new_string", "new_source"]
        .iter()
        .filter_map(|field| call.input_str(field))
        .collect();
    let what = format!("the text to write to {}", path.display());
    secrets::check(with.detector, &texts, secrets::WRITE, &what, decision);
}
