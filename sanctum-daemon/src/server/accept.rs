//! The accept loop: vet each connection, enforce the connection limit, hand the rest to
//! their own tasks, and drain them at shutdown.
//!
//! The loop only awaits (a connection, a finished task, or the stop flag): an idle daemon
//! runs no code here. The limit is `daemon.max_connections` of the config in force,
//! compared with the live count of open connections — a counter rather than a semaphore so
//! that a reload that changes the limit applies to the very next connection.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use interprocess::local_socket::tokio::{Listener, Stream};
use interprocess::local_socket::traits::StreamCommon;
use interprocess::local_socket::traits::tokio::Listener as _;
use sanctum_types::ipc::ErrorCode;
use tokio::task::JoinSet;

use super::connection::serve_connection;
use super::dispatch::error_reply;
use super::framing::write_response;
use super::peer::{check_peer, record_refusal};
use crate::counters::bump;
use crate::shutdown;
use crate::state::State;

/// How long in-flight connections may take to finish once stop was asked.
pub(crate) const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);
/// Pause after a failed `accept` (e.g. out of file descriptors), so the loop cannot spin.
const ACCEPT_ERROR_PAUSE: Duration = Duration::from_millis(100);
/// How long a "busy" reply may take to write before the connection is just dropped.
const BUSY_REPLY_LIMIT: Duration = Duration::from_secs(1);

/// Accepts until stop is asked, then stops listening and waits (bounded) for open
/// connections to finish.
pub(crate) async fn accept_loop(listener: Listener, state: Arc<State>) {
    let own_euid = nix::unistd::geteuid().as_raw();
    let mut stop = state.shutdown.subscribe();
    let mut tasks = JoinSet::new();
    loop {
        tokio::select! {
            () = shutdown::wait(&mut stop) => break,
            accepted = listener.accept() => match accepted {
                Ok(stream) => admit(stream, &state, own_euid, &mut tasks),
                Err(error) => {
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(ACCEPT_ERROR_PAUSE).await;
                }
            },
            Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
        }
    }
    drop(listener);
    tracing::info!(
        open = tasks.len(),
        "stopped accepting; finishing open connections"
    );
    let drained = tokio::time::timeout(SHUTDOWN_GRACE, async {
        while tasks.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!(
            open = tasks.len(),
            "connections still open after the grace period; closing them"
        );
        tasks.shutdown().await;
    }
}

/// Vets one accepted connection and, if admitted, serves it in its own task.
fn admit(stream: Stream, state: &Arc<State>, own_euid: u32, tasks: &mut JoinSet<()>) {
    let credentials = stream.peer_creds().ok();
    let peer_euid = credentials.and_then(|credentials| credentials.euid());
    let peer_pid = credentials
        .and_then(|credentials| credentials.pid())
        .and_then(|pid| u32::try_from(pid).ok())
        .filter(|pid| *pid != 0);
    if let Err(rejected) = check_peer(peer_euid, own_euid) {
        record_refusal(state, rejected, peer_pid);
        return; // dropping the stream closes it, unanswered
    }
    let limit = state.config.current().config.daemon.max_connections;
    let open = state.counters.connections_open.load(Ordering::Relaxed);
    if open >= u64::try_from(limit).unwrap_or(u64::MAX) {
        bump(&state.counters.refused_busy);
        tracing::debug!(open, limit, "turning a connection away: busy");
        tasks.spawn(async move {
            let mut stream = stream;
            let reply = error_reply(
                ErrorCode::Busy,
                format!("the daemon is serving its maximum of {limit} connections; retry shortly"),
            );
            let _ = write_response(&mut stream, &reply, BUSY_REPLY_LIMIT).await;
        });
        return;
    }
    bump(&state.counters.connections);
    let slot = OpenSlot::take(Arc::clone(state));
    tasks.spawn(async move {
        let state = Arc::clone(&slot.state);
        serve_connection(stream, state, peer_pid).await;
        drop(slot);
    });
}

/// One unit of `connections_open`, given back when the connection's task ends.
struct OpenSlot {
    state: Arc<State>,
}

impl OpenSlot {
    fn take(state: Arc<State>) -> Self {
        bump(&state.counters.connections_open);
        Self { state }
    }
}

impl Drop for OpenSlot {
    fn drop(&mut self) {
        self.state
            .counters
            .connections_open
            .fetch_sub(1, Ordering::Relaxed);
    }
}
