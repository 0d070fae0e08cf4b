//! The `.pth` sentinel: watches every Python environment of the user for start-up files
//! (`*.pth`, `sitecustomize.py`, `usercustomize.py`, `*.start`) and quarantines the ones
//! that run dangerous code.
//!
//! The judgement, discovery, quarantine store and `/proc` reading are
//! `sanctum-sentinel`'s; this module is the wiring. One plain thread ([`worker`]) owns the
//! watches and the store and blocks on its inbox while nothing happens; `notify`'s own
//! thread feeds it only meaningful changes ([`events`]). The rest of the daemon talks to it
//! through a [`SentinelHandle`]: config changes, review requests (answered on the thread,
//! so the store has a single writer) and the status it publishes ([`shared`]).
//!
//! Start-up never waits for it: the thread recovers interrupted quarantines, discovers
//! environments and sweeps existing files in the background while the socket already
//! answers.

mod events;
mod judge;
mod review;
mod seen;
mod shared;
mod watches;
mod worker;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::sync::mpsc::{self, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use sanctum_sentinel::process::ProcFs;
use sanctum_sentinel::quarantine::QuarantineStore;
use sanctum_types::config::SentinelSettings;
use sanctum_types::ipc::{Response, SentinelStatus, WatchedItem};

pub(crate) use review::ReviewCommand;
use shared::Shared;
use worker::{Message, WorkerSetup};

use crate::audit::AuditHandle;
use crate::error::DaemonError;
use crate::notifications::Notifier;

/// How long a review request may wait for the watcher thread (which may be in the middle
/// of a discovery) before the client is told it is unavailable.
const REVIEW_WAIT: Duration = Duration::from_secs(10);

/// What the watcher needs to start.
pub(crate) struct SentinelOptions {
    /// The `[sentinel]` settings in force.
    pub settings: SentinelSettings,
    /// The user's home (discovery roots, `~/` in `venv_roots`).
    pub home: PathBuf,
    /// The environment discovery reads (`PATH`, `PYENV_ROOT`, `CONDA_PREFIX`, …).
    pub environment: HashMap<String, String>,
    /// Sanctum's state directory (the quarantine store lives in it).
    pub state_dir: PathBuf,
    /// The audit queue.
    pub audit: AuditHandle,
    /// Desktop notifications.
    pub notifier: Arc<Notifier>,
    /// Where other processes are read from (writer attribution).
    pub proc: ProcFs,
}

/// The daemon's side of the watcher: cheap to share, never blocks.
#[derive(Debug)]
pub(crate) struct SentinelHandle {
    inbox: Sender<Message>,
    shared: Arc<Shared>,
}

/// Owns the watcher thread; [`SentinelThread::finish`] stops and joins it.
#[derive(Debug)]
pub(crate) struct SentinelThread {
    inbox: Sender<Message>,
    thread: Option<JoinHandle<()>>,
}

/// A watcher ready to start: its handle already works (messages wait in its inbox).
pub(crate) struct PendingSentinel {
    setup: WorkerSetup,
}

/// Prepares the watcher; [`PendingSentinel::spawn`] starts its thread. Split so that the
/// daemon records its own start before the watcher's first records.
pub(crate) fn prepare(options: SentinelOptions) -> (PendingSentinel, SentinelHandle) {
    let (sender, inbox) = mpsc::channel();
    let shared = Arc::new(Shared::default());
    let setup = WorkerSetup {
        inbox,
        sender: sender.clone(),
        settings: options.settings,
        home: options.home,
        environment: options.environment,
        store: QuarantineStore::in_state_dir(&options.state_dir),
        audit: options.audit,
        notifier: options.notifier,
        shared: Arc::clone(&shared),
        proc: options.proc,
    };
    (
        PendingSentinel { setup },
        SentinelHandle {
            inbox: sender,
            shared,
        },
    )
}

impl PendingSentinel {
    /// Starts the thread: it recovers the store, discovers, watches and sweeps.
    pub fn spawn(self) -> Result<SentinelThread, DaemonError> {
        let inbox = self.setup.sender.clone();
        let setup = self.setup;
        let thread = std::thread::Builder::new()
            .name("sanctum-sentinel".into())
            .spawn(move || worker::run(setup))
            .map_err(|source| DaemonError::Start {
                what: "the sentinel thread",
                source,
            })?;
        Ok(SentinelThread {
            inbox,
            thread: Some(thread),
        })
    }
}

impl SentinelHandle {
    /// Applies new `[sentinel]` settings; `rediscover` forces a fresh look for environments
    /// even when the roots did not change (a reload asked for by the user).
    pub fn configure(&self, settings: &SentinelSettings, rediscover: bool) {
        let _ = self.inbox.send(Message::Configure {
            settings: settings.clone(),
            rediscover,
        });
    }

    /// Runs a review request on the watcher thread; `None` if it does not answer in time.
    pub async fn review(&self, command: ReviewCommand) -> Option<Response> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.inbox.send(Message::Review { command, reply }).ok()?;
        tokio::time::timeout(REVIEW_WAIT, answer).await.ok()?.ok()
    }

    /// The watcher's status, as of now.
    pub fn status(&self) -> SentinelStatus {
        self.shared.status()
    }

    /// Every directory the watcher watches.
    pub fn watched(&self) -> Vec<WatchedItem> {
        self.shared.watched()
    }

    /// Counts an approval or deletion refused because an assistant asked.
    pub fn refused_counter(&self) -> &AtomicU64 {
        &self.shared.counters.refused_requests
    }
}

impl SentinelThread {
    /// Stops the thread after what it is doing and waits for it.
    pub fn finish(mut self) {
        self.stop_and_join();
    }

    fn stop_and_join(&mut self) {
        let _ = self.inbox.send(Message::Stop);
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("the sentinel thread panicked");
        }
    }
}

impl Drop for SentinelThread {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}
