//! Who may talk to the daemon: only processes of our own effective uid.
//!
//! The 0700 directory and 0600 socket already keep other users out; this check is the
//! second wall (a mis-set permission, a bind mount, a future socket location). Refusals are
//! audited, but at most once per interval with a count of what was suppressed, so a
//! hostile local loop cannot flood the audit log.

use std::time::{Duration, Instant};

use sanctum_types::audit::{Action, AuditRecord, Category, Level};
use serde_json::json;

use crate::counters::bump;
use crate::state::State;

/// The shortest gap between two audit records about refused peers.
pub(crate) const REFUSAL_AUDIT_INTERVAL: Duration = Duration::from_secs(10);

/// Why a peer was turned away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(crate) enum PeerRejected {
    /// The peer runs as another user.
    #[error("the peer runs as uid {peer}, not as uid {own}")]
    OtherUser {
        /// The peer's effective uid.
        peer: u32,
        /// Ours.
        own: u32,
    },
    /// The kernel did not tell us who the peer is; unknown is never trusted.
    #[error("the peer's credentials are unavailable")]
    Unknown,
}

/// Admits a peer only if its effective uid is known and equals ours.
pub(crate) fn check_peer(peer_euid: Option<u32>, own_euid: u32) -> Result<(), PeerRejected> {
    match peer_euid {
        Some(peer) if peer == own_euid => Ok(()),
        Some(peer) => Err(PeerRejected::OtherUser {
            peer,
            own: own_euid,
        }),
        None => Err(PeerRejected::Unknown),
    }
}

/// Lets one event through per interval and counts the rest.
#[derive(Debug)]
pub(crate) struct RefusalLimiter {
    interval: Duration,
    last_recorded: Option<Instant>,
    suppressed: u64,
}

impl RefusalLimiter {
    /// A limiter allowing one record per `interval`.
    pub fn new(interval: Duration) -> Self {
        Self {
            interval,
            last_recorded: None,
            suppressed: 0,
        }
    }

    /// `Some(n)` if this event should be recorded, `n` being how many were suppressed
    /// since the last recorded one; `None` if it should be suppressed.
    pub fn admit(&mut self, now: Instant) -> Option<u64> {
        let due = self
            .last_recorded
            .is_none_or(|last| now.saturating_duration_since(last) >= self.interval);
        if due {
            self.last_recorded = Some(now);
            Some(std::mem::take(&mut self.suppressed))
        } else {
            self.suppressed += 1;
            None
        }
    }
}

/// Counts, logs and (rate-limited) audits a refused peer. The connection is closed by the
/// caller without a reply.
pub(crate) fn record_refusal(state: &State, rejected: PeerRejected, peer_pid: Option<u32>) {
    bump(&state.counters.refused_peer);
    let admitted = state
        .refusals
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .admit(Instant::now());
    let Some(suppressed) = admitted else {
        tracing::debug!(%rejected, "refused a connection (record suppressed)");
        return;
    };
    tracing::warn!(%rejected, ?peer_pid, suppressed, "refused a connection from another user");
    let other_uid = match rejected {
        PeerRejected::OtherUser { peer, .. } => Some(peer),
        PeerRejected::Unknown => None,
    };
    state.audit.record(
        AuditRecord::now(
            Level::Warning,
            Category::Ipc,
            Action::Refused,
            "refused a socket connection from another user",
        )
        .with_details(json!({
            "reason": rejected.to_string(),
            "peer_uid": other_uid,
            "peer_pid": peer_pid,
            "suppressed_since_last_record": suppressed,
        })),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_known_uid_is_admitted() {
        assert_eq!(check_peer(Some(1000), 1000), Ok(()));
        assert_eq!(check_peer(Some(0), 0), Ok(()));
        assert_eq!(
            check_peer(Some(0), 1000),
            Err(PeerRejected::OtherUser { peer: 0, own: 1000 })
        );
        assert_eq!(
            check_peer(Some(1001), 1000),
            Err(PeerRejected::OtherUser {
                peer: 1001,
                own: 1000
            })
        );
        assert_eq!(check_peer(None, 1000), Err(PeerRejected::Unknown));
        assert_eq!(check_peer(None, 0), Err(PeerRejected::Unknown));
    }

    #[test]
    fn refusals_are_recorded_once_per_interval_with_the_suppressed_count() {
        let mut limiter = RefusalLimiter::new(Duration::from_secs(10));
        let start = Instant::now();
        assert_eq!(limiter.admit(start), Some(0));
        for second in 1..=5 {
            assert_eq!(limiter.admit(start + Duration::from_secs(second)), None);
        }
        assert_eq!(limiter.admit(start + Duration::from_secs(10)), Some(5));
        assert_eq!(limiter.admit(start + Duration::from_secs(11)), None);
        assert_eq!(limiter.admit(start + Duration::from_secs(25)), Some(1));
    }

    #[test]
    fn a_refusal_is_counted_every_time_but_audited_once() {
        let (_guards, state) = crate::state::test_state();
        for _ in 0..3 {
            record_refusal(&state, PeerRejected::OtherUser { peer: 1, own: 0 }, Some(9));
        }
        let counters = state.counters.snapshot();
        assert_eq!(counters.refused_peer, 3);
        let limiter = state.refusals.lock().unwrap();
        assert_eq!(limiter.suppressed, 2);
    }
}
