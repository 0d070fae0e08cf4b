//! `sanctum hook <action>`: the command an AI assistant runs before (and after) each tool
//! call. Reads the assistant's JSON on stdin, decides, answers in the assistant's protocol.
//!
//! Trust: this process inherits an environment a repository can shape (Claude Code passes a
//! project's `env` settings to hooks), so nothing that decides reads the environment: the
//! home directory comes from the password database, not `$HOME`, and there is no kill
//! switch variable. Any failure blocks: a call Sanctum could not judge is not let through.

use std::io::{Read, Write};
use std::path::PathBuf;

use sanctum_firewall::hook::{
    Decision, Evaluator, HookAction, Places, ToolCall, Verdict, claude, evaluate,
};
use sanctum_firewall::secrets::Detector;
use sanctum_types::audit::{Action, AuditRecord, AuditWriter, Category, Level};

use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;

/// Largest hook input read from stdin (a Write of a large file arrives whole).
const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Answer an AI assistant's hook (run by the assistant, not by you)
///
/// Installed by `sanctum hooks install claude`. Reads the assistant's event JSON on stdin
/// and exits 0 to let the call proceed, or 2 with the reason on stderr and the assistant's
/// deny JSON on stdout to stop it. After a tool ran (post-bash, post-read) it may replace
/// secrets in the output with [REDACTED:<kind>] markers. Unreadable input and internal
/// errors block. Every warning and block is written to the audit log (`sanctum audit`).
///
/// Actions: pre-bash, pre-read, pre-write (Write, Edit, NotebookEdit), pre-mcp, pre-fetch
/// (WebFetch, WebSearch), post-bash, post-read, prompt (UserPromptSubmit).
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
#[expect(
    clippy::doc_markdown,
    reason = "the doc comment is the --help text, where backticks would show"
)]
pub struct HookArgs {
    /// What the assistant is about to do.
    #[arg(value_parser = parse_action, value_name = "ACTION")]
    pub action: HookAction,
    /// The home directory whose files are protected (default: yours, from the password
    /// database; never `$HOME`, which a repository can change).
    #[arg(long, value_name = "DIR", hide = true)]
    pub home: Option<PathBuf>,
}

fn parse_action(text: &str) -> Result<HookAction, String> {
    text.parse()
}

/// Decides and answers.
///
/// # Errors
/// Only when stdout or stderr cannot be written; every other failure is a block.
pub fn run(args: &HookArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let action = args.action;
    let answer = match judge(args) {
        Ok((call, decision)) => {
            audit(context, &call, &decision);
            claude::render(action, &decision)
        }
        Err(why) => claude::render_failure(action, &why),
    };
    if !answer.stdout.is_empty() {
        let mut out = std::io::stdout().lock();
        out.write_all(answer.stdout.as_bytes())?;
        out.write_all(b"\n")?;
        out.flush()?;
    }
    if !answer.stderr.is_empty() {
        let _ = writeln!(std::io::stderr().lock(), "{}", answer.stderr);
    }
    Ok(if answer.exit_code == 0 {
        ExitStatus::Success
    } else {
        ExitStatus::HookBlocked
    })
}

/// Reads, parses and evaluates; `Err` carries a sentence for the block message.
fn judge(args: &HookArgs) -> Result<(ToolCall, Decision), String> {
    let mut input = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut input)
        .map_err(|error| format!("cannot read the hook input: {error}"))?;
    if input.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!(
            "the hook input is larger than {} MiB",
            MAX_INPUT_BYTES / 1024 / 1024
        ));
    }
    let call = claude::parse(args.action, &input).map_err(|error| error.to_string())?;
    let detector = Detector::shared().map_err(|error| error.to_string())?;
    let places = places(args)?;
    let decision = evaluate(
        &call,
        &Evaluator {
            detector,
            places: &places,
        },
    );
    Ok((call, decision))
}

/// The homes to protect: the password database's (or `--home`) and `$HOME` when it differs
/// (where `~` expands in the assistant's shell); Sanctum's own directories as this
/// environment resolves them are protected on top of the standard ones.
fn places(args: &HookArgs) -> Result<Places, String> {
    let trusted = match &args.home {
        Some(home) => home.clone(),
        None => trusted_home()?,
    };
    let env_home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .filter(|home| home.is_absolute());
    let mut places = match env_home {
        Some(home) => Places::new(&home, &[trusted]),
        None => Places::under_home(&trusted),
    };
    if let Ok(paths) = sanctum_types::paths::Paths::from_env() {
        if let Some(config_dir) = paths.config_file.parent() {
            places.sanctum_dirs.push(config_dir.to_path_buf());
        }
        places.sanctum_dirs.push(paths.state_dir.clone());
    }
    Ok(places)
}

/// The user's home from the password database.
fn trusted_home() -> Result<PathBuf, String> {
    nix::unistd::User::from_uid(nix::unistd::getuid())
        .ok()
        .flatten()
        .map(|user| user.dir)
        .ok_or_else(|| "cannot find your home directory in the password database".to_owned())
}

/// Appends a record for a warning or a block. Best effort: failing to audit must not turn
/// a decision around, so problems are reported on stderr only.
fn audit(context: &Context, call: &ToolCall, decision: &Decision) {
    let (level, action) = match decision.verdict {
        Verdict::Allow => return,
        Verdict::Warn => (Level::Warning, Action::Warned),
        Verdict::Block => (Level::Warning, Action::Blocked),
    };
    let Ok(paths) = context.paths() else { return };
    let settings = crate::locations::load_config(paths).map_or_else(
        |_| sanctum_types::config::defaults().audit,
        |effective| effective.config.audit,
    );
    let summary = format!(
        "{} {} {}: {}",
        call.agent,
        call.action,
        if call.tool_name.is_empty() {
            "prompt"
        } else {
            &call.tool_name
        },
        decision.summary()
    );
    let record = AuditRecord::now(level, Category::Firewall, action, summary).with_details(
        serde_json::json!({
            "agent": call.agent,
            "hook": call.action,
            "tool": call.tool_name,
            "cwd": call.cwd,
            "session_id": call.session_id,
            "rules": decision.reasons.iter().map(|r| r.rule.as_str()).collect::<Vec<_>>(),
        }),
    );
    if sanctum_types::fs::ensure_private_dir(&paths.state_dir).is_err() {
        return;
    }
    let mut writer = AuditWriter::new(
        &paths.audit_log(),
        settings.max_file_bytes,
        settings.keep_files,
        settings.min_level,
    );
    if let Err(error) = writer.append(&record) {
        let _ = writeln!(
            std::io::stderr(),
            "sanctum: could not write the audit log: {error}"
        );
    }
}
