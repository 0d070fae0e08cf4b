//! Layering: built-in defaults < user file < project file (tighten-only) < environment.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::RECOMMENDED;
use super::parse::{SourceKind, SourceValues, Value, check_text, parse_source};
use super::problems::{ConfigProblem, ConfigProblems};
use super::schema::{KEYS, Kind, ProjectRule, Stricter};
use super::valid::ValidConfig;
use crate::Error;

/// Where the value in force of one key came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "source", rename_all = "snake_case")]
pub enum Origin {
    /// The built-in default.
    Default,
    /// The user config file (with line).
    User(PathBuf, Option<usize>),
    /// A project config that tightened it (with line).
    Project(PathBuf, Option<usize>),
    /// An environment variable.
    Env(&'static str),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let located = |f: &mut fmt::Formatter<'_>, path: &Path, line: &Option<usize>| match line {
            Some(line) => write!(f, "{}:{line}", path.display()),
            None => write!(f, "{}", path.display()),
        };
        match self {
            Self::Default => f.write_str("default"),
            Self::User(path, line) => located(f, path, line),
            Self::Project(path, line) => {
                f.write_str("project ")?;
                located(f, path, line)
            }
            Self::Env(name) => write!(f, "env {name}"),
        }
    }
}

/// What to load.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions<'a> {
    /// The user config file; a missing file means "defaults".
    pub user_file: &'a Path,
    /// A project config file, if one applies.
    pub project_file: Option<&'a Path>,
    /// Whether to apply environment overrides (the daemon and CLI do; `validate` does not).
    pub use_env: bool,
}

/// The result of a load: the config plus where every value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectiveConfig {
    /// The config in force.
    pub config: ValidConfig,
    /// Origin per dotted key, for `--show-origin`.
    pub origins: BTreeMap<&'static str, Origin>,
    /// Whether the user file existed.
    pub user_file_present: bool,
    /// The project file that applied, if any.
    pub project_file: Option<PathBuf>,
}

/// Loads and validates every layer. Nothing is applied unless all of it is valid.
///
/// # Errors
/// [`Error::Config`] listing every problem in every layer; [`Error::Io`] if a file exists
/// but cannot be read.
pub fn load(options: LoadOptions<'_>) -> Result<EffectiveConfig, Error> {
    let mut problems = Vec::new();
    let (defaults, default_problems) =
        parse_source(RECOMMENDED, "<built-in defaults>", SourceKind::User);
    problems.extend(default_problems);
    let mut values: BTreeMap<&'static str, Value> =
        defaults.iter().map(|(k, (v, _))| (*k, v.clone())).collect();
    let mut origins: BTreeMap<&'static str, Origin> =
        defaults.keys().map(|k| (*k, Origin::Default)).collect();

    let user = read_source(options.user_file, SourceKind::User, &mut problems)?;
    let user_file_present = user.is_some();
    for (key, (value, line)) in user.unwrap_or_default() {
        values.insert(key, value);
        origins.insert(key, Origin::User(options.user_file.to_path_buf(), line));
    }

    if let Some(project_file) = options.project_file {
        for (key, (value, line)) in
            read_source(project_file, SourceKind::Project, &mut problems)?.unwrap_or_default()
        {
            let current = values.get(key);
            if let (Some(Value::List(mine)), Value::List(added)) = (current, &value) {
                let mut merged = mine.clone();
                for item in added {
                    if !merged.contains(item) {
                        merged.push(item.clone());
                    }
                }
                values.insert(key, Value::List(merged));
                origins.insert(key, Origin::Project(project_file.to_path_buf(), line));
            } else if current.is_none_or(|current| is_stricter(key, &value, current)) {
                values.insert(key, value);
                origins.insert(key, Origin::Project(project_file.to_path_buf(), line));
            }
        }
    }

    if options.use_env {
        for spec in KEYS {
            let Some(name) = spec.env else { continue };
            let Some(text) = std::env::var_os(name) else {
                continue;
            };
            let text = text.to_string_lossy();
            if text.is_empty() {
                continue;
            }
            match check_text(spec, &text) {
                Ok(value) => {
                    values.insert(spec.path, value);
                    origins.insert(spec.path, Origin::Env(name));
                }
                Err(reason) => problems.push(ConfigProblem {
                    source: format!("environment variable {name}"),
                    line: None,
                    key: spec.path.to_owned(),
                    reason,
                }),
            }
        }
    }

    if !problems.is_empty() {
        return Err(Error::Config(ConfigProblems(problems)));
    }
    Ok(EffectiveConfig {
        config: ValidConfig::from_values(&values),
        origins,
        user_file_present,
        project_file: options.project_file.map(Path::to_path_buf),
    })
}

/// The built-in defaults alone: no file, no environment.
///
/// The daemon falls back to this when the user's config is invalid at start, because a
/// typo must never leave the user unprotected; the defaults are valid by construction (a
/// unit test pins it), so this cannot fail.
#[must_use]
pub fn defaults() -> ValidConfig {
    let (values, _) = parse_source(RECOMMENDED, "<built-in defaults>", SourceKind::User);
    let values: BTreeMap<&'static str, Value> = values
        .into_iter()
        .map(|(key, (value, _))| (key, value))
        .collect();
    ValidConfig::from_values(&values)
}

/// Checks one file as a user (`project == false`) or project config, without applying it.
///
/// # Errors
/// [`Error::Config`] with every problem, or [`Error::Io`] if it cannot be read.
pub fn validate_file(path: &Path, project: bool) -> Result<(), Error> {
    let kind = if project {
        SourceKind::Project
    } else {
        SourceKind::User
    };
    let mut problems = Vec::new();
    match read_source(path, kind, &mut problems)? {
        None => Err(Error::io("read", path)(std::io::ErrorKind::NotFound.into())),
        Some(_) if problems.is_empty() => Ok(()),
        Some(_) => Err(Error::Config(ConfigProblems(problems))),
    }
}

/// Reads and checks one file; `None` if it does not exist.
fn read_source(
    path: &Path,
    kind: SourceKind,
    problems: &mut Vec<ConfigProblem>,
) -> Result<Option<SourceValues>, Error> {
    let text = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(Error::io("read", path)(error)),
    };
    let source = path.display().to_string();
    let Ok(text) = String::from_utf8(text) else {
        problems.push(ConfigProblem {
            source,
            line: None,
            key: String::new(),
            reason: "not valid UTF-8".into(),
        });
        return Ok(Some(SourceValues::new()));
    };
    let (values, found) = parse_source(&text, &source, kind);
    problems.extend(found);
    Ok(Some(values))
}

fn is_stricter(key: &str, candidate: &Value, current: &Value) -> bool {
    let Some(spec) = super::schema::key_spec(key) else {
        return false;
    };
    let ProjectRule::Tighten(direction) = spec.project else {
        return false;
    };
    match (direction, candidate, current) {
        (Stricter::Lower, Value::Integer(a), Value::Integer(b)) => a < b,
        (Stricter::Higher, Value::Integer(a), Value::Integer(b)) => a > b,
        (Stricter::True, Value::Bool(a), Value::Bool(b)) => *a && !*b,
        (Stricter::EarlierChoice, Value::Choice(a), Value::Choice(b)) => {
            let Kind::Choice(choices) = spec.kind else {
                return false;
            };
            let position = |text: &str| choices.iter().position(|choice| *choice == text);
            position(a) < position(b)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Level;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn options<'a>(user: &'a Path, project: Option<&'a Path>) -> LoadOptions<'a> {
        LoadOptions {
            user_file: user,
            project_file: project,
            use_env: false,
        }
    }

    #[test]
    fn defaults_cover_every_key_and_are_valid() {
        let (values, problems) = parse_source(RECOMMENDED, "defaults", SourceKind::User);
        assert!(problems.is_empty(), "{problems:?}");
        for spec in KEYS {
            assert!(
                values.contains_key(spec.path),
                "defaults.toml lacks {}",
                spec.path
            );
        }
    }

    #[test]
    fn defaults_equal_a_load_without_any_file() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = load(options(&dir.path().join("none.toml"), None)).unwrap();
        assert_eq!(defaults(), loaded.config);
    }

    #[test]
    fn a_missing_user_file_means_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = load(options(&dir.path().join("none.toml"), None)).unwrap();
        assert!(!loaded.user_file_present);
        assert_eq!(loaded.config.daemon.max_connections, 128);
        assert!(
            loaded
                .origins
                .values()
                .all(|origin| *origin == Origin::Default)
        );
    }

    #[test]
    fn user_values_apply_with_their_origin() {
        let dir = tempfile::tempdir().unwrap();
        let user = write(dir.path(), "c.toml", "[daemon]\n\nmax_connections = 7\n");
        let loaded = load(options(&user, None)).unwrap();
        assert_eq!(loaded.config.daemon.max_connections, 7);
        assert_eq!(
            loaded.origins["daemon.max_connections"],
            Origin::User(user.clone(), Some(3))
        );
        assert_eq!(loaded.origins["daemon.log_level"], Origin::Default);
    }

    #[test]
    fn a_project_may_tighten_but_never_loosen() {
        let dir = tempfile::tempdir().unwrap();
        let user = write(dir.path(), "u.toml", "[audit]\nmin_level = \"warning\"\n");
        let stricter = write(dir.path(), "p1.toml", "[audit]\nmin_level = \"info\"\n");
        let looser = write(dir.path(), "p2.toml", "[audit]\nmin_level = \"critical\"\n");
        let tightened = load(options(&user, Some(&stricter))).unwrap();
        assert_eq!(tightened.config.audit.min_level, Level::Info);
        assert!(matches!(
            tightened.origins["audit.min_level"],
            Origin::Project(..)
        ));
        let kept = load(options(&user, Some(&looser))).unwrap();
        assert_eq!(kept.config.audit.min_level, Level::Warning);
        assert!(matches!(kept.origins["audit.min_level"], Origin::User(..)));
    }

    #[test]
    fn a_project_extends_scan_allowlists() {
        let dir = tempfile::tempdir().unwrap();
        let user = write(dir.path(), "u.toml", "[scan]\nallow_kinds = [\"jwt\"]\n");
        let project = write(
            dir.path(),
            "p.toml",
            "[scan]\nallow_kinds = [\"jwt\", \"generic_password\"]\nallow_paths = [\"fixtures/**\"]\nmax_file_bytes = 1024\n",
        );
        let loaded = load(options(&user, Some(&project))).unwrap();
        assert_eq!(loaded.config.scan.allow_kinds, ["jwt", "generic_password"]);
        assert_eq!(loaded.config.scan.allow_paths, ["fixtures/**"]);
        // A smaller size cap would scan less: the user's larger default stays.
        assert_eq!(loaded.config.scan.max_file_bytes, 10 * 1024 * 1024);
        let sentinel = write(dir.path(), "s.toml", "[sentinel]\nenabled = false\n");
        assert!(load(options(&user, Some(&sentinel))).is_err());
    }

    #[test]
    fn problems_in_both_files_are_all_reported() {
        let dir = tempfile::tempdir().unwrap();
        let user = write(dir.path(), "u.toml", "[daemon]\nmax_connections = 0\n");
        let project = write(dir.path(), "p.toml", "[daemon]\nlog_level = \"debug\"\n");
        let Err(Error::Config(problems)) = load(options(&user, Some(&project))) else {
            panic!("expected config problems");
        };
        assert_eq!(problems.0.len(), 2, "{problems}");
        assert_eq!(problems.files(), [user, project]);
    }
}
