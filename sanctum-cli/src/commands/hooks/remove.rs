//! `sanctum hooks remove claude [--managed]`.

use std::path::PathBuf;

use super::Agent;
use super::settings_file::{self, MANAGED_DIR, MANAGED_FILE};
use crate::agents::claude;
use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::output::print;

/// Remove Sanctum's hooks from an AI assistant's settings
///
/// Takes only Sanctum's entries out of ~/.claude/settings.json (your other hooks stay), or
/// deletes the managed settings file with --managed. Meant to be run by you, in your own
/// terminal: while the hooks are active they block an assistant from running this.
#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    /// The assistant.
    #[arg(value_enum)]
    pub agent: Agent,
    /// Remove the managed (machine-wide) settings file; needs root.
    #[arg(long)]
    pub managed: bool,
    /// Where managed settings live (for tests and other layouts).
    #[arg(long, value_name = "DIR", hide = true, default_value = MANAGED_DIR)]
    pub managed_dir: PathBuf,
}

/// Removes the hooks.
///
/// # Errors
/// A settings file that cannot be read, parsed or written.
pub fn run(args: &RemoveArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let Agent::Claude = args.agent;
    if args.managed {
        let path = args.managed_dir.join(MANAGED_FILE);
        return match std::fs::remove_file(&path) {
            Ok(()) => {
                print(&format!("removed {}\n", path.display()))?;
                Ok(ExitStatus::Success)
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                print(&format!("no managed settings at {}\n", path.display()))?;
                Ok(ExitStatus::Success)
            }
            Err(error) => Err(CliError::Failed(format!(
                "cannot remove {}: {error} (managed settings need root)",
                path.display()
            ))),
        };
    }
    let path = settings_file::user_settings_path(&context.paths()?.home);
    let Some(mut settings) = settings_file::read(&path)? else {
        print(&format!("no Claude Code settings at {}\n", path.display()))?;
        return Ok(ExitStatus::Success);
    };
    let removed = claude::remove(&mut settings);
    if removed == 0 {
        print(&format!("no Sanctum hooks in {}\n", path.display()))?;
        return Ok(ExitStatus::Success);
    }
    let mode = super::install::file_mode(&path).unwrap_or(0o600);
    settings_file::write(&path, &settings, mode)?;
    print(&format!(
        "removed {removed} Sanctum hooks from {}\n",
        path.display()
    ))?;
    Ok(ExitStatus::Success)
}
