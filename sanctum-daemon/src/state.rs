//! Everything the daemon's tasks share, in one `Arc`.
//!
//! Built once at start. Fields are either immutable or internally synchronised (atomics,
//! `ArcSwap`, short `Mutex`es never held across an `.await`), so no task can block another
//! for longer than a field copy.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use jiff::Timestamp;
use sanctum_sentinel::process::ProcFs;
use sanctum_types::ipc::WatchedItem;
use sanctum_types::paths::Paths;

use crate::audit::AuditHandle;
use crate::config::store::ConfigStore;
use crate::counters::AtomicCounters;
use crate::logging::LogControl;
use crate::sentinel::SentinelHandle;
use crate::server::peer::RefusalLimiter;
use crate::server::resources::ResourceProbe;
use crate::shutdown::Shutdown;

/// The daemon's shared state.
#[derive(Debug)]
pub(crate) struct State {
    /// Resolved locations.
    pub paths: Paths,
    /// Our pid.
    pub pid: u32,
    /// Wall-clock start, for `status`.
    pub started_at: Timestamp,
    /// Monotonic start, for uptime.
    pub started: Instant,
    /// The diagnostic log file, when not in the foreground.
    pub log_file: Option<PathBuf>,
    /// The config in force.
    pub config: ConfigStore,
    /// Activity counters.
    pub counters: Arc<AtomicCounters>,
    /// The audit writer's queue.
    pub audit: AuditHandle,
    /// Changes the log level on reload (absent when logging is not ours, e.g. in benches).
    pub log_control: Option<LogControl>,
    /// The stop flag.
    pub shutdown: Shutdown,
    /// The config watch, for `status` (the sentinel reports its own watches).
    pub watching: Vec<WatchedItem>,
    /// The `.pth` watcher.
    pub sentinel: SentinelHandle,
    /// Where peers' processes are inspected (`/proc`; a fake tree in tests).
    pub proc: ProcFs,
    /// Rate limit for audit records about refused peers.
    pub refusals: Mutex<RefusalLimiter>,
    /// Samples our own RSS and CPU time.
    pub resources: ResourceProbe,
}

/// A state over a temp dir for unit tests; the returned guards keep the dir and the audit
/// thread alive.
#[cfg(test)]
pub(crate) fn test_state() -> (TestGuards, Arc<State>) {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths {
        home: dir.path().to_path_buf(),
        config_file: dir.path().join("config.toml"),
        state_dir: dir.path().join("state"),
        cache_dir: dir.path().join("cache"),
        socket: dir.path().join("d.sock"),
    };
    let (loaded, _) = crate::config::load_or_defaults(&paths.config_file);
    let counters = Arc::new(AtomicCounters::default());
    let (audit_thread, audit) = crate::audit::AuditThread::start(
        &paths.audit_log(),
        &loaded.config.audit,
        Arc::clone(&counters),
    )
    .unwrap();
    let mut settings = loaded.config.sentinel.clone();
    settings.enabled = false; // unit tests never watch the machine's environments
    let (pending, sentinel) = crate::sentinel::prepare(crate::sentinel::SentinelOptions {
        settings,
        home: paths.home.clone(),
        environment: std::collections::HashMap::new(),
        state_dir: paths.state_dir.clone(),
        audit: audit.clone(),
        notifier: Arc::new(crate::notifications::Notifier::default()),
        proc: ProcFs::new(dir.path().join("proc")),
    });
    let sentinel_thread = pending.spawn().unwrap();
    let state = Arc::new(State {
        config: ConfigStore::new(&paths.config_file, loaded, None),
        paths,
        pid: std::process::id(),
        started_at: Timestamp::now(),
        started: Instant::now(),
        log_file: None,
        counters,
        audit,
        log_control: None,
        shutdown: Shutdown::new(),
        watching: Vec::new(),
        sentinel,
        proc: ProcFs::new(dir.path().join("proc")),
        refusals: Mutex::new(RefusalLimiter::new(std::time::Duration::from_secs(10))),
        resources: ResourceProbe::default(),
    });
    (
        TestGuards {
            _sentinel: sentinel_thread,
            _audit: audit_thread,
            _dir: dir,
        },
        state,
    )
}

/// Keeps a [`test_state`]'s temp dir and audit thread alive.
#[cfg(test)]
pub(crate) struct TestGuards {
    _sentinel: crate::sentinel::SentinelThread,
    _audit: crate::audit::AuditThread,
    _dir: tempfile::TempDir,
}
