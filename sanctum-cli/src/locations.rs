//! Locations the CLI derives on top of [`sanctum_types::paths::Paths`]: the project config of
//! the current directory and the XDG config home used by systemd and fish.

use std::path::{Path, PathBuf};

use sanctum_types::config::{EffectiveConfig, LoadOptions, load};
use sanctum_types::paths::{Paths, find_project_config};

/// `$XDG_CONFIG_HOME` when it is an absolute path (the spec says to ignore relative ones),
/// else `~/.config`.
#[must_use]
pub fn xdg_config_home(home: &Path) -> PathBuf {
    std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .unwrap_or_else(|| home.join(".config"))
}

/// The project `.sanctum/config.toml` that applies to the current directory, if any.
#[must_use]
pub fn project_config(paths: &Paths) -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    find_project_config(&cwd, &paths.home)
}

/// The effective configuration for this directory: defaults < user file < project file
/// (tighten-only) < environment — the same layers the daemon and hooks use.
///
/// # Errors
/// Every problem in every layer, or an unreadable file.
pub fn load_config(paths: &Paths) -> Result<EffectiveConfig, sanctum_types::Error> {
    let project = project_config(paths);
    load(LoadOptions {
        user_file: &paths.config_file,
        project_file: project.as_deref(),
        use_env: true,
    })
}
