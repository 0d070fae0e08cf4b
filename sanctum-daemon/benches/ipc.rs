//! IPC latency with the real server in-process: one round trip on an open connection, and a
//! whole short-lived client (connect + hello + status + close), which is what a `sanctum`
//! command or a hook pays.

#![expect(
    clippy::expect_used,
    reason = "a bench that cannot reach its server must stop"
)]

use divan::Bencher;
use sanctum_types::ipc::{Client, Request, Response};

#[path = "common/mod.rs"]
mod common;

use common::{BenchServer, REPLY_TIMEOUT};

fn main() {
    divan::main();
}

/// `ping` → `pong` on a connection that is already open and handshaken.
#[divan::bench(sample_count = 200, sample_size = 20)]
fn ping_round_trip_on_open_connection(bencher: Bencher) {
    let server = BenchServer::start();
    let mut client = server.client();
    bencher.bench_local(|| {
        let reply = client.request(&Request::Ping).expect("ping");
        assert!(matches!(reply, Response::Pong));
    });
}

/// Connect, `hello`, `status`, close: the cost of one stateless CLI request.
#[divan::bench(sample_count = 100, sample_size = 5)]
fn connect_hello_status_close(bencher: Bencher) {
    let server = BenchServer::start();
    bencher.bench_local(|| {
        let mut client = Client::connect(server.socket(), REPLY_TIMEOUT).expect("connect");
        let reply = client.request(&Request::Status).expect("status");
        assert!(matches!(reply, Response::Status(_)));
    });
}
