//! What the watcher thread publishes for `status`: a snapshot it replaces after each change
//! (environments, watches, sweep progress) and counters any thread may bump.
//!
//! Readers clone under a short lock; the watcher never holds it while doing I/O.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use sanctum_types::ipc::{SentinelCounters, SentinelStatus, WatchedItem};

/// The published state.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    status: Mutex<SentinelStatus>,
    watched: Mutex<Vec<WatchedItem>>,
    pub counters: Counters,
}

/// Live counters; see [`SentinelCounters`] for their meaning.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub events: AtomicU64,
    pub files_analysed: AtomicU64,
    pub suspicious: AtomicU64,
    pub critical: AtomicU64,
    pub quarantined: AtomicU64,
    pub approved_skipped: AtomicU64,
    pub quarantine_failures: AtomicU64,
    pub discoveries: AtomicU64,
    pub refused_requests: AtomicU64,
}

impl Counters {
    fn snapshot(&self) -> SentinelCounters {
        let read = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        SentinelCounters {
            events: read(&self.events),
            files_analysed: read(&self.files_analysed),
            suspicious: read(&self.suspicious),
            critical: read(&self.critical),
            quarantined: read(&self.quarantined),
            approved_skipped: read(&self.approved_skipped),
            quarantine_failures: read(&self.quarantine_failures),
            discoveries: read(&self.discoveries),
            refused_requests: read(&self.refused_requests),
        }
    }
}

impl Shared {
    /// The status as of now, counters included.
    pub fn status(&self) -> SentinelStatus {
        let mut status = lock(&self.status).clone();
        status.counters = self.counters.snapshot();
        status
    }

    /// Every watched directory, for `status.watching`.
    pub fn watched(&self) -> Vec<WatchedItem> {
        lock(&self.watched).clone()
    }

    /// Changes the published status in place.
    pub fn update(&self, change: impl FnOnce(&mut SentinelStatus)) {
        change(&mut lock(&self.status));
    }

    /// Replaces the list of watched directories.
    pub fn set_watched(&self, watched: Vec<WatchedItem>) {
        *lock(&self.watched) = watched;
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
