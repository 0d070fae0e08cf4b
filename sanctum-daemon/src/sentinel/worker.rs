//! The watcher thread: one loop that owns the watches, the quarantine store and the
//! schedule, and blocks on its inbox whenever there is nothing due.
//!
//! Inbox: file-system changes (from the `notify` thread), config changes, review requests
//! and stop. Schedule, all driven by what arrived — no timer runs while idle:
//!
//! - a start-up file that was **written** (closed after writing, renamed into place) is
//!   judged at once; one that was only **created** waits [`CREATE_SETTLE`] for its content
//!   (a close-after-write usually arrives first and makes it due immediately);
//! - a new directory (or `pyvenv.cfg`) where environments appear triggers a re-discovery
//!   once things have been quiet for [`REDISCOVER_QUIET`] (at most [`REDISCOVER_MAX_DELAY`]
//!   after the first such event);
//! - site directories newly watched are swept one per loop turn, so events and requests
//!   are served in between.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use sanctum_sentinel::discover::{CommandProbe, Discovery, DiscoveryContext, discover};
use sanctum_sentinel::process::ProcFs;
use sanctum_sentinel::quarantine::QuarantineStore;
use sanctum_sentinel::startup::{analyze_file, startup_files};
use sanctum_sentinel::{StartupFileKind, Verdict};
use sanctum_types::audit::{Action, AuditRecord, Category, Level};
use sanctum_types::config::SentinelSettings;
use sanctum_types::ipc::{Response, WatchedEnvironment};
use serde_json::json;

use super::events::Change;
use super::judge::{Decision, Effects, Judged, Trigger, decide};
use super::review::{ReviewCommand, answer};
use super::seen::{Fingerprint, SeenFiles};
use super::shared::Shared;
use super::watches::WatchSet;
use crate::audit::AuditHandle;
use crate::counters::bump;
use crate::notifications::{Notice, Notifier, Urgency};

/// How long a created start-up file may wait for its content.
pub(crate) const CREATE_SETTLE: Duration = Duration::from_millis(20);
/// Quiet time after the last new-environment event before re-discovering.
pub(crate) const REDISCOVER_QUIET: Duration = Duration::from_millis(250);
/// Longest delay of a re-discovery after the first event that asked for it.
pub(crate) const REDISCOVER_MAX_DELAY: Duration = Duration::from_secs(2);
/// Directory names never followed as fresh directories (builds and caches, not
/// environments; a new `site-packages` is found by the re-discovery it triggers).
const NOT_ENVIRONMENTS: &[&str] = &[
    ".git",
    "node_modules",
    "target",
    "__pycache__",
    ".cache",
    "build",
    "dist",
    "site-packages",
    "dist-packages",
];

/// What the thread is asked to do.
#[derive(Debug)]
pub(crate) enum Message {
    /// Changes seen by the file-system watcher.
    Changes(Vec<Change>),
    /// The config in force changed (or a reload asked for a fresh look).
    Configure {
        /// The new `[sentinel]` settings.
        settings: SentinelSettings,
        /// Re-discover environments even if the roots did not change.
        rediscover: bool,
    },
    /// A `sanctum review` request; the reply goes back on `reply`.
    Review {
        /// What to do.
        command: ReviewCommand,
        /// Where the answer goes.
        reply: tokio::sync::oneshot::Sender<Response>,
    },
    /// Finish and exit.
    Stop,
}

/// What the thread starts with.
pub(crate) struct WorkerSetup {
    pub inbox: Receiver<Message>,
    pub sender: Sender<Message>,
    pub settings: SentinelSettings,
    pub home: PathBuf,
    pub environment: HashMap<String, String>,
    pub store: QuarantineStore,
    pub audit: AuditHandle,
    pub notifier: Arc<Notifier>,
    pub shared: Arc<Shared>,
    pub proc: ProcFs,
}

/// The thread's state.
struct Worker {
    inbox: Receiver<Message>,
    sender: Sender<Message>,
    settings: SentinelSettings,
    home: PathBuf,
    environment: HashMap<String, String>,
    store: QuarantineStore,
    audit: AuditHandle,
    notifier: Arc<Notifier>,
    shared: Arc<Shared>,
    proc: ProcFs,
    uid: u32,
    watches: Option<WatchSet>,
    environments: Vec<WatchedEnvironment>,
    /// Start-up files waiting to be judged, with when they are due.
    due_files: BTreeMap<PathBuf, Instant>,
    /// When a re-discovery is due: (quiet deadline, hard deadline).
    rediscover_at: Option<(Instant, Instant)>,
    sweep_queue: VecDeque<PathBuf>,
    sweep: SweepTally,
    seen: SeenFiles,
}

/// What the current sweep found, for its summary.
#[derive(Debug, Default)]
struct SweepTally {
    initial_pending: bool,
    files: u64,
    suspicious: u64,
    critical: u64,
}

/// The thread body.
pub(crate) fn run(setup: WorkerSetup) {
    let mut worker = Worker {
        inbox: setup.inbox,
        sender: setup.sender,
        settings: setup.settings,
        home: setup.home,
        environment: setup.environment,
        store: setup.store,
        audit: setup.audit,
        notifier: setup.notifier,
        shared: setup.shared,
        proc: setup.proc,
        uid: nix::unistd::geteuid().as_raw(),
        watches: None,
        environments: Vec::new(),
        due_files: BTreeMap::new(),
        rediscover_at: None,
        sweep_queue: VecDeque::new(),
        sweep: SweepTally::default(),
        seen: SeenFiles::default(),
    };
    worker.start();
    worker.serve();
    tracing::debug!("sentinel stopped");
}

impl Worker {
    /// Recovers interrupted quarantines, then starts watching (the first discovery queues
    /// the initial sweep).
    fn start(&mut self) {
        match self.store.recover() {
            Ok(completed) if !completed.is_empty() => {
                tracing::warn!(?completed, "completed interrupted quarantines");
                self.audit.record(
                    AuditRecord::now(
                        Level::Warning,
                        Category::Sentinel,
                        Action::Quarantined,
                        "completed quarantines interrupted by a crash",
                    )
                    .with_details(json!({ "quarantine_ids": completed })),
                );
            }
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "cannot recover the quarantine store"),
        }
        let quarantined = self.store.list().map_or(0, |entries| entries.len());
        let settings = self.settings.clone();
        self.shared.update(|status| {
            status.quarantined = quarantined;
            status.enabled = settings.enabled;
            status.on_critical = on_critical_name(&settings);
        });
        if self.settings.enabled {
            self.sweep.initial_pending = true;
            self.enable();
        }
    }

    fn serve(&mut self) {
        loop {
            let message = match self.next_deadline() {
                None => self
                    .inbox
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected),
                Some(deadline) => self
                    .inbox
                    .recv_timeout(deadline.saturating_duration_since(Instant::now())),
            };
            match message {
                Ok(message) => {
                    if !self.handle(message) {
                        return;
                    }
                    // Take everything already queued before doing the work it asks for.
                    while let Ok(message) = self.inbox.try_recv() {
                        if !self.handle(message) {
                            return;
                        }
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            self.judge_due_files();
            if self
                .rediscover_at
                .is_some_and(|(quiet, hard)| Instant::now() >= quiet.min(hard))
            {
                self.rediscover();
            }
            self.sweep_next();
        }
    }

    /// The earliest scheduled work, `now` when a sweep is pending, `None` when idle.
    fn next_deadline(&self) -> Option<Instant> {
        let files = self.due_files.values().min().copied();
        let rediscover = self.rediscover_at.map(|(quiet, hard)| quiet.min(hard));
        let sweep = (!self.sweep_queue.is_empty()).then(Instant::now);
        [files, rediscover, sweep].into_iter().flatten().min()
    }

    /// Handles one message; `false` to stop.
    fn handle(&mut self, message: Message) -> bool {
        match message {
            Message::Changes(changes) => {
                for change in changes {
                    self.on_change(&change);
                }
            }
            Message::Configure {
                settings,
                rediscover,
            } => self.configure(settings, rediscover),
            Message::Review { command, reply } => {
                let response = answer(command, &self.store, &self.audit, &self.shared);
                // The requester may have given up; nothing to do then.
                let _ = reply.send(response);
            }
            Message::Stop => return false,
        }
        true
    }

    fn on_change(&mut self, change: &Change) {
        let Some(watches) = &mut self.watches else {
            return;
        };
        let path = change.path();
        let Some(parent) = path.parent() else {
            return;
        };
        if watches.site_dir(parent).is_some() && StartupFileKind::of(path).is_some() {
            bump(&self.shared.counters.events);
            let now = Instant::now();
            match change {
                Change::Written(_) => {
                    self.due_files.insert(path.clone(), now);
                }
                Change::Created { .. } => {
                    self.due_files
                        .entry(path.clone())
                        .or_insert(now + CREATE_SETTLE);
                }
                Change::Removed(_) => {
                    self.due_files.remove(path);
                    self.seen.remove(path);
                }
            }
        }
        let Some(depth) = watches.environments_depth(parent) else {
            return;
        };
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default();
        let wanted = match change {
            Change::Created { directory, .. } => {
                let is_dir = directory.unwrap_or_else(|| path.is_dir());
                if is_dir && !NOT_ENVIRONMENTS.contains(&name) {
                    watches.add_fresh(path, depth.saturating_add(1));
                }
                is_dir || name == "pyvenv.cfg"
            }
            Change::Written(_) => {
                if path.is_dir() && !NOT_ENVIRONMENTS.contains(&name) {
                    watches.add_fresh(path, depth.saturating_add(1));
                    true
                } else {
                    name == "pyvenv.cfg"
                }
            }
            Change::Removed(_) => {
                watches.environments_depth(path).is_some()
                    || self.environments.iter().any(|env| env.root == *path)
            }
        };
        if wanted {
            let now = Instant::now();
            let hard = self
                .rediscover_at
                .map_or(now + REDISCOVER_MAX_DELAY, |(_, hard)| hard);
            self.rediscover_at = Some((now + REDISCOVER_QUIET, hard));
        }
    }

    fn configure(&mut self, settings: SentinelSettings, rediscover: bool) {
        let previous = std::mem::replace(&mut self.settings, settings);
        let current = self.settings.clone();
        self.shared.update(|status| {
            status.enabled = current.enabled;
            status.on_critical = on_critical_name(&current);
        });
        if !current.enabled {
            if self.watches.take().is_some() {
                tracing::info!("sentinel disabled: no longer watching");
                self.environments.clear();
                self.due_files.clear();
                self.rediscover_at = None;
                self.sweep_queue.clear();
                self.publish_watches();
            }
            return;
        }
        if previous.on_critical != current.on_critical {
            // Files left in place under "alert" must be acted on under "quarantine".
            self.seen.forget_critical();
            if let Some(watches) = &self.watches {
                self.sweep_queue.extend(watches.site_dirs().cloned());
            }
        }
        if self.watches.is_none() {
            self.enable();
        } else if rediscover
            || previous.venv_roots != current.venv_roots
            || previous.venv_depth != current.venv_depth
        {
            self.rediscover();
        }
    }

    fn enable(&mut self) {
        match WatchSet::new(self.sender.clone()) {
            Ok(watches) => {
                self.watches = Some(watches);
                self.rediscover();
            }
            Err(error) => {
                tracing::error!(%error, "cannot start the site-packages watcher");
                self.shared.update(|status| {
                    status.watch_errors = vec![format!("cannot start the watcher: {error}")];
                });
            }
        }
    }

    /// Finds environments again, makes the watches match, and queues new site directories
    /// for a sweep.
    fn rediscover(&mut self) {
        self.rediscover_at = None;
        let Some(watches) = &mut self.watches else {
            return;
        };
        let context = DiscoveryContext::new(&self.home, self.environment.clone())
            .with_settings(&self.settings);
        let started = Instant::now();
        let discovery = discover(&context, &CommandProbe);
        let added = watches.apply(&discovery);
        bump(&self.shared.counters.discoveries);
        tracing::info!(
            environments = discovery.environments.len(),
            new_site_dirs = added.len(),
            took_ms = started.elapsed().as_millis(),
            "discovered Python environments"
        );
        self.environments = wire_environments(&discovery);
        self.sweep_queue.extend(added);
        self.publish_watches();
        if self.sweep_queue.is_empty() && self.sweep.initial_pending {
            self.finish_sweep(); // nothing to sweep: the initial sweep is trivially done
        }
    }

    fn publish_watches(&self) {
        let (sites, roots, errors, items) = match &self.watches {
            Some(watches) => {
                let (sites, roots) = watches.counts();
                (sites, roots, watches.errors().to_vec(), watches.items())
            }
            None => (0, 0, Vec::new(), Vec::new()),
        };
        let environments = self.environments.clone();
        let running = !self.sweep_queue.is_empty();
        self.shared.update(|status| {
            status.environments = environments;
            status.site_dirs_watched = sites;
            status.root_dirs_watched = roots;
            status.watch_errors = errors;
            status.discovered_at = Some(Timestamp::now());
            status.sweep.running = running;
        });
        self.shared.set_watched(items);
    }

    fn judge_due_files(&mut self) {
        let now = Instant::now();
        let due: Vec<PathBuf> = self
            .due_files
            .iter()
            .filter(|(_, at)| **at <= now)
            .map(|(path, _)| path.clone())
            .collect();
        for path in due {
            self.due_files.remove(&path);
            self.judge(&path, Trigger::Event);
        }
    }

    /// Sweeps the next queued site directory; announces the end of the initial sweep.
    fn sweep_next(&mut self) {
        let Some(dir) = self.sweep_queue.pop_front() else {
            return;
        };
        let files = match startup_files(&dir) {
            Ok(files) => files,
            Err(error) => {
                tracing::debug!(%error, "cannot sweep");
                Vec::new()
            }
        };
        for file in files {
            self.judge(&file, Trigger::Sweep);
        }
        self.shared
            .update(|status| status.sweep.site_dirs_swept += 1);
        if self.sweep_queue.is_empty() {
            self.finish_sweep();
        }
    }

    fn finish_sweep(&mut self) {
        let tally = std::mem::take(&mut self.sweep);
        let initial = tally.initial_pending;
        self.shared.update(|status| {
            status.sweep.running = false;
            status.sweep.initial_done |= initial;
        });
        if initial {
            let (sites, _) = self.watches.as_ref().map_or((0, 0), WatchSet::counts);
            tracing::info!(files = tally.files, sites, "initial sweep done");
            self.audit.record(
                AuditRecord::now(
                    Level::Info,
                    Category::Sentinel,
                    Action::None,
                    format!(
                        "watching {} Python environments ({sites} site directories); initial sweep \
                         judged {} start-up files",
                        self.environments.len(),
                        tally.files
                    ),
                )
                .with_details(json!({
                    "environments": self.environments.len(),
                    "site_dirs": sites,
                    "files": tally.files,
                    "suspicious": tally.suspicious,
                    "critical": tally.critical,
                })),
            );
        }
        if tally.suspicious > 0 {
            self.notifier.notify(Notice {
                summary: "Sanctum: suspicious Python start-up files".into(),
                body: format!(
                    "{} start-up files run code Sanctum does not recognise. List them: sanctum pth scan",
                    tally.suspicious
                ),
                urgency: Urgency::Normal,
            });
        }
    }

    /// Reads and judges one start-up file, then acts on the verdict.
    fn judge(&mut self, path: &Path, trigger: Trigger) {
        let Ok(meta) = std::fs::metadata(path) else {
            self.seen.remove(path);
            return;
        };
        if !meta.is_file() {
            return;
        }
        let fingerprint = Fingerprint::of(&meta);
        if trigger == Trigger::Sweep && self.seen.unchanged(path, fingerprint) {
            return;
        }
        let report = match analyze_file(path) {
            Ok(Some(report)) => report,
            Ok(None) => return,
            Err(error) => {
                tracing::debug!(%error, "cannot read a start-up file");
                return;
            }
        };
        bump(&self.shared.counters.files_analysed);
        let previous = self.seen.insert(
            path.to_path_buf(),
            super::seen::Judged {
                fingerprint,
                sha256: report.sha256.clone(),
                verdict: report.verdict,
            },
        );
        if trigger == Trigger::Sweep {
            self.sweep.files += 1;
        }
        let approved = report.verdict == Verdict::Critical
            && self
                .store
                .is_approved(&report.sha256)
                .unwrap_or_else(|error| {
                    tracing::warn!(%error, "cannot read approvals; treating as not approved");
                    false
                });
        let decision = decide(report.verdict, approved, self.settings.on_critical);
        // The same content judged again (a touch, a re-sweep) is reported once.
        let repeated = previous.is_some_and(|previous| previous.sha256 == report.sha256);
        if repeated && decision != Decision::Quarantine {
            return;
        }
        if trigger == Trigger::Sweep {
            match report.verdict {
                Verdict::Suspicious => self.sweep.suspicious += 1,
                Verdict::Critical => self.sweep.critical += 1,
                Verdict::Benign => {}
            }
        }
        let env_root = path
            .parent()
            .and_then(|dir| self.watches.as_ref()?.site_dir(dir))
            .map(|site| site.env_root.clone());
        let effects = Effects {
            store: &self.store,
            audit: &self.audit,
            notifier: &self.notifier,
            shared: &self.shared,
            proc: &self.proc,
            uid: self.uid,
        };
        effects.act(
            decision,
            &Judged {
                path,
                report: &report,
                env_root: env_root.as_deref(),
                trigger,
            },
            trigger == Trigger::Sweep,
        );
    }
}

fn on_critical_name(settings: &SentinelSettings) -> String {
    match settings.on_critical {
        sanctum_types::config::CriticalAction::Quarantine => "quarantine".into(),
        sanctum_types::config::CriticalAction::Alert => "alert".into(),
    }
}

/// The environments of `discovery` as `status` reports them.
fn wire_environments(discovery: &Discovery) -> Vec<WatchedEnvironment> {
    discovery
        .environments
        .iter()
        .map(|environment| WatchedEnvironment {
            kind: match serde_json::to_value(environment.kind) {
                Ok(serde_json::Value::String(kind)) => kind,
                _ => "unknown".into(),
            },
            root: environment.root.clone(),
            site_dirs: environment.site_dirs.clone(),
            python_version: environment
                .python_version
                .map(|version| version.to_string()),
        })
        .collect()
}
