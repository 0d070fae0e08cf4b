//! The daemon's own diagnostic log (not the audit log): where it goes and how verbose.
//!
//! In `--foreground` mode it goes to stderr (systemd, launchd and humans read it there);
//! otherwise to `daemon.log` in the state dir, size-rotated with two old files kept. The
//! level follows `daemon.log_level` and changes on config reload without a restart. Only
//! our own crates log at the configured level; dependencies are held at `warn` so `trace`
//! stays readable. Nothing logged here may contain a secret value.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use sanctum_types::fs::SizeRotatingFile;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Registry, reload};

use crate::error::DaemonError;

/// Rotated daemon logs kept beside the live one.
const KEEP_LOG_FILES: u32 = 2;

/// Where the diagnostic log goes.
#[derive(Debug, Clone, Copy)]
pub enum LogTarget<'a> {
    /// Standard error (`--foreground`).
    Stderr,
    /// A size-rotated file, rotated past `max_bytes`.
    File {
        /// The log file.
        path: &'a Path,
        /// Rotation size (`daemon.log_max_bytes`; changed on reload by [`LogControl`]).
        max_bytes: u64,
    },
}

/// Changes the log level and rotation size of the running daemon; obtained from
/// [`init_logging`].
#[derive(Debug, Clone)]
pub struct LogControl {
    handle: reload::Handle<EnvFilter, Registry>,
    file: Option<SharedLogFile>,
}

impl LogControl {
    /// Applies a reloaded `daemon.log_max_bytes` (no effect when logging to stderr).
    pub fn set_max_bytes(&self, max_bytes: u64) {
        if let Some(file) = &self.file {
            file.lock().set_max_bytes(max_bytes);
        }
    }

    /// Applies a `daemon.log_level` value (`error` … `trace`) from a reloaded config.
    pub fn set_level(&self, level: &str) {
        match filter_for(level) {
            Ok(filter) => {
                if let Err(error) = self.handle.reload(filter) {
                    tracing::warn!(%error, "cannot change the log level");
                }
            }
            Err(error) => tracing::warn!(%error, level, "ignoring an unusable log level"),
        }
    }
}

/// Installs the process-wide `tracing` subscriber. Call once, before anything logs.
///
/// # Errors
/// [`DaemonError::Logging`] if the log file cannot be opened, the level is not one of
/// `daemon.log_level`'s values, or a subscriber is already installed.
pub fn init_logging(target: LogTarget<'_>, level: &str) -> Result<LogControl, DaemonError> {
    let filter = filter_for(level).map_err(|error| DaemonError::Logging(error.to_string()))?;
    let (filter, handle) = reload::Layer::new(filter);
    let registry = tracing_subscriber::registry().with(filter);
    let mut shared_file = None;
    let installed = match target {
        LogTarget::Stderr => registry
            .with(
                tracing_subscriber::fmt::layer()
                    .with_writer(std::io::stderr)
                    .with_ansi(std::io::stderr().is_terminal()),
            )
            .try_init(),
        LogTarget::File { path, max_bytes } => {
            let file = SizeRotatingFile::open(path, max_bytes, KEEP_LOG_FILES)?;
            let file = SharedLogFile(Arc::new(Mutex::new(file)));
            shared_file = Some(file.clone());
            registry
                .with(
                    tracing_subscriber::fmt::layer()
                        .with_writer(file)
                        .with_ansi(false),
                )
                .try_init()
        }
    };
    installed.map_err(|error| DaemonError::Logging(error.to_string()))?;
    Ok(LogControl {
        handle,
        file: shared_file,
    })
}

/// The log file, shared between the subscriber (which writes) and [`LogControl`] (which
/// resizes it on reload).
#[derive(Debug, Clone)]
struct SharedLogFile(Arc<Mutex<SizeRotatingFile>>);

impl SharedLogFile {
    /// A poisoned lock only means a writer panicked mid-line; the file is still usable.
    fn lock(&self) -> MutexGuard<'_, SizeRotatingFile> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// One event's exclusive hold on the log file.
struct LockedLogFile<'a>(MutexGuard<'a, SizeRotatingFile>);

impl Write for LockedLogFile<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for SharedLogFile {
    type Writer = LockedLogFile<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        LockedLogFile(self.lock())
    }
}

/// Our crates at `level`, everything else at `warn` (or `error` when that is quieter).
fn filter_for(level: &str) -> Result<EnvFilter, tracing_subscriber::filter::ParseError> {
    let others = if level == "error" { "error" } else { "warn" };
    EnvFilter::try_new(format!(
        "{others},sanctum_daemon={level},sanctum_types={level}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_configurable_level_makes_a_filter() {
        for level in sanctum_types::config::schema::LOG_LEVELS {
            let filter = filter_for(level).unwrap();
            assert!(
                filter
                    .to_string()
                    .contains(&format!("sanctum_daemon={level}"))
            );
        }
        assert!(filter_for("loud").is_err());
    }
}
