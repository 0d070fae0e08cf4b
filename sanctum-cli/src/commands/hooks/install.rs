//! `sanctum hooks install claude [--managed]`.

use std::fmt::Write as _;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::Agent;
use super::settings_file::{self, MANAGED_DIR, MANAGED_FILE};
use crate::agents::claude;
use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::output::{Paint, print};

/// Register Sanctum's hooks with an AI assistant
///
/// For Claude Code, merges Sanctum's hooks into ~/.claude/settings.json: your other hooks and
/// settings stay, the file is backed up once (settings.json.sanctum-backup) and written
/// atomically, and running it again only updates Sanctum's entries. Every hook names this
/// `sanctum` binary by absolute path, with a 10 s timeout and "onFailure": "block", so a
/// crashed or hung hook stops the tool call instead of letting it through.
///
/// A repository can switch user-level hooks off (`disableAllHooks` in its
/// .claude/settings.json). With --managed (run as root), the hooks go into Claude Code's
/// managed settings (/etc/claude-code/managed-settings.d/sanctum.json) together with
/// "disableAllHooks": false: the one place no repository, flag or user setting overrides.
///
/// Examples:
///   sanctum hooks install claude
///   sudo sanctum hooks install claude --managed
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct InstallArgs {
    /// The assistant.
    #[arg(value_enum)]
    pub agent: Agent,
    /// Install as managed (machine-wide, tamper-proof) settings; needs root.
    #[arg(long)]
    pub managed: bool,
    /// Where managed settings live (for tests and other layouts).
    #[arg(long, value_name = "DIR", hide = true, default_value = MANAGED_DIR)]
    pub managed_dir: PathBuf,
}

/// Installs the hooks.
///
/// # Errors
/// A settings file that cannot be read, parsed or written.
pub fn run(args: &InstallArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let Agent::Claude = args.agent;
    let binary = this_binary()?;
    let binary_text = binary.to_string_lossy();
    if args.managed {
        let path = args.managed_dir.join(MANAGED_FILE);
        let mut settings = Value::Object(Map::new());
        settings["disableAllHooks"] = Value::Bool(false);
        claude::install(&mut settings, &binary_text).map_err(CliError::Failed)?;
        settings_file::write(&path, &settings, 0o644).map_err(|error| {
            CliError::Failed(format!(
                "{error}\nmanaged settings need root: sudo {} hooks install claude --managed",
                binary.display()
            ))
        })?;
        print(&format!(
            "{} Sanctum's hooks are now managed settings in {}.\n  \
             Claude Code applies them for every user of this machine, and no repository,\n  \
             command-line flag or user setting can switch them off. {} must stay readable\n  \
             and executable by those users.\n",
            context.stdout.paint("✓", Paint::Green),
            path.display(),
            binary.display()
        ))?;
        return Ok(ExitStatus::Success);
    }

    let path = settings_file::user_settings_path(&context.paths()?.home);
    let existing = settings_file::read(&path)?;
    let mut settings = existing
        .clone()
        .unwrap_or_else(|| Value::Object(Map::new()));
    claude::install(&mut settings, &binary_text).map_err(|reason| {
        CliError::Failed(format!(
            "{}: {reason}; fix it by hand first, nothing was changed",
            path.display()
        ))
    })?;
    if existing.as_ref() == Some(&settings) {
        print(&format!(
            "{} Sanctum's hooks are already installed in {}.\n",
            context.stdout.paint("✓", Paint::Green),
            path.display()
        ))?;
        return Ok(ExitStatus::Success);
    }
    let mode = file_mode(&path).unwrap_or(0o600);
    let backup = settings_file::write(&path, &settings, mode)?;
    let mut text = format!(
        "{} installed {} hooks in {}",
        context.stdout.paint("✓", Paint::Green),
        claude::HOOKS.len(),
        path.display()
    );
    if let Some(backup) = backup {
        let _ = write!(text, " (previous file saved as {})", backup.display());
    }
    let _ = write!(
        text,
        ".\n  A repository can still switch user-level hooks off with `disableAllHooks`;\n  \
         `sudo {} hooks install claude --managed` prevents that.\n",
        binary.display()
    );
    print(&text)?;
    Ok(ExitStatus::Success)
}

/// The absolute, canonical path of the running binary: what the hooks must name.
fn this_binary() -> Result<PathBuf, CliError> {
    std::env::current_exe()
        .and_then(std::fs::canonicalize)
        .map_err(|error| CliError::Internal(anyhow::Error::new(error)))
}

/// The permission bits of `path`, to keep them when rewriting it.
#[must_use]
pub fn file_mode(path: &Path) -> Option<u32> {
    std::fs::metadata(path)
        .ok()
        .map(|metadata| metadata.permissions().mode() & 0o7777)
}
