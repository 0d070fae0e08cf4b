//! The set of watched directories and the one `notify` watcher behind it.
//!
//! Three kinds, all watched **non-recursively** (Python reads start-up files only directly
//! in a site directory, and a recursive watch of a home directory would cost thousands of
//! watches):
//!
//! - site directories, for start-up files being written;
//! - directories where environments appear (from discovery: project roots, their direct
//!   children, `envs/`, `venvs/`, …), for new directories and `pyvenv.cfg`;
//! - *fresh* directories: ones created under the previous kind since the last discovery
//!   (`proj/` then `proj/.venv/` then `.venv/lib/`…), so that an environment being built
//!   deeper than the discovered watch points is still seen the moment its files land.
//!   They are few and bounded ([`MAX_FRESH`], oldest dropped first, [`MAX_FRESH_DEPTH`]).

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher};
use sanctum_sentinel::discover::Discovery;
use sanctum_types::ipc::WatchedItem;

use super::events::changes;
use super::worker::Message;

/// Fresh directories watched at most.
pub(crate) const MAX_FRESH: usize = 128;
/// How far below a discovered watch point fresh directories are followed
/// (`root/proj/.venv/lib/python3.12/site-packages` is 5).
pub(crate) const MAX_FRESH_DEPTH: u8 = 6;
/// Watch errors kept for `status`.
const MAX_ERRORS: usize = 20;

/// The environment a watched site directory belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SiteDir {
    /// The environment's prefix.
    pub env_root: PathBuf,
}

/// Every watched directory, and the watcher.
pub(crate) struct WatchSet {
    watcher: RecommendedWatcher,
    site_dirs: BTreeMap<PathBuf, SiteDir>,
    roots: BTreeSet<PathBuf>,
    fresh: VecDeque<(PathBuf, u8)>,
    errors: Vec<String>,
}

impl std::fmt::Debug for WatchSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WatchSet")
            .field("site_dirs", &self.site_dirs.len())
            .field("roots", &self.roots.len())
            .field("fresh", &self.fresh.len())
            .finish_non_exhaustive()
    }
}

impl WatchSet {
    /// A watcher whose meaningful changes arrive in `inbox`; watches nothing yet.
    pub fn new(inbox: Sender<Message>) -> notify::Result<Self> {
        let watcher = notify::recommended_watcher(move |result: notify::Result<Event>| {
            match result {
                Ok(event) => {
                    let changes = changes(&event);
                    if !changes.is_empty() {
                        // The receiver is gone only while stopping: nothing left to do.
                        let _ = inbox.send(Message::Changes(changes));
                    }
                }
                Err(error) => tracing::warn!(%error, "site-packages watch error"),
            }
        })?;
        Ok(Self {
            watcher,
            site_dirs: BTreeMap::new(),
            roots: BTreeSet::new(),
            fresh: VecDeque::new(),
            errors: Vec::new(),
        })
    }

    /// Makes the watched set match `discovery`; returns the site directories that are newly
    /// watched (to be swept: they may already hold files).
    pub fn apply(&mut self, discovery: &Discovery) -> Vec<PathBuf> {
        self.errors.clear();
        let mut wanted_sites: BTreeMap<PathBuf, SiteDir> = BTreeMap::new();
        for environment in &discovery.environments {
            for dir in &environment.site_dirs {
                wanted_sites.entry(dir.clone()).or_insert_with(|| SiteDir {
                    env_root: environment.root.clone(),
                });
            }
        }
        let wanted_roots: BTreeSet<PathBuf> = discovery.watch_dirs.iter().cloned().collect();

        let stale_sites: Vec<PathBuf> = self
            .site_dirs
            .keys()
            .filter(|dir| !wanted_sites.contains_key(*dir))
            .cloned()
            .collect();
        for dir in stale_sites {
            self.site_dirs.remove(&dir);
            self.unwatch_unless_used(&dir);
        }
        let stale_roots: Vec<PathBuf> = self.roots.difference(&wanted_roots).cloned().collect();
        for dir in stale_roots {
            self.roots.remove(&dir);
            self.unwatch_unless_used(&dir);
        }

        let mut added = Vec::new();
        for (dir, site) in wanted_sites {
            if let Some(known) = self.site_dirs.get_mut(&dir) {
                *known = site;
                continue;
            }
            if self.is_watched(&dir) || self.watch(&dir) {
                self.site_dirs.insert(dir.clone(), site);
                added.push(dir);
            }
        }
        for dir in wanted_roots {
            if !self.roots.contains(&dir) && (self.is_watched(&dir) || self.watch(&dir)) {
                self.roots.insert(dir);
            }
        }
        added
    }

    /// Follows a directory created under a watched environments directory.
    pub fn add_fresh(&mut self, dir: &Path, depth: u8) {
        if depth > MAX_FRESH_DEPTH || self.is_watched(dir) || !dir.is_dir() {
            return;
        }
        if self.fresh.len() >= MAX_FRESH
            && let Some((oldest, _)) = self.fresh.pop_front()
        {
            self.unwatch_unless_used(&oldest);
        }
        if self.watch(dir) {
            self.fresh.push_back((dir.to_path_buf(), depth));
        }
    }

    /// The site directory `dir`, if watched as one.
    pub fn site_dir(&self, dir: &Path) -> Option<&SiteDir> {
        self.site_dirs.get(dir)
    }

    /// If `dir` is watched for environments appearing: 0 for a discovered watch point, n
    /// for a fresh directory n levels below one.
    pub fn environments_depth(&self, dir: &Path) -> Option<u8> {
        if self.roots.contains(dir) {
            return Some(0);
        }
        self.fresh
            .iter()
            .find(|(fresh, _)| fresh == dir)
            .map(|(_, depth)| *depth)
    }

    /// Every watched site directory.
    pub fn site_dirs(&self) -> impl Iterator<Item = &PathBuf> {
        self.site_dirs.keys()
    }

    /// How many site directories and environment directories are watched.
    pub fn counts(&self) -> (usize, usize) {
        (self.site_dirs.len(), self.roots.len() + self.fresh.len())
    }

    /// Watches that failed at the last [`Self::apply`] (and since).
    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    /// Everything watched, for `status`.
    pub fn items(&self) -> Vec<WatchedItem> {
        let sites = self.site_dirs.keys().map(|path| WatchedItem {
            kind: "site-packages".into(),
            path: path.clone(),
        });
        let roots = self
            .roots
            .iter()
            .chain(self.fresh.iter().map(|(path, _)| path))
            .map(|path| WatchedItem {
                kind: "environments".into(),
                path: path.clone(),
            });
        sites.chain(roots).collect()
    }

    fn is_watched(&self, dir: &Path) -> bool {
        self.site_dirs.contains_key(dir)
            || self.roots.contains(dir)
            || self.fresh.iter().any(|(fresh, _)| fresh == dir)
    }

    fn watch(&mut self, dir: &Path) -> bool {
        match self.watcher.watch(dir, RecursiveMode::NonRecursive) {
            Ok(()) => true,
            Err(error) => {
                tracing::warn!(dir = %dir.display(), %error, "cannot watch");
                if self.errors.len() < MAX_ERRORS {
                    self.errors.push(format!("{}: {error}", dir.display()));
                }
                false
            }
        }
    }

    fn unwatch_unless_used(&mut self, dir: &Path) {
        if !self.is_watched(dir) {
            // Fails when the directory is gone (the kernel dropped the watch): fine.
            let _ = self.watcher.unwatch(dir);
        }
    }
}
