//! `sanctum config path`: where the user config lives (and the project file that applies).

use std::fmt::Write as _;

use serde_json::json;

use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::locations::project_config;
use crate::output::{print, print_json};

/// Print the path of the user config file
///
/// The first line is the user config file (whether or not it exists yet), so
/// `$EDITOR "$(sanctum config path | head -n1)"` works. When a project
/// .sanctum/config.toml applies to the current directory, a second line
/// `project: <path>` names it.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct PathArgs {
    /// Print JSON: `{"user": "...", "user_present": bool, "project": "..." | null}`.
    #[arg(long)]
    pub json: bool,
}

/// Prints the paths.
///
/// # Errors
/// When stdout cannot be written.
pub fn run(args: &PathArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let paths = context.paths()?;
    let project = project_config(paths);
    if args.json {
        print_json(&json!({
            "user": paths.config_file,
            "user_present": paths.config_file.exists(),
            "project": project,
        }))?;
    } else {
        let mut text = format!("{}\n", paths.config_file.display());
        if let Some(project) = project {
            let _ = writeln!(text, "project: {}", project.display());
        }
        print(&text)?;
    }
    Ok(ExitStatus::Success)
}
