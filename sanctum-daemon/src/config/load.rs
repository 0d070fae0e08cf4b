//! Reading the user config, and the fallback to defaults when it is invalid at start.
//!
//! The daemon reads the user file (no project file: the daemon is per user, projects are
//! applied per request by later issues) and the environment overrides. It never refuses to
//! start over a config typo: it runs with the built-in defaults and reports the problem.

use std::path::Path;

use jiff::Timestamp;
use sanctum_types::config::{LoadOptions, ValidConfig};

/// A config that passed validation, with when and from what it was loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LoadedConfig {
    /// The settings in force.
    pub config: ValidConfig,
    /// Whether the user file existed (otherwise the defaults apply).
    pub file_present: bool,
    /// When it was loaded.
    pub loaded_at: Timestamp,
}

impl LoadedConfig {
    /// Whether two loads would make the daemon behave the same (ignoring when they happened).
    pub fn same_as(&self, other: &Self) -> bool {
        self.config == other.config && self.file_present == other.file_present
    }
}

/// Why a config could not be used: one human text plus each problem on its own, so the
/// audit record can list them. Contains keys, lines and reasons — never a value that could
/// be a secret beyond what the user typed as a setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ConfigFailure {
    /// Every problem, with file, line and key.
    pub message: String,
    /// The same problems, one string each.
    pub problems: Vec<String>,
}

impl From<sanctum_types::Error> for ConfigFailure {
    fn from(error: sanctum_types::Error) -> Self {
        match error {
            sanctum_types::Error::Config(problems) => Self {
                message: problems.to_string().trim_end().to_owned(),
                problems: problems.0.iter().map(ToString::to_string).collect(),
            },
            other => {
                let message = other.to_string();
                Self {
                    problems: vec![message.clone()],
                    message,
                }
            }
        }
    }
}

/// Loads `user_file` with environment overrides.
pub(crate) fn load_user_config(user_file: &Path) -> Result<LoadedConfig, ConfigFailure> {
    let effective = sanctum_types::config::load(LoadOptions {
        user_file,
        project_file: None,
        use_env: true,
    })?;
    Ok(LoadedConfig {
        config: effective.config,
        file_present: effective.user_file_present,
        loaded_at: Timestamp::now(),
    })
}

/// Loads `user_file`, or the built-in defaults (and the reason) when it is invalid.
pub(crate) fn load_or_defaults(user_file: &Path) -> (LoadedConfig, Option<ConfigFailure>) {
    match load_user_config(user_file) {
        Ok(loaded) => (loaded, None),
        Err(failure) => (
            LoadedConfig {
                config: sanctum_types::config::defaults(),
                file_present: false,
                loaded_at: Timestamp::now(),
            },
            Some(failure),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_file_yields_defaults_and_every_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "[daemon]\nmax_connections = 0\nclient_timeout_ms = 1\n",
        )
        .unwrap();
        let (loaded, failure) = load_or_defaults(&path);
        assert_eq!(loaded.config, sanctum_types::config::defaults());
        let failure = failure.unwrap();
        assert_eq!(failure.problems.len(), 2, "{failure:?}");
        assert!(failure.message.contains("daemon.max_connections"));
        assert!(failure.message.contains("daemon.client_timeout_ms"));
    }

    #[test]
    fn a_missing_file_is_valid_and_not_present() {
        let dir = tempfile::tempdir().unwrap();
        let (loaded, failure) = load_or_defaults(&dir.path().join("none.toml"));
        assert!(failure.is_none());
        assert!(!loaded.file_present);
        let same = LoadedConfig {
            loaded_at: Timestamp::UNIX_EPOCH,
            ..loaded.clone()
        };
        assert!(loaded.same_as(&same));
    }
}
