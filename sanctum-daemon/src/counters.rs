//! Activity counters shared by every task, read by `status`.
//!
//! Plain relaxed atomics: each counter is independent, a snapshot need not be a consistent
//! cut, and counting must never make a request wait on a lock.

use std::sync::atomic::{AtomicU64, Ordering};

use sanctum_types::ipc::Counters;

/// The live counters; [`AtomicCounters::snapshot`] turns them into the wire type.
#[derive(Debug, Default)]
pub(crate) struct AtomicCounters {
    pub connections: AtomicU64,
    pub connections_open: AtomicU64,
    pub refused_peer: AtomicU64,
    pub refused_busy: AtomicU64,
    pub requests: AtomicU64,
    pub protocol_errors: AtomicU64,
    pub audit_records: AtomicU64,
    pub config_reloads: AtomicU64,
    pub config_reload_failures: AtomicU64,
}

/// Adds one to `counter`.
pub(crate) fn bump(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}

impl AtomicCounters {
    /// The current values.
    pub fn snapshot(&self) -> Counters {
        let read = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        Counters {
            connections: read(&self.connections),
            connections_open: read(&self.connections_open),
            refused_peer: read(&self.refused_peer),
            refused_busy: read(&self.refused_busy),
            requests: read(&self.requests),
            protocol_errors: read(&self.protocol_errors),
            audit_records: read(&self.audit_records),
            config_reloads: read(&self.config_reloads),
            config_reload_failures: read(&self.config_reload_failures),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_reflects_bumps() {
        let counters = AtomicCounters::default();
        bump(&counters.requests);
        bump(&counters.requests);
        bump(&counters.refused_busy);
        let snapshot = counters.snapshot();
        assert_eq!(snapshot.requests, 2);
        assert_eq!(snapshot.refused_busy, 1);
        assert_eq!(snapshot.connections, 0);
    }
}
