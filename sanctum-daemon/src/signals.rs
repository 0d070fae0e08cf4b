//! Unix signals: SIGTERM and SIGINT stop gracefully, SIGHUP reloads the config.
//!
//! Handlers are installed at bind time (before the socket answers), so a SIGTERM sent right
//! after start still takes the graceful path. The task only awaits signal streams.

use std::io;
use std::sync::Arc;

use tokio::signal::unix::{Signal, SignalKind, signal};

use crate::config::reload::{Trigger, reload};
use crate::state::State;

/// The installed signal streams.
#[derive(Debug)]
pub(crate) struct Signals {
    terminate: Signal,
    interrupt: Signal,
    hangup: Signal,
}

impl Signals {
    /// Installs the handlers; must run inside the runtime.
    pub fn install() -> io::Result<Self> {
        Ok(Self {
            terminate: signal(SignalKind::terminate())?,
            interrupt: signal(SignalKind::interrupt())?,
            hangup: signal(SignalKind::hangup())?,
        })
    }
}

/// Acts on signals until the streams end (runtime teardown).
pub(crate) async fn handle_signals(mut signals: Signals, state: Arc<State>) {
    loop {
        tokio::select! {
            received = signals.terminate.recv() => {
                if received.is_none() { return; }
                tracing::info!("SIGTERM: stopping");
                state.shutdown.trigger();
            }
            received = signals.interrupt.recv() => {
                if received.is_none() { return; }
                tracing::info!("SIGINT: stopping");
                state.shutdown.trigger();
            }
            received = signals.hangup.recv() => {
                if received.is_none() { return; }
                tracing::info!("SIGHUP: reloading the config");
                // Failures are recorded (status, log, audit) by `reload` itself.
                let _ = reload(&state, Trigger::Signal);
            }
        }
    }
}
