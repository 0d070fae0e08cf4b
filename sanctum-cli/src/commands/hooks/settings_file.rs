//! Reading and rewriting a Claude Code settings file safely: the user's file is backed up
//! before the first change, written atomically, and never rewritten when nothing changed.

use std::io;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::CliError;

/// The managed-settings drop-in directory on Linux: settings there beat every user, project
/// and command-line setting, so a repository cannot switch these hooks off.
pub const MANAGED_DIR: &str = "/etc/claude-code/managed-settings.d";
/// Sanctum's file in [`MANAGED_DIR`].
pub const MANAGED_FILE: &str = "sanctum.json";

/// `~/.claude/settings.json`, or under `$CLAUDE_CONFIG_DIR` when set (Claude Code moves its
/// whole config directory there).
#[must_use]
pub fn user_settings_path(home: &Path) -> PathBuf {
    std::env::var_os("CLAUDE_CONFIG_DIR")
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .unwrap_or_else(|| home.join(".claude"))
        .join("settings.json")
}

/// The settings in `path`: `Ok(None)` when the file does not exist.
///
/// # Errors
/// [`CliError::Failed`] when it exists but cannot be read or is not JSON (it is never
/// overwritten then).
pub fn read(path: &Path) -> Result<Option<Value>, CliError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(CliError::Failed(format!(
                "cannot read {}: {error}",
                path.display()
            )));
        }
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Some(Value::Object(serde_json::Map::new())));
    }
    serde_json::from_slice(&bytes).map(Some).map_err(|error| {
        CliError::Failed(format!(
            "{} is not valid JSON ({error}); fix it by hand first, nothing was changed",
            path.display()
        ))
    })
}

/// Writes `settings` to `path` atomically, first copying an existing file to
/// `<path>.sanctum-backup` (once: the backup keeps the state from before Sanctum's first
/// change). Returns the backup path when one was made.
///
/// # Errors
/// [`CliError::Failed`] naming the file that could not be written.
pub fn write(path: &Path, settings: &Value, mode: u32) -> Result<Option<PathBuf>, CliError> {
    let failed = |what: &str, path: &Path, error: &dyn std::fmt::Display| {
        CliError::Failed(format!("cannot {what} {}: {error}", path.display()))
    };
    let mut backup = None;
    if path.exists() {
        let copy = PathBuf::from(format!("{}.sanctum-backup", path.display()));
        if !copy.exists() {
            std::fs::copy(path, &copy).map_err(|error| failed("back up", path, &error))?;
            backup = Some(copy);
        }
    } else if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|error| failed("create", dir, &error))?;
    }
    let mut text = serde_json::to_vec_pretty(settings)?;
    text.push(b'\n');
    sanctum_types::fs::write_atomic(path, &text, mode)
        .map_err(|error| failed("write", path, &error))?;
    Ok(backup)
}
