//! The connection limit: one more than `daemon.max_connections` is turned away as busy.

use sanctum_types::ipc::{Client, Request, Response};

use crate::harness::{DEADLINE, TestEnv, assert_busy, hold_connections, receive, send, wait_until};

#[test]
fn a_connection_beyond_max_connections_gets_busy_and_a_freed_slot_is_reused() {
    let env = TestEnv::with_config("[daemon]\nmax_connections = 2\n");
    let daemon = env.start();
    let mut held = hold_connections(daemon.socket(), 2);
    assert_busy(daemon.socket());

    drop(held.pop());
    let mut client = None;
    assert!(
        wait_until(DEADLINE, || {
            client = Client::connect(daemon.socket(), std::time::Duration::from_secs(1)).ok();
            client.is_some()
        }),
        "a freed slot must be reusable"
    );
    let Response::Status(status) = client.unwrap().request(&Request::Status).unwrap() else {
        panic!("expected a status");
    };
    assert!(status.counters.refused_busy >= 1, "{:?}", status.counters);
    assert_eq!(status.counters.connections_open, 2);

    // The held connection is still served normally.
    send(&mut held[0], &Request::Ping);
    assert!(matches!(receive(&mut held[0]), Response::Pong));
}
