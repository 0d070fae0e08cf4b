//! One function per place environments live. Each adds what it finds to a [`Discovery`]
//! and registers the directories where new ones would appear.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::layout::{
    PythonVersion, is_conda_env, newest_version, read_pyvenv_cfg, site_dirs_of_prefix,
};
use super::{Discovery, DiscoveryContext, EnvironmentKind, InterpreterProbe, PythonEnvironment};

/// Directory names never descended into when looking for virtualenvs.
const SKIP_DIRS: &[&str] = &[
    "node_modules",
    ".git",
    ".hg",
    ".svn",
    "target",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".cache",
    "site-packages",
    "dist-packages",
    ".npm",
    ".cargo",
    ".rustup",
];

/// Most child directories of project roots registered for watching.
const MAX_WATCHED_PROJECT_DIRS: usize = 2000;

/// The environment rooted at `root`, read from its layout, if it has site directories.
fn environment_at(kind: EnvironmentKind, root: &Path) -> PythonEnvironment {
    let dirs = site_dirs_of_prefix(root);
    let cfg_version = read_pyvenv_cfg(root).and_then(|cfg| cfg.version);
    PythonEnvironment {
        kind,
        root: root.to_path_buf(),
        python_version: cfg_version.or_else(|| newest_version(&dirs)),
        site_dirs: dirs.into_iter().map(|(dir, _)| dir).collect(),
    }
}

/// Sub-directories of `dir`, sorted (empty if it cannot be listed).
fn children(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    out.sort();
    out
}

pub(super) fn uv_tools(context: &DiscoveryContext, discovery: &mut Discovery) {
    let tools = context
        .var("UV_TOOL_DIR")
        .map_or_else(|| context.data_home().join("uv/tools"), PathBuf::from);
    for venv in children(&tools) {
        discovery.add(environment_at(EnvironmentKind::UvTool, &venv));
    }
    discovery.watch(tools);
}

pub(super) fn pipx(context: &DiscoveryContext, discovery: &mut Discovery) {
    let mut homes = Vec::new();
    if let Some(home) = context.var("PIPX_HOME") {
        homes.push(PathBuf::from(home));
    }
    homes.push(context.home.join(".local/pipx"));
    homes.push(context.data_home().join("pipx"));
    for home in homes {
        let venvs = home.join("venvs");
        for venv in children(&venvs) {
            discovery.add(environment_at(EnvironmentKind::Pipx, &venv));
        }
        discovery.watch(venvs);
    }
}

pub(super) fn conda(context: &DiscoveryContext, discovery: &mut Discovery) {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(prefix) = context.var("CONDA_PREFIX") {
        candidates.push(PathBuf::from(prefix));
    }
    let listed = context.home.join(".conda/environments.txt");
    if let Ok(text) = std::fs::read_to_string(&listed) {
        candidates.extend(
            text.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .map(PathBuf::from),
        );
    }
    let mut installs: Vec<PathBuf> = [
        "miniconda3",
        "anaconda3",
        "miniforge3",
        "mambaforge",
        "micromamba",
        ".conda",
        "opt/miniconda3",
        "opt/anaconda3",
    ]
    .iter()
    .map(|dir| context.home.join(dir))
    .collect();
    if let Some(root) = context.var("MAMBA_ROOT_PREFIX") {
        installs.push(PathBuf::from(root));
    }
    for install in installs {
        candidates.push(install.clone());
        let envs = install.join("envs");
        candidates.extend(children(&envs));
        discovery.watch(envs);
    }
    for candidate in candidates {
        if is_conda_env(&candidate) {
            discovery.add(environment_at(EnvironmentKind::Conda, &candidate));
        }
    }
}

pub(super) fn pyenv(context: &DiscoveryContext, discovery: &mut Discovery) {
    let root = context
        .var("PYENV_ROOT")
        .map_or_else(|| context.home.join(".pyenv"), PathBuf::from);
    let versions = root.join("versions");
    for version in children(&versions) {
        let kind = if read_pyvenv_cfg(&version).is_some() {
            EnvironmentKind::Virtualenv
        } else {
            EnvironmentKind::Pyenv
        };
        discovery.add(environment_at(kind, &version));
        // pyenv-virtualenv keeps venvs under versions/<python>/envs/<name>.
        let envs = version.join("envs");
        for venv in children(&envs) {
            discovery.add(environment_at(EnvironmentKind::Virtualenv, &venv));
        }
    }
    discovery.watch(versions);
}

pub(super) fn uv_pythons(context: &DiscoveryContext, discovery: &mut Discovery) {
    let dir = context
        .var("UV_PYTHON_INSTALL_DIR")
        .map_or_else(|| context.data_home().join("uv/python"), PathBuf::from);
    for install in children(&dir) {
        discovery.add(environment_at(EnvironmentKind::UvPython, &install));
    }
    discovery.watch(dir);
}

pub(super) fn project_virtualenvs(context: &DiscoveryContext, discovery: &mut Discovery) {
    let mut roots: Vec<PathBuf> = context.project_roots.clone();
    roots.extend(context.extra_roots.iter().cloned());
    if let Some(workon) = context.var("WORKON_HOME") {
        roots.push(PathBuf::from(workon));
    }
    let mut watched_children = 0usize;
    for root in roots {
        if !root.is_dir() {
            continue;
        }
        let mut walk = WalkDir::new(&root)
            .follow_links(false)
            .max_depth(context.depth)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                entry.file_type().is_dir()
                    && !entry
                        .file_name()
                        .to_str()
                        .is_some_and(|name| SKIP_DIRS.contains(&name))
            });
        while let Some(entry) = walk.next() {
            let Ok(entry) = entry else {
                continue;
            };
            let path = entry.path();
            if entry.depth() == 1 && watched_children < MAX_WATCHED_PROJECT_DIRS {
                watched_children += 1;
                discovery.watch(path.to_path_buf());
            }
            if path.join("pyvenv.cfg").is_file() {
                discovery.add(environment_at(EnvironmentKind::Virtualenv, path));
                walk.skip_current_dir();
            } else if is_conda_env(path) {
                discovery.add(environment_at(EnvironmentKind::Conda, path));
                walk.skip_current_dir();
            }
        }
        discovery.watch(root);
    }
}

pub(super) fn path_interpreters(
    context: &DiscoveryContext,
    probe: &dyn InterpreterProbe,
    discovery: &mut Discovery,
) {
    let Some(path) = context.var("PATH") else {
        return;
    };
    for dir in std::env::split_paths(path) {
        if dir.file_name().is_some_and(|name| name == "shims") {
            continue; // pyenv/asdf shims are scripts; their versions are found elsewhere.
        }
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter_map(|entry| entry.file_name().into_string().ok())
            .filter(|name| is_python3_name(name))
            .collect();
        names.sort();
        for name in names {
            let executable = dir.join(&name);
            let resolved = std::fs::canonicalize(&executable).unwrap_or(executable.clone());
            let Some(prefix) = resolved.parent().and_then(Path::parent) else {
                continue;
            };
            if read_pyvenv_cfg(prefix).is_some() {
                discovery.add(environment_at(EnvironmentKind::Virtualenv, prefix));
                continue;
            }
            let mut environment = environment_at(EnvironmentKind::Interpreter, prefix);
            let version = PythonVersion::parse(&name);
            // Debian keeps the interpreter's packages in /usr/lib/python3/dist-packages and
            // local installs in /usr/local/lib/python3.X/dist-packages.
            let debian = prefix.join("lib/python3/dist-packages");
            if debian.is_dir() && !environment.site_dirs.contains(&debian) {
                environment.site_dirs.push(debian);
            }
            if prefix == Path::new("/usr") {
                for (dir, _) in site_dirs_of_prefix(Path::new("/usr/local")) {
                    if !environment.site_dirs.contains(&dir) {
                        environment.site_dirs.push(dir);
                    }
                }
            }
            if environment.site_dirs.is_empty()
                && let Some(dirs) = probe.site_dirs(&resolved)
            {
                environment.site_dirs = dirs;
            }
            environment.python_version = environment.python_version.or(version);
            discovery.add(environment);
        }
    }
}

pub(super) fn user_site(context: &DiscoveryContext, discovery: &mut Discovery) {
    let base = context
        .var("PYTHONUSERBASE")
        .map_or_else(|| context.home.join(".local"), PathBuf::from);
    let dirs = site_dirs_of_prefix(&base);
    for (dir, version) in dirs {
        // One environment per version: they are used by different interpreters.
        let root = dir.parent().map_or_else(|| base.clone(), Path::to_path_buf);
        discovery.add(PythonEnvironment {
            kind: EnvironmentKind::UserSite,
            root,
            site_dirs: vec![dir],
            python_version: version,
        });
    }
    discovery.watch(base.join("lib"));
}

/// `python3`, `python3.12`, `python3.13t` (not `python3-config`, not `python3.12-gdb`).
fn is_python3_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("python3") else {
        return false;
    };
    if rest.is_empty() {
        return true;
    }
    let Some(minor) = rest.strip_prefix('.') else {
        return false;
    };
    let minor = minor.strip_suffix('t').unwrap_or(minor);
    !minor.is_empty() && minor.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpreter_names() {
        for good in ["python3", "python3.12", "python3.13t"] {
            assert!(is_python3_name(good), "{good}");
        }
        for bad in [
            "python3-config",
            "python3.12-gdb",
            "python",
            "python3.",
            "python2.7",
        ] {
            assert!(!is_python3_name(bad), "{bad}");
        }
    }
}
