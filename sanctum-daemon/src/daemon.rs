//! The daemon's lifecycle: bind everything, serve until told to stop, then tear down in an
//! order that loses nothing.
//!
//! Split in two steps so that callers (the binary, benches, tests) learn about startup
//! failures synchronously from [`Daemon::bind`] and choose the thread that runs
//! [`Daemon::run`]. The runtime is single-threaded on purpose: the daemon's work is small
//! and I/O-bound, and one thread keeps the idle RSS low.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use interprocess::local_socket::tokio::Listener;
use jiff::Timestamp;
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
use crate::server::accept::accept_loop;
use crate::server::peer::{REFUSAL_AUDIT_INTERVAL, RefusalLimiter};
use crate::server::resources::ResourceProbe;
use crate::shutdown::Shutdown;
use crate::signals::{Signals, handle_signals};
use crate::startup;
use crate::state::State;

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
}

impl DaemonOptions {
    /// Options for an in-process daemon: no log file, no log control, no signal handlers.
    #[must_use]
    pub fn new(paths: Paths) -> Self {
        Self {
            paths,
            log_file: None,
            log_control: None,
            handle_signals: false,
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
    audit: AuditThread,
    lock: InstanceLock,
}

impl Daemon {
    /// Prepares the directories, takes the single-instance lock, reclaims a stale socket,
    /// listens, loads the config (falling back to defaults if it is invalid) and starts the
    /// audit writer and the config watcher.
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
        let watcher = match config::watch::start(&paths.config_file) {
            Ok(watcher) => Some(watcher),
            Err(error) => {
                tracing::warn!(
                    "config changes will not be noticed (SIGHUP and `reload_config` still work): {error}"
                );
                None
            }
        };
        let watching = watcher
            .iter()
            .map(|_| WatchedItem {
                kind: "config".into(),
                path: paths.config_file.clone(),
            })
            .collect();
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
        Ok(Self {
            runtime,
            listener,
            state,
            signals,
            watcher,
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
