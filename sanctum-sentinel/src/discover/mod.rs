//! Finding every Python environment of the user and the site directories Python reads
//! start-up files from, without running Python.
//!
//! Sources, in the order they are tried (the first to claim a root names its kind):
//! uv tool envs, pipx venvs, conda/mamba envs, pyenv versions, uv-managed Pythons,
//! virtualenvs under project roots (bounded walk), interpreters on `PATH` (every `python3`
//! and `python3.X`, resolved to their prefix), and user site-packages. Roots are compared
//! after resolving symlinks, so one environment is listed once.
//!
//! Alongside the environments, [`Discovery::watch_dirs`] lists the directories where new
//! environments appear (`envs/`, `venvs/`, `tools/`, `versions/`, project roots and their
//! direct children), for a non-recursive watcher. Running Python is possible only through an
//! [`InterpreterProbe`] passed by the caller, as a fallback for interpreters whose layout
//! reveals no site directory.

mod context;
mod layout;
mod sources;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use context::{DEFAULT_DEPTH, DEFAULT_PROJECT_DIRS, DiscoveryContext};
pub use layout::{PythonVersion, PyvenvCfg, is_conda_env, read_pyvenv_cfg, site_dirs_of_prefix};

/// Where an environment came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnvironmentKind {
    /// An interpreter found on `PATH` (system, Homebrew, a hand-built prefix).
    Interpreter,
    /// A pyenv-installed version.
    Pyenv,
    /// A conda, mamba or micromamba environment (base included).
    Conda,
    /// A Python installed by uv.
    UvPython,
    /// A uv tool environment.
    UvTool,
    /// A pipx application venv.
    Pipx,
    /// The user site-packages (`~/.local/lib/python3.X/site-packages`).
    UserSite,
    /// A virtualenv/venv (a directory with `pyvenv.cfg`).
    Virtualenv,
}

/// One environment and the site directories whose start-up files Python processes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PythonEnvironment {
    /// How it was found.
    pub kind: EnvironmentKind,
    /// Its prefix (the directory with `bin/`, `lib/`, `pyvenv.cfg` or `conda-meta/`).
    pub root: PathBuf,
    /// Existing site directories to watch (non-recursively) and scan.
    pub site_dirs: Vec<PathBuf>,
    /// The Python version, when the layout or `pyvenv.cfg` tells.
    pub python_version: Option<PythonVersion>,
}

/// The result of one discovery pass.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discovery {
    /// Every environment found, de-duplicated by resolved root.
    pub environments: Vec<PythonEnvironment>,
    /// Existing directories where new environments appear; watch them non-recursively and
    /// re-run discovery when a directory (or a `pyvenv.cfg`) is created in one.
    pub watch_dirs: Vec<PathBuf>,
}

impl Discovery {
    /// Every site directory of every environment, de-duplicated.
    #[must_use]
    pub fn site_dirs(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = Vec::new();
        for dir in self
            .environments
            .iter()
            .flat_map(|env| env.site_dirs.iter())
        {
            if !out.contains(dir) {
                out.push(dir.clone());
            }
        }
        out
    }

    fn add(&mut self, environment: PythonEnvironment) {
        let key = canonical(&environment.root);
        if self
            .environments
            .iter()
            .any(|known| canonical(&known.root) == key)
        {
            return;
        }
        if environment.site_dirs.is_empty() {
            return;
        }
        self.environments.push(environment);
    }

    fn watch(&mut self, dir: PathBuf) {
        if dir.is_dir() && !self.watch_dirs.contains(&dir) {
            self.watch_dirs.push(dir);
        }
    }
}

/// Asks a real interpreter for its site directories: the fallback when the file layout of an
/// interpreter's prefix shows none. Injectable so tests never run Python.
pub trait InterpreterProbe {
    /// The site directories `python` reports, or `None` if it cannot be asked.
    fn site_dirs(&self, python: &Path) -> Option<Vec<PathBuf>>;
}

/// Never runs anything (hermetic; the default for tests and cautious callers).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProbe;

impl InterpreterProbe for NoProbe {
    fn site_dirs(&self, _python: &Path) -> Option<Vec<PathBuf>> {
        None
    }
}

/// Runs `python -S -I -c …` to print `site.getsitepackages()`; `-S` keeps `site` from
/// processing the very `.pth` files we are about to judge, `-I` ignores the environment.
#[derive(Debug, Clone, Copy, Default)]
pub struct CommandProbe;

impl InterpreterProbe for CommandProbe {
    fn site_dirs(&self, python: &Path) -> Option<Vec<PathBuf>> {
        let output = std::process::Command::new(python)
            .args([
                "-S",
                "-I",
                "-c",
                "import site\nfor d in site.getsitepackages(): print(d)",
            ])
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()?;
        if !output.status.success() {
            return None;
        }
        let text = String::from_utf8(output.stdout).ok()?;
        Some(
            text.lines()
                .map(PathBuf::from)
                .filter(|dir| dir.is_dir())
                .collect(),
        )
    }
}

/// Finds every environment `context` points at.
#[must_use]
pub fn discover(context: &DiscoveryContext, probe: &dyn InterpreterProbe) -> Discovery {
    let mut discovery = Discovery::default();
    sources::uv_tools(context, &mut discovery);
    sources::pipx(context, &mut discovery);
    sources::conda(context, &mut discovery);
    sources::pyenv(context, &mut discovery);
    sources::uv_pythons(context, &mut discovery);
    sources::project_virtualenvs(context, &mut discovery);
    sources::path_interpreters(context, probe, &mut discovery);
    sources::user_site(context, &mut discovery);
    discovery
}

/// `path` with symlinks resolved, or as given when that fails.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
