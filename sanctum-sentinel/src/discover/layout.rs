//! Reading an environment from its files alone: `pyvenv.cfg`, the
//! `lib/python3.X[t]/site-packages` layout, Debian's `dist-packages`, `conda-meta/`.
//! Nothing here runs Python.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A `CPython` 3 version as far as site directories care (`3.12`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PythonVersion {
    /// Major version (3).
    pub major: u8,
    /// Minor version.
    pub minor: u8,
}

impl PythonVersion {
    /// Parses `3.12`, `3.12.1`, `3.13t`, `python3.11`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim().trim_start_matches("python");
        let mut parts = text.split('.');
        let major = parts.next()?.parse().ok()?;
        let minor_text: String = parts
            .next()?
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let minor = minor_text.parse().ok()?;
        Some(Self { major, minor })
    }
}

impl std::fmt::Display for PythonVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// What a `pyvenv.cfg` says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PyvenvCfg {
    /// `version` / `version_info`.
    pub version: Option<PythonVersion>,
    /// `home`: the base interpreter's bin directory.
    pub home: Option<PathBuf>,
    /// `include-system-site-packages = true`.
    pub include_system_site_packages: bool,
}

/// Reads `root/pyvenv.cfg` if present (bounded to 64 KiB).
#[must_use]
pub fn read_pyvenv_cfg(root: &Path) -> Option<PyvenvCfg> {
    let path = root.join("pyvenv.cfg");
    let meta = std::fs::metadata(&path).ok()?;
    if !meta.is_file() || meta.len() > 64 * 1024 {
        return None;
    }
    let text = std::fs::read_to_string(&path).ok()?;
    let mut cfg = PyvenvCfg::default();
    for line in text.lines() {
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        match key {
            "version" | "version_info" => {
                cfg.version = cfg.version.or_else(|| PythonVersion::parse(value));
            }
            "home" => cfg.home = Some(PathBuf::from(value)),
            "include-system-site-packages" => {
                cfg.include_system_site_packages = value.eq_ignore_ascii_case("true");
            }
            _ => {}
        }
    }
    Some(cfg)
}

/// Site directories under an installation or environment `prefix`, with the version their
/// path names: `lib*/python3.X[t]/{site,dist}-packages`, plus Debian's
/// `lib/python3/dist-packages`. Only directories that exist.
#[must_use]
pub fn site_dirs_of_prefix(prefix: &Path) -> Vec<(PathBuf, Option<PythonVersion>)> {
    let mut out = Vec::new();
    for lib in ["lib", "lib64"] {
        let lib_dir = prefix.join(lib);
        let Ok(entries) = std::fs::read_dir(&lib_dir) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter_map(|entry| entry.file_name().into_string().ok())
            .filter(|name| name.starts_with("python3"))
            .collect();
        names.sort();
        for name in names {
            let version = PythonVersion::parse(&name);
            for leaf in ["site-packages", "dist-packages"] {
                let dir = lib_dir.join(&name).join(leaf);
                if dir.is_dir() && !out.iter().any(|(known, _)| *known == dir) {
                    out.push((dir, version));
                }
            }
        }
    }
    out
}

/// Whether `dir` is a conda environment (has `conda-meta/`).
#[must_use]
pub fn is_conda_env(dir: &Path) -> bool {
    dir.join("conda-meta").is_dir()
}

/// The newest version among `site_dirs` (what an environment most likely runs).
#[must_use]
pub fn newest_version(site_dirs: &[(PathBuf, Option<PythonVersion>)]) -> Option<PythonVersion> {
    site_dirs.iter().filter_map(|(_, version)| *version).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_from_names_and_cfg_values() {
        let v312 = PythonVersion {
            major: 3,
            minor: 12,
        };
        assert_eq!(PythonVersion::parse("3.12.1"), Some(v312));
        assert_eq!(PythonVersion::parse("python3.12"), Some(v312));
        assert_eq!(PythonVersion::parse("3.13t").map(|v| v.minor), Some(13));
        assert_eq!(PythonVersion::parse("python3"), None);
    }

    #[test]
    fn pyvenv_cfg_is_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("pyvenv.cfg"),
            "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n",
        )
        .unwrap();
        let cfg = read_pyvenv_cfg(dir.path()).unwrap();
        assert_eq!(
            cfg.version,
            Some(PythonVersion {
                major: 3,
                minor: 11
            })
        );
        assert_eq!(cfg.home, Some(PathBuf::from("/usr/bin")));
        assert!(!cfg.include_system_site_packages);
    }
}
