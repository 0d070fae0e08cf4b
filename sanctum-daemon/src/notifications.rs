//! Desktop notifications: best effort, never in the way.
//!
//! Showing a notification talks D-Bus to the session's notification daemon, which may be
//! slow or absent (a server, a container, a session without a desktop). So notifications
//! go through a small bounded queue to their own thread, started on first use; the sender
//! never blocks and drops a notification when the queue is full. Without a session bus
//! nothing is attempted at all: the first notification logs that desktop notifications are
//! off and later ones are dropped silently. The audit log remains the record; a
//! notification only draws attention to it.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, SyncSender, TrySendError};
use std::sync::{Mutex, PoisonError};

/// Notifications queued at most; more are dropped (the audit log has them all).
const QUEUE: usize = 16;

/// How urgent a notification is (maps to the notification daemon's urgency).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Urgency {
    /// Something to look at (a suspicious file).
    Normal,
    /// Something happened that protects you or needs a decision (a quarantine).
    Critical,
}

/// One notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Notice {
    /// The title line.
    pub summary: String,
    /// The body.
    pub body: String,
    /// How urgent.
    pub urgency: Urgency,
}

/// Sends notices to the desktop from a lazily started thread.
#[derive(Debug, Default)]
pub(crate) struct Notifier {
    sender: Mutex<Option<SyncSender<Notice>>>,
    said_unavailable: AtomicBool,
}

impl Notifier {
    /// Queues `notice`; returns at once whatever happens to it.
    pub fn notify(&self, notice: Notice) {
        if !session_bus_available() {
            if !self.said_unavailable.swap(true, Ordering::Relaxed) {
                tracing::info!(
                    "no desktop session bus: desktop notifications are off (the audit log \
                     has every event)"
                );
            }
            return;
        }
        let mut slot = self.sender.lock().unwrap_or_else(PoisonError::into_inner);
        if slot.is_none() {
            *slot = start_thread();
        }
        let Some(sender) = slot.as_ref() else {
            return;
        };
        match sender.try_send(notice) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => tracing::debug!("notification queue full; dropped"),
            Err(TrySendError::Disconnected(_)) => *slot = None,
        }
    }
}

fn start_thread() -> Option<SyncSender<Notice>> {
    let (sender, receiver) = mpsc::sync_channel::<Notice>(QUEUE);
    let spawned = std::thread::Builder::new()
        .name("sanctum-notify".into())
        .spawn(move || {
            let mut failed_once = false;
            while let Ok(notice) = receiver.recv() {
                if let Err(error) = show(&notice) {
                    if failed_once {
                        tracing::debug!(%error, "desktop notification failed");
                    } else {
                        failed_once = true;
                        tracing::warn!(%error, "desktop notification failed (logged once)");
                    }
                }
            }
        });
    match spawned {
        Ok(_) => Some(sender),
        Err(error) => {
            tracing::warn!(%error, "cannot start the notification thread");
            None
        }
    }
}

fn show(notice: &Notice) -> Result<(), notify_rust::error::Error> {
    let mut notification = notify_rust::Notification::new();
    notification
        .appname("Sanctum")
        .summary(&notice.summary)
        .body(&notice.body);
    #[cfg(all(unix, not(target_os = "macos")))]
    notification.urgency(match notice.urgency {
        Urgency::Normal => notify_rust::Urgency::Normal,
        Urgency::Critical => notify_rust::Urgency::Critical,
    });
    notification.show().map(|_| ())
}

/// Whether a D-Bus session bus can be reached at all: its address is in the environment,
/// or the standard socket exists in the runtime directory. macOS needs none.
fn session_bus_available() -> bool {
    if cfg!(target_os = "macos") {
        return true;
    }
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|address| !address.is_empty()) {
        return true;
    }
    std::env::var_os("XDG_RUNTIME_DIR")
        .map(|dir| PathBuf::from(dir).join("bus"))
        .is_some_and(|bus| bus.exists())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifying_never_blocks_or_fails_without_a_desktop() {
        if session_bus_available() {
            return; // a real desktop: do not pop up test notifications on it
        }
        let notifier = Notifier::default();
        let started = std::time::Instant::now();
        for index in 0..(QUEUE * 3) {
            notifier.notify(Notice {
                summary: format!("test {index}"),
                body: "body".into(),
                urgency: Urgency::Normal,
            });
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert!(notifier.said_unavailable.load(Ordering::Relaxed));
        assert!(
            notifier.sender.lock().unwrap().is_none(),
            "no thread was started"
        );
    }
}
