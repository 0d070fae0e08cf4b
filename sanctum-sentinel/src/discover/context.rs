//! Where discovery looks: every root comes from here, so tests build a fake home in a temp
//! dir and pass a made-up environment instead of the process's own.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::SentinelError;

/// Default search depth under project roots (root = 0): `~/src/org/project/.venv` is 3.
pub const DEFAULT_DEPTH: usize = 4;

/// Folders of the home directory where people keep projects (and so virtualenvs), plus the
/// usual central virtualenv homes (virtualenvwrapper, pipenv, pyenv-virtualenv aside).
pub const DEFAULT_PROJECT_DIRS: &[&str] = &[
    "src",
    "code",
    "Code",
    "projects",
    "Projects",
    "dev",
    "work",
    "repos",
    "git",
    "workspace",
    ".virtualenvs",
    ".venvs",
    "venvs",
    ".local/share/virtualenvs",
];

/// Everything discovery depends on, injectable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveryContext {
    /// The user's home directory.
    pub home: PathBuf,
    /// Environment variables (`PATH`, `PYENV_ROOT`, `CONDA_PREFIX`, `PIPX_HOME`, …).
    pub env: HashMap<String, String>,
    /// Roots searched for virtualenvs; defaults to [`DEFAULT_PROJECT_DIRS`] under `home`.
    pub project_roots: Vec<PathBuf>,
    /// More roots searched for virtualenvs (from configuration).
    pub extra_roots: Vec<PathBuf>,
    /// How deep to search under each root.
    pub depth: usize,
}

impl DiscoveryContext {
    /// A context with the default roots under `home` and the given environment.
    #[must_use]
    pub fn new(home: impl Into<PathBuf>, env: HashMap<String, String>) -> Self {
        let home = home.into();
        let project_roots = DEFAULT_PROJECT_DIRS
            .iter()
            .map(|dir| home.join(dir))
            .collect();
        Self {
            home,
            env,
            project_roots,
            extra_roots: Vec::new(),
            depth: DEFAULT_DEPTH,
        }
    }

    /// A context for the current user and process environment.
    ///
    /// # Errors
    /// [`SentinelError::State`] when no home directory can be determined.
    pub fn from_process() -> Result<Self, SentinelError> {
        let paths = sanctum_types::paths::Paths::from_env()?;
        Ok(Self::new(paths.home, std::env::vars().collect()))
    }

    /// A non-empty environment variable.
    #[must_use]
    pub fn var(&self, name: &str) -> Option<&str> {
        self.env
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// `$XDG_DATA_HOME`, else `~/.local/share`.
    #[must_use]
    pub fn data_home(&self) -> PathBuf {
        self.var("XDG_DATA_HOME")
            .map_or_else(|| self.home.join(".local/share"), PathBuf::from)
    }
}
