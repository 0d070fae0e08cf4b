//! The daemon's lifecycle: bind everything, serve until told to stop, then tear down in an
//! order that loses nothing.
//!
//! Split in two steps so that callers (the binary, benches, tests) learn about startup
//! failures synchronously from [`Daemon::bind`] and choose the thread that runs
//! [`Daemon::run`]. The runtime is single-threaded on purpose: the daemon's work is small
//! and I/O-bound, and one thread keeps the idle RSS low.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use interprocess::local_socket::tokio::Listener;
use jiff::Timestamp;
use sanctum_sentinel::process::ProcFs;
use sanctum_types::audit::{Action, AuditRecord, Category, Level};
use sanctum_types::instance::InstanceLock;
use sanctum_types::ipc::WatchedItem;
use sanctum_types::paths::Paths;
use sanctum_types::version::VERSION;
use serde_json::json;
use tokio::runtime::Runtime;
use tokio::sync::mpsc;

use crate::audit::AuditThread;
use crate::config::reload::report_invalid_at_start;
use crate::config::store::ConfigStore;
use crate::config::watch::{ConfigWatcher, reload_on_change};
use crate::config::{self};
use crate::counters::AtomicCounters;
use crate::error::DaemonError;
use crate::logging::LogControl;
use crate::notifications::Notifier;
use crate::sentinel::{self, SentinelOptions, SentinelThread};
use crate::server::accept::accept_loop;
use crate::server::peer::{REFUSAL_AUDIT_INTERVAL, RefusalLimiter};
use crate::server::resources::ResourceProbe;
use crate::shutdown::Shutdown;
use crate::signals::{Signals, handle_signals};
use crate::startup;
use crate::state::State;

/// The config watcher (when it can be set up) and what it watches, for `status`.
fn watch_config(
    config_file: &Path,
) -> (
    Option<(ConfigWatcher, mpsc::UnboundedReceiver<()>)>,
    Vec<WatchedItem>,
) {
    match config::watch::start(config_file) {
        Ok(watcher) => (
            Some(watcher),
            vec![WatchedItem {
                kind: "config".into(),
                path: config_file.to_path_buf(),
            }],
        ),
        Err(error) => {
            tracing::warn!(
                "config changes will not be noticed (SIGHUP and `reload_config` still work): {error}"
            );
            (None, Vec::new())
        }
    }
}

/// How to run a daemon. Build with [`DaemonOptions::new`] and adjust the fields.
#[derive(Debug)]
pub struct DaemonOptions {
    /// Where everything lives; `paths.socket` is where it listens.
    pub paths: Paths,
    /// The diagnostic log file, reported by `status` (`None` in the foreground).
    pub log_file: Option<PathBuf>,
    /// Lets a config reload change the log level; `None` when the caller owns logging.
    pub log_control: Option<LogControl>,
    /// Whether to install SIGTERM/SIGINT/SIGHUP handlers. The binary does; an in-process
    /// daemon (bench, test) must not steal its host's signals.
    pub handle_signals: bool,
    /// The environment Python discovery reads (`PATH`, `PYENV_ROOT`, `CONDA_PREFIX`, …):
    /// the process's own unless a caller wants a hermetic daemon.
    pub environment: HashMap<String, String>,
}

impl DaemonOptions {
    /// Options for an in-process daemon: no log file, no log control, no signal handlers,
    /// the process's environment.
    #[must_use]
    pub fn new(paths: Paths) -> Self {
        Self {
            paths,
            log_file: None,
            log_control: None,
            handle_signals: false,
            environment: std::env::vars().collect(),
        }
    }
}

/// A daemon that holds the instance lock and listens, ready to [`run`](Self::run).
///
/// Dropping it without running releases everything except the socket file, which the next
/// start reclaims.
#[derive(Debug)]
pub struct Daemon {
    runtime: Runtime,
    listener: Listener,
    state: Arc<State>,
    signals: Option<Signals>,
    watcher: Option<(ConfigWatcher, mpsc::UnboundedReceiver<()>)>,
    sentinel: SentinelThread,
    audit: AuditThread,
    lock: InstanceLock,
}

impl Daemon {
    /// Prepares the directories, takes the single-instance lock, reclaims a stale socket,
    /// listens, loads the config (falling back to defaults if it is invalid) and starts the
    /// audit writer, the config watcher and the `.pth` sentinel (whose discovery and first
    /// sweep run in the background: they never delay the socket).
    ///
    /// # Errors
    /// [`DaemonError::Setup`] with [`sanctum_types::Error::AlreadyRunning`] when another
    /// daemon holds the lock; other variants for anything else that prevents serving.
    pub fn bind(options: DaemonOptions) -> Result<Self, DaemonError> {
        let DaemonOptions {
            paths,
            log_file,
            log_control,
            handle_signals,
            environment,
        } = options;
        startup::prepare_directories(&paths)?;
        let lock = InstanceLock::acquire(&paths.lock_file())?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|source| DaemonError::Start {
                what: "the async runtime",
                source,
            })?;
        let (listener, signals) = {
            let _context = runtime.enter();
            let listener = startup::listen(&paths.socket)?;
            let signals = if handle_signals {
                Some(Signals::install().map_err(|source| DaemonError::Start {
                    what: "the signal handlers",
                    source,
                })?)
            } else {
                None
            };
            (listener, signals)
        };

        let (loaded, invalid_at_start) = config::load_or_defaults(&paths.config_file);
        let counters = Arc::new(AtomicCounters::default());
        let (audit, audit_handle) = AuditThread::start(
            &paths.audit_log(),
            &loaded.config.audit,
            Arc::clone(&counters),
        )?;
        let (watcher, watching) = watch_config(&paths.config_file);
        let (pending_sentinel, sentinel) = sentinel::prepare(SentinelOptions {
            settings: loaded.config.sentinel.clone(),
            home: paths.home.clone(),
            environment,
            state_dir: paths.state_dir.clone(),
            audit: audit_handle.clone(),
            notifier: Arc::new(Notifier::default()),
            proc: ProcFs::system(),
        });
        let state = Arc::new(State {
            config: ConfigStore::new(
                &paths.config_file,
                loaded,
                invalid_at_start
                    .as_ref()
                    .map(|failure| failure.message.as_str()),
            ),
            paths,
            pid: std::process::id(),
            started_at: Timestamp::now(),
            started: Instant::now(),
            log_file,
            counters,
            audit: audit_handle,
            log_control,
            shutdown: Shutdown::new(),
            watching,
            sentinel,
            proc: ProcFs::system(),
            refusals: Mutex::new(RefusalLimiter::new(REFUSAL_AUDIT_INTERVAL)),
            resources: ResourceProbe::default(),
        });
        if let Some(failure) = &invalid_at_start {
            report_invalid_at_start(&state, failure);
        }
        tracing::info!(pid = state.pid, version = VERSION, socket = %state.paths.socket.display(), "daemon started");
        state.audit.record(
            AuditRecord::now(
                Level::Info,
                Category::Daemon,
                Action::None,
                "daemon started",
            )
            .with_details(json!({
                "pid": state.pid,
                "version": VERSION,
                "socket": state.paths.socket,
            })),
        );
        let sentinel_thread = pending_sentinel.spawn()?;
        Ok(Self {
            runtime,
            listener,
            state,
            signals,
            watcher,
            sentinel: sentinel_thread,
            audit,
            lock,
        })
    }

    /// The socket this daemon listens on.
    #[must_use]
    pub fn socket(&self) -> &Path {
        &self.state.paths.socket
    }

    /// Serves until SIGTERM, SIGINT or a `shutdown` request, then stops accepting, lets
    /// in-flight connections finish (bounded), records "daemon stopped", flushes the audit
    /// log, removes the socket and releases the lock — in that order.
    ///
    /// # Errors
    /// Currently none after a successful bind; the `Result` keeps room for teardown
    /// failures that must reach the exit code.
    pub fn run(self) -> Result<(), DaemonError> {
        let Self {
            runtime,
            listener,
            state,
            signals,
            watcher,
            sentinel,
            audit,
            lock,
        } = self;
        let watcher = watcher.map(|(watcher, events)| {
            runtime.spawn(reload_on_change(events, Arc::clone(&state)));
            watcher
        });
        if let Some(signals) = signals {
            runtime.spawn(handle_signals(signals, Arc::clone(&state)));
        }
        runtime.block_on(accept_loop(listener, Arc::clone(&state)));
        drop(watcher);
        drop(runtime);
        // Stop the sentinel before the final audit record, so all of its records land first.
        sentinel.finish();

        tracing::info!("daemon stopped");
        let uptime_ms = u64::try_from(state.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        state.audit.record(
            AuditRecord::now(
                Level::Info,
                Category::Daemon,
                Action::None,
                "daemon stopped",
            )
            .with_details(json!({ "pid": state.pid, "uptime_ms": uptime_ms })),
        );
        audit.finish();
        if let Err(error) = startup::remove_socket_file(&state.paths.socket) {
            tracing::warn!(%error, "cannot remove the socket file; the next start will");
        }
        drop(lock);
        Ok(())
    }
}
