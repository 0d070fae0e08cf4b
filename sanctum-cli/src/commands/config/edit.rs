//! `sanctum config edit`: open the user config in the user's editor, then validate it.

use std::process::Command;

use anyhow::Context as _;
use sanctum_types::config::{RECOMMENDED, validate_file};
use sanctum_types::fs::{ensure_private_dir, write_atomic};

use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::output::{Paint, print};

/// Edit the user config file in $VISUAL, $EDITOR or vi.
///
/// Creates the file from the recommended configuration first if it does not exist. After
/// the editor exits, validates the file and reports every problem (exit 3). The daemon
/// reloads the file by itself when it changes; an invalid file is refused and the previous
/// configuration stays in force.
#[derive(Debug, clap::Args)]
pub struct EditArgs {}

/// Opens the editor and validates the result.
///
/// # Errors
/// When the editor cannot run or fails, or the edited file is invalid.
pub fn run(_args: &EditArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let paths = context.paths()?;
    let file = &paths.config_file;
    if !file.exists() {
        if let Some(dir) = file.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            ensure_private_dir(dir)?;
        }
        write_atomic(file, RECOMMENDED.as_bytes(), 0o600)?;
        print(&format!(
            "created {} from the recommended settings\n",
            file.display()
        ))?;
    }
    let editor = ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(std::env::var_os)
        .map(|value| value.to_string_lossy().into_owned())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned());
    // Through the shell, like git does, so `EDITOR="code --wait"` works.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(&editor)
        .arg(file)
        .status()
        .with_context(|| format!("cannot run the editor `{editor}`"))?;
    if !status.success() {
        return Err(CliError::Failed(format!(
            "the editor `{editor}` failed ({status}); the file was not checked: run \
             `sanctum config validate`"
        )));
    }
    validate_file(file, false)?;
    print(&format!(
        "{} {} is valid; sanctum-daemon reloads it automatically\n",
        context.stdout.paint("ok:", Paint::Green),
        file.display()
    ))?;
    Ok(ExitStatus::Success)
}
