//! Where discovery looks: every root comes from here, so tests build a fake home in a temp
//! dir and pass a made-up environment instead of the process's own.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sanctum_types::config::SentinelSettings;

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

    /// Applies the `[sentinel]` settings: `venv_roots` become extra roots (`~` and `~/x`
    /// from the home directory; other relative paths below it too, since a daemon's
    /// working directory means nothing) searched `venv_depth` deep.
    #[must_use]
    pub fn with_settings(mut self, settings: &SentinelSettings) -> Self {
        self.extra_roots = settings
            .venv_roots
            .iter()
            .map(|root| expand_root(&self.home, root))
            .collect();
        self.depth = settings.venv_depth;
        self
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

/// `~` and `~/x` from `home`; other relative paths below `home` too.
fn expand_root(home: &Path, root: &str) -> PathBuf {
    if root == "~" {
        return home.to_path_buf();
    }
    if let Some(rest) = root.strip_prefix("~/") {
        return home.join(rest);
    }
    let path = Path::new(root);
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        home.join(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_roots_are_expanded_from_home() {
        let mut settings = sanctum_types::config::defaults().sentinel;
        settings.venv_roots = vec![
            "~/envs".into(),
            "/opt/venvs".into(),
            "rel".into(),
            "~".into(),
        ];
        settings.venv_depth = 2;
        let context = DiscoveryContext::new("/h", HashMap::new()).with_settings(&settings);
        assert_eq!(
            context.extra_roots,
            [
                PathBuf::from("/h/envs"),
                PathBuf::from("/opt/venvs"),
                PathBuf::from("/h/rel"),
                PathBuf::from("/h")
            ]
        );
        assert_eq!(context.depth, 2);
    }
}
