//! 64 concurrent clients × 500 pings against the real server in-process: every request must
//! be answered; prints the latency distribution.

#![expect(
    clippy::expect_used,
    reason = "a bench that cannot reach its server must stop"
)]
#![expect(clippy::print_stdout, reason = "a bench reports on stdout")]

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use sanctum_types::ipc::{Request, Response};

#[path = "common/mod.rs"]
mod common;

use common::BenchServer;

const CLIENTS: usize = 64;
const REQUESTS_PER_CLIENT: usize = 500;

fn main() {
    let server = BenchServer::start();
    let start_together = Arc::new(Barrier::new(CLIENTS));
    let started = Instant::now();
    let threads: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let mut client = server.client();
            let barrier = Arc::clone(&start_together);
            std::thread::spawn(move || {
                barrier.wait();
                let mut latencies = Vec::with_capacity(REQUESTS_PER_CLIENT);
                for _ in 0..REQUESTS_PER_CLIENT {
                    let sent = Instant::now();
                    let reply = client.request(&Request::Ping).expect("ping");
                    latencies.push(sent.elapsed());
                    assert!(
                        matches!(reply, Response::Pong),
                        "unexpected reply {reply:?}"
                    );
                }
                latencies
            })
        })
        .collect();
    let mut latencies: Vec<Duration> = threads
        .into_iter()
        .flat_map(|thread| thread.join().expect("client thread"))
        .collect();
    let wall = started.elapsed();
    drop(server);

    assert_eq!(
        latencies.len(),
        CLIENTS * REQUESTS_PER_CLIENT,
        "every request answered"
    );
    latencies.sort_unstable();
    let percentile = |p: usize| latencies[(latencies.len() * p / 100).min(latencies.len() - 1)];
    let micros = |duration: Duration| duration.as_micros();
    println!(
        "concurrency: {CLIENTS} clients x {REQUESTS_PER_CLIENT} requests: all answered; \
         p50={}µs p99={}µs max={}µs (wall {:.2}s)",
        micros(percentile(50)),
        micros(percentile(99)),
        micros(latencies[latencies.len() - 1]),
        wall.as_secs_f64()
    );
}
