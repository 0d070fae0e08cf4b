//! Discovery on fake home directories: every source, de-duplication, watch dirs, bounds.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sanctum_sentinel::discover::{
    DiscoveryContext, EnvironmentKind, InterpreterProbe, NoProbe, PythonVersion, discover,
};

fn mkdirs(path: &Path) -> PathBuf {
    std::fs::create_dir_all(path).unwrap();
    path.to_path_buf()
}

fn venv(root: &Path, minor: u8) -> PathBuf {
    std::fs::create_dir_all(root).unwrap();
    std::fs::write(
        root.join("pyvenv.cfg"),
        format!("home = /usr/bin\nversion = 3.{minor}.1\n"),
    )
    .unwrap();
    mkdirs(&root.join(format!("lib/python3.{minor}/site-packages")))
}

fn prefix(root: &Path, minor: u8) -> PathBuf {
    mkdirs(&root.join(format!("lib/python3.{minor}/site-packages")))
}

#[test]
fn finds_every_kind_of_environment_in_a_fake_home() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let pyenv_site = prefix(&home.join(".pyenv/versions/3.12.1"), 12);
    let conda_base = prefix(&home.join("miniconda3"), 11);
    mkdirs(&home.join("miniconda3/conda-meta"));
    let conda_env = prefix(&home.join("miniconda3/envs/ml"), 10);
    mkdirs(&home.join("miniconda3/envs/ml/conda-meta"));
    let listed = prefix(&tmp.path().join("elsewhere/condaenv"), 9);
    mkdirs(&tmp.path().join("elsewhere/condaenv/conda-meta"));
    mkdirs(&home.join(".conda"));
    std::fs::write(
        home.join(".conda/environments.txt"),
        format!("{}\n", tmp.path().join("elsewhere/condaenv").display()),
    )
    .unwrap();
    let uv_python = prefix(
        &home.join(".local/share/uv/python/cpython-3.13.0-linux-x86_64-gnu"),
        13,
    );
    let uv_tool = venv(&home.join(".local/share/uv/tools/ruff"), 12);
    let pipx = venv(&home.join(".local/pipx/venvs/black"), 11);
    let user_site = prefix(&home.join(".local"), 12);
    let project = venv(&home.join("src/org/app/.venv"), 12);
    let too_deep = venv(&home.join("src/a/b/c/d/e/.venv"), 12);
    let in_node_modules = venv(&home.join("code/web/node_modules/x/.venv"), 12);
    // An interpreter on PATH: <prefix>/bin/python3.14 with its site-packages.
    let interp_prefix = tmp.path().join("opt/py");
    let interp_site = prefix(&interp_prefix, 14);
    mkdirs(&interp_prefix.join("bin"));
    std::fs::write(interp_prefix.join("bin/python3.14"), "").unwrap();
    std::os::unix::fs::symlink("python3.14", interp_prefix.join("bin/python3")).unwrap();

    let env = HashMap::from([(
        "PATH".to_owned(),
        interp_prefix.join("bin").display().to_string(),
    )]);
    let context = DiscoveryContext::new(&home, env);
    let found = discover(&context, &NoProbe);
    let sites = found.site_dirs();
    for expected in [
        &pyenv_site,
        &conda_base,
        &conda_env,
        &listed,
        &uv_python,
        &uv_tool,
        &pipx,
        &user_site,
        &project,
        &interp_site,
    ] {
        assert!(
            sites.contains(expected),
            "missing {}: {sites:#?}",
            expected.display()
        );
    }
    assert!(!sites.contains(&too_deep), "depth bound not applied");
    assert!(
        !sites.contains(&in_node_modules),
        "node_modules not skipped"
    );
    // python3 and python3.14 resolve to one interpreter.
    assert_eq!(
        found
            .environments
            .iter()
            .filter(|e| e.kind == EnvironmentKind::Interpreter)
            .count(),
        1
    );
    let kind_of = |site: &PathBuf| {
        found
            .environments
            .iter()
            .find(|e| e.site_dirs.contains(site))
            .unwrap()
            .kind
    };
    assert_eq!(kind_of(&pyenv_site), EnvironmentKind::Pyenv);
    assert_eq!(kind_of(&conda_env), EnvironmentKind::Conda);
    assert_eq!(kind_of(&uv_tool), EnvironmentKind::UvTool);
    assert_eq!(kind_of(&pipx), EnvironmentKind::Pipx);
    assert_eq!(kind_of(&project), EnvironmentKind::Virtualenv);
    assert_eq!(kind_of(&user_site), EnvironmentKind::UserSite);
    let project_env = found
        .environments
        .iter()
        .find(|e| e.site_dirs.contains(&project))
        .unwrap();
    assert_eq!(
        project_env.python_version,
        Some(PythonVersion {
            major: 3,
            minor: 12
        })
    );
    // Where new environments appear.
    for dir in [
        "miniconda3/envs",
        ".pyenv/versions",
        ".local/share/uv/tools",
        ".local/pipx/venvs",
        "src",
        "src/org",
    ] {
        assert!(
            found.watch_dirs.contains(&home.join(dir)),
            "not watched: {dir}"
        );
    }
}

#[test]
fn environment_variables_and_extra_roots_move_the_roots() {
    let tmp = tempfile::tempdir().unwrap();
    let home = mkdirs(&tmp.path().join("home"));
    let pyenv_site = prefix(&tmp.path().join("pyenv-root/versions/3.11.7"), 11);
    let pipx = venv(&tmp.path().join("pipx-home/venvs/tool"), 12);
    let extra = venv(&tmp.path().join("work/proj/venv"), 13);
    let env = HashMap::from([
        (
            "PYENV_ROOT".to_owned(),
            tmp.path().join("pyenv-root").display().to_string(),
        ),
        (
            "PIPX_HOME".to_owned(),
            tmp.path().join("pipx-home").display().to_string(),
        ),
    ]);
    let mut context = DiscoveryContext::new(&home, env);
    context.extra_roots.push(tmp.path().join("work"));
    let sites = discover(&context, &NoProbe).site_dirs();
    for expected in [&pyenv_site, &pipx, &extra] {
        assert!(sites.contains(expected), "missing {}", expected.display());
    }
}

struct FakeProbe(PathBuf);

impl InterpreterProbe for FakeProbe {
    fn site_dirs(&self, _python: &Path) -> Option<Vec<PathBuf>> {
        Some(vec![self.0.clone()])
    }
}

#[test]
fn the_probe_is_asked_only_when_the_layout_shows_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let home = mkdirs(&tmp.path().join("home"));
    let odd = tmp.path().join("odd/bin");
    mkdirs(&odd);
    std::fs::write(odd.join("python3"), "").unwrap();
    let reported = mkdirs(&tmp.path().join("somewhere/site-packages"));
    let env = HashMap::from([("PATH".to_owned(), odd.display().to_string())]);
    let context = DiscoveryContext::new(&home, env);
    assert!(discover(&context, &NoProbe).environments.is_empty());
    let found = discover(&context, &FakeProbe(reported.clone()));
    assert_eq!(found.site_dirs(), vec![reported]);
}
