//! What every command may need from its surroundings, resolved once per run.

use std::io::IsTerminal;

use sanctum_types::env_vars::NO_COLOR;
use sanctum_types::paths::Paths;

use crate::error::CliError;
use crate::output::Style;

/// Resolved paths and output styles. Built once in [`crate::run`] and passed to commands.
#[derive(Debug)]
pub struct Context {
    paths: Option<Paths>,
    /// Colours for stdout (off unless stdout is a terminal and `NO_COLOR` is unset).
    pub stdout: Style,
    /// Colours for stderr, decided separately (stdout may be piped while stderr is not).
    pub stderr: Style,
}

impl Context {
    /// Reads the environment. Never fails: commands that do not need paths (completions,
    /// `config --recommended`) must work even without `HOME`.
    #[must_use]
    pub fn from_env() -> Self {
        let colour_allowed = std::env::var_os(NO_COLOR).is_none_or(|value| value.is_empty());
        Self {
            paths: Paths::from_env().ok(),
            stdout: Style::new(colour_allowed && std::io::stdout().is_terminal()),
            stderr: Style::new(colour_allowed && std::io::stderr().is_terminal()),
        }
    }

    /// A context with explicit paths and no colour, for tests.
    #[must_use]
    pub fn with_paths(paths: Paths) -> Self {
        Self {
            paths: Some(paths),
            stdout: Style::new(false),
            stderr: Style::new(false),
        }
    }

    /// Where Sanctum keeps things.
    ///
    /// # Errors
    /// When no home directory could be determined.
    pub fn paths(&self) -> Result<&Paths, CliError> {
        self.paths.as_ref().ok_or_else(|| {
            CliError::Failed("cannot determine your home directory: set HOME".to_owned())
        })
    }
}
