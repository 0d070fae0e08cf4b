//! Requests that undo a protection must come from a human: refuse them when the requesting
//! process runs inside an AI assistant.
//!
//! Decided here, in the daemon, from what the kernel says about the peer (its pid from
//! `SO_PEERCRED`) and what `/proc` says about that pid's environment and ancestors — never
//! from anything the request itself claims. A peer whose pid is unknown, or whose process
//! cannot be inspected, is not taken for a human either. Every refusal is audited.

use sanctum_sentinel::process::{Ancestry, Evidence, ProcFs, find_assistant};
use sanctum_types::audit::{Action, AuditRecord, Category, Level};
use sanctum_types::ipc::{ErrorCode, Response};
use serde_json::json;

use super::dispatch::error_reply;
use crate::counters::bump;
use crate::state::State;

/// `Ok` when the peer is (as far as can be told) a human at a terminal; otherwise the
/// refusal to send. `action` is the verb shown to the user (`approve`, `delete`), `id` the
/// entry concerned.
pub(crate) fn require_human(
    state: &State,
    proc: &ProcFs,
    peer_pid: Option<u32>,
    action: &str,
    id: &str,
) -> Result<(), Response> {
    let ancestry = peer_pid.map_or(Ancestry::Unknown, |pid| find_assistant(proc, pid));
    let (message, details) = match ancestry {
        Ancestry::Clear => return Ok(()),
        Ancestry::Assistant(found) => {
            let evidence = match &found.evidence {
                Evidence::Variable(name) => json!({ "variable": name }),
                Evidence::Program(program) => json!({ "program": program }),
            };
            (
                format!(
                    "refused: {action} from your own terminal, not from inside {} \
                     (run `sanctum review --{action} {id}` there yourself)",
                    found.assistant
                ),
                json!({ "assistant": found.assistant, "pid": found.pid, "evidence": evidence }),
            )
        }
        Ancestry::Unknown => (
            format!(
                "refused: cannot tell whether a human asked to {action} (the requesting process \
                 cannot be inspected); run `sanctum review --{action} {id}` from your own terminal"
            ),
            json!({ "assistant": null }),
        ),
    };
    bump(state.sentinel.refused_counter());
    tracing::warn!(peer_pid, action, id, "{message}");
    state.audit.record(
        AuditRecord::now(
            Level::Warning,
            Category::Sentinel,
            Action::Refused,
            format!(
                "refused to {action} quarantined file {id}: the request did not come from a human"
            ),
        )
        .with_details(json!({
            "quarantine_id": id,
            "action": action,
            "peer_pid": peer_pid,
            "found": details,
        })),
    );
    Err(error_reply(ErrorCode::HumanRequired, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_process(root: &std::path::Path, pid: u32, parent: u32, comm: &str, environ: &str) {
        let dir = root.join(pid.to_string());
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("stat"), format!("{pid} ({comm}) S {parent} 0 0\n")).unwrap();
        std::fs::write(dir.join("comm"), format!("{comm}\n")).unwrap();
        std::fs::write(dir.join("cmdline"), format!("{comm}\0")).unwrap();
        std::fs::write(dir.join("environ"), environ.replace(' ', "\0")).unwrap();
    }

    fn code(response: &Response) -> ErrorCode {
        match response {
            Response::Error(error) => error.code,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn assistants_and_unknown_peers_are_refused_and_counted() {
        let (_guards, state) = crate::state::test_state();
        let root = tempfile::tempdir().unwrap();
        write_process(root.path(), 1, 0, "init", "");
        write_process(root.path(), 10, 1, "bash", "HOME=/h");
        write_process(root.path(), 11, 10, "sanctum", "HOME=/h");
        write_process(root.path(), 20, 1, "claude", "HOME=/h");
        write_process(root.path(), 21, 20, "sanctum", "HOME=/h");
        write_process(root.path(), 31, 10, "sanctum", "HOME=/h CLAUDECODE=1");
        let proc = ProcFs::new(root.path());

        assert!(require_human(&state, &proc, Some(11), "approve", "x").is_ok());
        let refused = require_human(&state, &proc, Some(21), "approve", "x").unwrap_err();
        assert_eq!(code(&refused), ErrorCode::HumanRequired);
        let Response::Error(error) = &refused else {
            unreachable!()
        };
        assert!(
            error
                .message
                .contains("approve from your own terminal, not from inside Claude Code"),
            "{}",
            error.message
        );
        let refused = require_human(&state, &proc, Some(31), "delete", "x").unwrap_err();
        assert_eq!(code(&refused), ErrorCode::HumanRequired);
        assert_eq!(
            code(&require_human(&state, &proc, None, "approve", "x").unwrap_err()),
            ErrorCode::HumanRequired
        );
        assert_eq!(
            code(&require_human(&state, &proc, Some(999), "approve", "x").unwrap_err()),
            ErrorCode::HumanRequired
        );
        assert_eq!(
            state
                .sentinel
                .refused_counter()
                .load(std::sync::atomic::Ordering::Relaxed),
            4
        );
    }
}
