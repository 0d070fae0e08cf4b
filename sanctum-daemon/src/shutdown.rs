//! The one "stop now" flag every task listens to.
//!
//! A `watch` channel rather than a `Notify`: a task that subscribes after the trigger still
//! sees it, so no shutdown request can be lost to a race with a new connection.

use tokio::sync::watch;

/// Triggered once by a signal or a `shutdown` request; observed by the accept loop and by
/// every connection.
#[derive(Debug)]
pub(crate) struct Shutdown {
    sender: watch::Sender<bool>,
}

impl Shutdown {
    /// A flag that is not yet triggered.
    pub fn new() -> Self {
        Self {
            sender: watch::Sender::new(false),
        }
    }

    /// Asks everything to stop. Idempotent.
    pub fn trigger(&self) {
        self.sender.send_replace(true);
    }

    /// Whether stop was asked.
    #[cfg(test)]
    pub fn is_triggered(&self) -> bool {
        *self.sender.borrow()
    }

    /// A receiver for [`wait`].
    pub fn subscribe(&self) -> watch::Receiver<bool> {
        self.sender.subscribe()
    }
}

/// Resolves once stop was asked (immediately if it already was).
pub(crate) async fn wait(receiver: &mut watch::Receiver<bool>) {
    // The sender lives in the shared state for the whole run, so an error (sender gone)
    // can only mean the daemon is being torn down: treat it as "stop" too.
    let _ = receiver.wait_for(|stop| *stop).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_late_subscriber_still_sees_the_trigger() {
        let shutdown = Shutdown::new();
        assert!(!shutdown.is_triggered());
        shutdown.trigger();
        let mut receiver = shutdown.subscribe();
        wait(&mut receiver).await;
        assert!(shutdown.is_triggered());
    }
}
