//! The config in force and the last reload failure, shared by every task.
//!
//! Readers take an `Arc` snapshot from an `ArcSwap`, so a request never waits on a reload
//! and always sees one whole config, never a mix of old and new values.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use arc_swap::ArcSwap;
use jiff::Timestamp;
use sanctum_types::ipc::ConfigStatus;

use super::LoadedConfig;

/// A reload that was refused, kept for `status` until a later reload succeeds.
#[derive(Debug, Clone)]
struct RecordedFailure {
    message: String,
    at: Timestamp,
}

/// The config in force, its file, and the last failure.
#[derive(Debug)]
pub(crate) struct ConfigStore {
    path: PathBuf,
    current: ArcSwap<LoadedConfig>,
    failure: Mutex<Option<RecordedFailure>>,
    reloads: Mutex<()>,
}

impl ConfigStore {
    /// A store for `path` holding `loaded`, optionally with a failure already recorded
    /// (the file was invalid at start).
    pub fn new(path: &Path, loaded: LoadedConfig, failure: Option<&str>) -> Self {
        Self {
            path: path.to_path_buf(),
            current: ArcSwap::from_pointee(loaded),
            failure: Mutex::new(failure.map(|message| RecordedFailure {
                message: message.to_owned(),
                at: Timestamp::now(),
            })),
            reloads: Mutex::new(()),
        }
    }

    /// The user config file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The config in force right now.
    pub fn current(&self) -> Arc<LoadedConfig> {
        self.current.load_full()
    }

    /// Serialises reloads, so two triggers at once cannot interleave their side effects.
    pub fn lock_reloads(&self) -> MutexGuard<'_, ()> {
        self.reloads.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Puts `loaded` in force and forgets any earlier failure.
    pub fn replace(&self, loaded: LoadedConfig) {
        self.current.store(Arc::new(loaded));
        *self.failure_slot() = None;
    }

    /// Records a refused reload; the config in force is unchanged.
    pub fn record_failure(&self, message: &str) {
        *self.failure_slot() = Some(RecordedFailure {
            message: message.to_owned(),
            at: Timestamp::now(),
        });
    }

    /// Whether the latest load was refused.
    pub fn has_failure(&self) -> bool {
        self.failure_slot().is_some()
    }

    /// What `status` reports about the config.
    pub fn status(&self) -> ConfigStatus {
        let current = self.current();
        let failure = self.failure_slot().clone();
        ConfigStatus {
            path: self.path.clone(),
            file_present: current.file_present,
            loaded_at: current.loaded_at,
            last_error: failure.as_ref().map(|failure| failure.message.clone()),
            last_error_at: failure.map(|failure| failure.at),
        }
    }

    fn failure_slot(&self) -> MutexGuard<'_, Option<RecordedFailure>> {
        self.failure.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded(max_connections: usize) -> LoadedConfig {
        let mut config = sanctum_types::config::defaults();
        config.daemon.max_connections = max_connections;
        LoadedConfig {
            config,
            file_present: true,
            loaded_at: Timestamp::now(),
        }
    }

    #[test]
    fn a_failure_shows_in_status_until_a_replace() {
        let store = ConfigStore::new(Path::new("/c.toml"), loaded(3), Some("bad key"));
        let status = store.status();
        assert_eq!(status.last_error.as_deref(), Some("bad key"));
        assert!(status.last_error_at.is_some());
        store.replace(loaded(4));
        assert!(!store.has_failure());
        assert_eq!(store.current().config.daemon.max_connections, 4);
        store.record_failure("again");
        assert_eq!(store.current().config.daemon.max_connections, 4);
        assert_eq!(store.status().last_error.as_deref(), Some("again"));
    }
}
