//! The locations rules need to know about: whose home, where Sanctum and the assistant keep
//! their own settings.
//!
//! A hook process inherits an environment a repository can shape (`HOME`, `XDG_*`), so the
//! caller passes every candidate — the password database's home *and* `$HOME`, the standard
//! layout *and* the `XDG_*` one — and the rules protect all of them. Adding a fake home can
//! only add protected places; it can never remove the real ones.

use std::path::{Path, PathBuf};

/// Paths that matter to the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// Where `~` expands (what the assistant's shell would use).
    pub home: PathBuf,
    /// Every home directory to protect (includes [`Places::home`]).
    pub homes: Vec<PathBuf>,
    /// Directories holding Sanctum's own config and state (writes there are
    /// self-protection violations), beyond the standard ones under each home.
    pub sanctum_dirs: Vec<PathBuf>,
}

impl Places {
    /// Places for `home` (where `~` expands) plus `other_homes` to protect as well.
    #[must_use]
    pub fn new(home: &Path, other_homes: &[PathBuf]) -> Self {
        let mut homes = vec![home.to_path_buf()];
        for other in other_homes {
            if !homes.contains(other) {
                homes.push(other.clone());
            }
        }
        Self {
            home: home.to_path_buf(),
            homes,
            sanctum_dirs: Vec::new(),
        }
    }

    /// A single home with the standard layout (tests, simple callers).
    #[must_use]
    pub fn under_home(home: &Path) -> Self {
        Self::new(home, &[])
    }

    /// Sanctum's config and state directories: the standard ones under every home, plus
    /// [`Places::sanctum_dirs`].
    #[must_use]
    pub fn sanctum_dirs(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = self
            .homes
            .iter()
            .flat_map(|home| {
                [
                    home.join(".config/sanctum"),
                    home.join(".local/state/sanctum"),
                ]
            })
            .collect();
        dirs.extend(self.sanctum_dirs.iter().cloned());
        dirs
    }

    /// Claude Code's config directories (`~/.claude` under every home).
    #[must_use]
    pub fn claude_dirs(&self) -> Vec<PathBuf> {
        self.homes.iter().map(|home| home.join(".claude")).collect()
    }
}
