//! The audit writer thread: the daemon's only path to the audit log.
//!
//! [`AuditWriter`] appends with a lock and an `fsync` per record, which can take
//! milliseconds; doing that on the runtime thread would stall every client. So one plain
//! thread owns the writer and drains a channel: [`AuditHandle::record`] never blocks. At
//! shutdown [`AuditThread::finish`] sends a stop marker *after* the last record and joins,
//! so nothing queued is lost. Callers must never put a secret value in a record.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc;
use std::thread::JoinHandle;

use sanctum_types::audit::{AuditRecord, AuditWriter};
use sanctum_types::config::AuditSettings;

use crate::counters::{AtomicCounters, bump};
use crate::error::DaemonError;

/// What the writer thread is asked to do, in order.
#[derive(Debug)]
enum AuditMessage {
    Record(Box<AuditRecord>),
    SetLimits(AuditSettings),
    Stop,
}

/// A cheap, non-blocking way to enqueue records; shared by every task.
#[derive(Debug, Clone)]
pub(crate) struct AuditHandle {
    sender: mpsc::Sender<AuditMessage>,
}

impl AuditHandle {
    /// Queues `record` for writing. Never blocks; after shutdown it is silently dropped.
    pub fn record(&self, record: AuditRecord) {
        if self
            .sender
            .send(AuditMessage::Record(Box::new(record)))
            .is_err()
        {
            tracing::debug!("audit writer already stopped; record dropped");
        }
    }

    /// Applies new rotation limits and minimum level after a config reload.
    pub fn set_limits(&self, settings: &AuditSettings) {
        let _ = self.sender.send(AuditMessage::SetLimits(settings.clone()));
    }
}

/// Owns the writer thread; dropping it stops and joins the thread.
#[derive(Debug)]
pub(crate) struct AuditThread {
    sender: mpsc::Sender<AuditMessage>,
    thread: Option<JoinHandle<()>>,
}

impl AuditThread {
    /// Starts the thread writing to `path` with `settings`, counting written records in
    /// `counters.audit_records`.
    pub fn start(
        path: &Path,
        settings: &AuditSettings,
        counters: Arc<AtomicCounters>,
    ) -> Result<(Self, AuditHandle), DaemonError> {
        let (sender, receiver) = mpsc::channel();
        let mut writer = AuditWriter::new(
            path,
            settings.max_file_bytes,
            settings.keep_files,
            settings.min_level,
        );
        let thread = std::thread::Builder::new()
            .name("sanctum-audit".into())
            .spawn(move || drain(&receiver, &mut writer, &counters))
            .map_err(|source| DaemonError::Start {
                what: "the audit writer thread",
                source,
            })?;
        let handle = AuditHandle {
            sender: sender.clone(),
        };
        Ok((
            Self {
                sender,
                thread: Some(thread),
            },
            handle,
        ))
    }

    /// Writes everything queued so far, then stops the thread and waits for it.
    pub fn finish(mut self) {
        self.stop_and_join();
    }

    fn stop_and_join(&mut self) {
        let _ = self.sender.send(AuditMessage::Stop);
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("the audit writer thread panicked");
        }
    }
}

impl Drop for AuditThread {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

/// The thread body: write records until told to stop (or every handle is gone).
fn drain(
    receiver: &mpsc::Receiver<AuditMessage>,
    writer: &mut AuditWriter,
    counters: &AtomicCounters,
) {
    while let Ok(message) = receiver.recv() {
        match message {
            AuditMessage::Record(record) => match writer.append(&record) {
                Ok(true) => bump(&counters.audit_records),
                Ok(false) => {}
                Err(error) => {
                    tracing::warn!(%error, summary = %record.summary, "audit record not written");
                }
            },
            AuditMessage::SetLimits(settings) => writer.set_limits(
                settings.max_file_bytes,
                settings.keep_files,
                settings.min_level,
            ),
            AuditMessage::Stop => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use sanctum_types::audit::{Action, AuditFilter, Category, Level, read_records};

    use super::*;

    fn settings(min_level: Level) -> AuditSettings {
        AuditSettings {
            min_level,
            max_file_bytes: 1 << 20,
            keep_files: 2,
        }
    }

    #[test]
    fn everything_queued_before_finish_is_written_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.ndjson");
        let counters = Arc::new(AtomicCounters::default());
        let (thread, handle) =
            AuditThread::start(&path, &settings(Level::Info), Arc::clone(&counters)).unwrap();
        for index in 0..50 {
            handle.record(AuditRecord::now(
                Level::Info,
                Category::Daemon,
                Action::None,
                format!("event {index}"),
            ));
        }
        handle.set_limits(&settings(Level::Warning));
        handle.record(AuditRecord::now(
            Level::Info,
            Category::Daemon,
            Action::None,
            "filtered out",
        ));
        thread.finish();
        handle.record(AuditRecord::now(
            Level::Critical,
            Category::Daemon,
            Action::None,
            "after stop: dropped, not a crash",
        ));
        let (records, stats) = read_records(&path, &AuditFilter::default()).unwrap();
        assert_eq!(stats.skipped_lines, 0);
        assert_eq!(records.len(), 50);
        assert_eq!(records[49].summary, "event 49");
        assert_eq!(counters.snapshot().audit_records, 50);
    }
}
