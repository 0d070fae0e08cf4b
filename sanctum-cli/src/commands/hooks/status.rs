//! `sanctum hooks status`.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

use super::settings_file::{self, MANAGED_DIR, MANAGED_FILE};
use crate::agents::claude::{self, FoundHook, HOOKS};
use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::output::{Paint, print, print_json};

/// Show which Sanctum hooks are installed, and where
///
/// Lists the Claude Code settings files that register Sanctum's hooks (user and managed),
/// which actions are missing, and entries that would fail open (no "onFailure": "block") or
/// point at a binary that no longer exists. Exits 1 when no complete set is installed.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Print JSON: `{"files": [{"path", "present", "hooks": [...], "missing": [...]}], "ok"}`.
    #[arg(long)]
    pub json: bool,
    /// Where managed settings live (for tests and other layouts).
    #[arg(long, value_name = "DIR", hide = true, default_value = MANAGED_DIR)]
    pub managed_dir: PathBuf,
}

#[derive(Debug, Serialize)]
struct FileStatus {
    path: PathBuf,
    scope: &'static str,
    present: bool,
    hooks: Vec<HookStatus>,
    missing: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
struct HookStatus {
    event: String,
    action: String,
    binary: String,
    binary_exists: bool,
    blocks_on_failure: bool,
    timeout: Option<u64>,
}

impl From<FoundHook> for HookStatus {
    fn from(hook: FoundHook) -> Self {
        Self {
            binary_exists: std::path::Path::new(&hook.binary).is_file(),
            event: hook.event,
            action: hook.action,
            binary: hook.binary,
            blocks_on_failure: hook.blocks_on_failure,
            timeout: hook.timeout,
        }
    }
}

/// Prints the status.
///
/// # Errors
/// When a settings file exists but cannot be read or parsed.
pub fn run(args: &StatusArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let user = settings_file::user_settings_path(&context.paths()?.home);
    let managed = args.managed_dir.join(MANAGED_FILE);
    let mut files = Vec::new();
    for (scope, path) in [("managed", managed), ("user", user)] {
        let settings = settings_file::read(&path)?;
        let hooks: Vec<HookStatus> = settings
            .as_ref()
            .map(claude::find)
            .unwrap_or_default()
            .into_iter()
            .map(HookStatus::from)
            .collect();
        let missing = HOOKS
            .iter()
            .map(|spec| spec.action)
            .filter(|action| !hooks.iter().any(|hook| hook.action == *action))
            .collect();
        files.push(FileStatus {
            present: settings.is_some(),
            path,
            scope,
            hooks,
            missing,
        });
    }
    let ok = files.iter().any(|file| {
        file.missing.is_empty()
            && file
                .hooks
                .iter()
                .all(|hook| hook.binary_exists && hook.blocks_on_failure)
    });
    if args.json {
        print_json(&serde_json::json!({ "files": files, "ok": ok }))?;
    } else {
        print(&render(&files, ok, context))?;
    }
    Ok(if ok {
        ExitStatus::Success
    } else {
        ExitStatus::Failed
    })
}

fn render(files: &[FileStatus], ok: bool, context: &Context) -> String {
    let style = context.stdout;
    let mut text = String::new();
    for file in files {
        let state = if !file.present {
            style.paint("absent", Paint::Dim)
        } else if file.hooks.is_empty() {
            style.paint("no Sanctum hooks", Paint::Dim)
        } else if file.missing.is_empty() {
            style.paint("all hooks installed", Paint::Green)
        } else {
            style.paint(
                &format!("missing: {}", file.missing.join(", ")),
                Paint::Yellow,
            )
        };
        let _ = writeln!(text, "{:<8} {}  {state}", file.scope, file.path.display());
        for hook in &file.hooks {
            let mut problems = Vec::new();
            if !hook.binary_exists {
                problems.push(format!("{} does not exist", hook.binary));
            }
            if !hook.blocks_on_failure {
                problems.push("fails open (no \"onFailure\": \"block\")".to_owned());
            }
            if !problems.is_empty() {
                let _ = writeln!(
                    text,
                    "         {} {}: {}",
                    style.paint("!", Paint::Yellow),
                    hook.action,
                    problems.join("; ")
                );
            }
        }
    }
    if !ok {
        text.push_str("fix: sanctum hooks install claude   (or, as root, with --managed)\n");
    }
    text
}
