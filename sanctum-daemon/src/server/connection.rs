//! Serving one client: read a frame, answer it, repeat, until the client leaves, misbehaves
//! or the daemon stops.
//!
//! Runs in its own task, so a slow or hostile client only ever costs its own task. Every
//! read is bounded by `daemon.client_timeout_ms` and `daemon.max_frame_bytes`, read from the
//! config in force before each frame (a reload applies to the next frame). What is logged
//! about a bad frame is its kind and position, never its content.

use std::sync::Arc;
use std::time::Duration;

use sanctum_types::ipc::{ErrorCode, Request};
use tokio::io::{AsyncRead, AsyncWrite, BufReader};

use super::dispatch::{Next, Session, answer, error_reply};
use super::framing::{FrameError, read_frame, write_response};
use crate::counters::bump;
use crate::shutdown;
use crate::state::State;

/// Serves `stream` (from process `peer_pid`, when known) until it closes. Never fails:
/// problems end the connection, not the daemon.
pub(crate) async fn serve_connection<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    state: Arc<State>,
    peer_pid: Option<u32>,
) {
    // Buffered so a small request (header + payload) costs one `read` syscall, not two.
    let mut stream = BufReader::new(stream);
    let mut stop = state.shutdown.subscribe();
    let mut session = Session {
        greeted: false,
        peer_pid,
    };
    loop {
        let (limit, max_bytes) = {
            let current = state.config.current();
            (
                current.config.daemon.client_timeout,
                current.config.daemon.max_frame_bytes,
            )
        };
        let frame = tokio::select! {
            frame = read_frame(&mut stream, limit, max_bytes) => frame,
            () = shutdown::wait(&mut stop) => return,
        };
        let payload = match frame {
            Ok(payload) => payload,
            Err(error) => {
                end_on_frame_error(&mut stream, error, &session, &state, limit).await;
                return;
            }
        };
        let request = match serde_json::from_slice::<Request>(&payload) {
            Ok(request) => request,
            Err(error) => {
                bump(&state.counters.protocol_errors);
                // Kind and position only: the payload may hold anything, secrets included.
                let message = format!(
                    "not a valid request ({:?} error at line {} column {})",
                    error.classify(),
                    error.line(),
                    error.column()
                );
                tracing::debug!("{message}");
                let reply = error_reply(ErrorCode::Malformed, message);
                if write_response(&mut stream, &reply, limit).await.is_err() {
                    return;
                }
                continue;
            }
        };
        bump(&state.counters.requests);
        let (reply, next) = answer(request, &mut session, &state).await;
        if let Err(error) = write_response(&mut stream, &reply, limit).await {
            tracing::debug!(%error, "client went away before its reply");
            if next == Next::Shutdown {
                state.shutdown.trigger();
            }
            return;
        }
        match next {
            Next::Continue => {}
            Next::Close => return,
            Next::Shutdown => {
                state.shutdown.trigger();
                return;
            }
        }
    }
}

/// Counts and, where the protocol says so, answers a frame that could not be read.
async fn end_on_frame_error<S: AsyncWrite + Unpin>(
    stream: &mut S,
    error: FrameError,
    session: &Session,
    state: &State,
    limit: Duration,
) {
    match error {
        FrameError::Closed => {}
        FrameError::Idle if session.greeted => {
            tracing::debug!("closing an idle connection");
        }
        FrameError::Idle => {
            bump(&state.counters.protocol_errors);
            tracing::debug!("closing a connection that never said hello");
        }
        FrameError::TooLarge(error) => {
            bump(&state.counters.protocol_errors);
            tracing::debug!(%error, "refusing a frame");
            let reply = error_reply(ErrorCode::FrameTooLarge, error.to_string());
            let _ = write_response(stream, &reply, limit).await;
        }
        FrameError::Stalled | FrameError::Truncated => {
            bump(&state.counters.protocol_errors);
            tracing::debug!(?error, "dropping a client that stopped mid-frame");
        }
        FrameError::Io(error) => {
            bump(&state.counters.protocol_errors);
            tracing::debug!(%error, "connection error");
        }
    }
}

#[cfg(test)]
mod tests {
    use sanctum_types::ipc::{
        DEFAULT_MAX_FRAME_BYTES, Hello, Response, encode_frame, read_frame as read_sync,
    };
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;
    use crate::state::test_state;

    async fn send(client: &mut tokio::io::DuplexStream, bytes: &[u8]) {
        client.write_all(bytes).await.unwrap();
    }

    fn frame(request: &Request) -> Vec<u8> {
        encode_frame(request, DEFAULT_MAX_FRAME_BYTES).unwrap()
    }

    fn raw(json: &str) -> Vec<u8> {
        let mut bytes = u32::try_from(json.len()).unwrap().to_be_bytes().to_vec();
        bytes.extend_from_slice(json.as_bytes());
        bytes
    }

    #[tokio::test]
    async fn malformed_frames_are_answered_and_the_connection_goes_on() {
        let (_guards, state) = test_state();
        let (mut client, server) = tokio::io::duplex(64 * 1024);
        let task = tokio::spawn(serve_connection(server, Arc::clone(&state), None));
        send(&mut client, &frame(&Request::Hello(Hello::current()))).await;
        send(&mut client, &raw("{not json")).await;
        send(&mut client, &raw(r#"{"type":"hello","protocol":"x"}"#)).await;
        send(&mut client, &frame(&Request::Ping)).await;
        client.shutdown().await.unwrap();
        let mut bytes = Vec::new();
        client.read_to_end(&mut bytes).await.unwrap();
        task.await.unwrap();
        let mut reader = bytes.as_slice();
        let replies: Vec<Response> = (0..4)
            .map(|_| read_sync(&mut reader, DEFAULT_MAX_FRAME_BYTES).unwrap())
            .collect();
        assert!(matches!(replies[0], Response::Hello(_)));
        for reply in &replies[1..3] {
            let Response::Error(error) = reply else {
                panic!("{reply:?}")
            };
            assert_eq!(error.code, ErrorCode::Malformed);
            assert!(!error.message.contains("not json"), "{}", error.message);
        }
        assert!(matches!(replies[3], Response::Pong));
        assert!(reader.is_empty());
        let counters = state.counters.snapshot();
        assert_eq!(counters.protocol_errors, 2);
        assert_eq!(counters.requests, 2);
    }

    #[tokio::test]
    async fn shutdown_is_answered_then_triggered() {
        let (_guards, state) = test_state();
        let (mut client, server) = tokio::io::duplex(64 * 1024);
        let task = tokio::spawn(serve_connection(server, Arc::clone(&state), None));
        send(&mut client, &frame(&Request::Hello(Hello::current()))).await;
        send(&mut client, &frame(&Request::Shutdown)).await;
        let mut bytes = Vec::new();
        client.read_to_end(&mut bytes).await.unwrap();
        task.await.unwrap();
        let mut reader = bytes.as_slice();
        let _: Response = read_sync(&mut reader, DEFAULT_MAX_FRAME_BYTES).unwrap();
        let reply: Response = read_sync(&mut reader, DEFAULT_MAX_FRAME_BYTES).unwrap();
        assert!(matches!(reply, Response::ShuttingDown { pid } if pid == state.pid));
        assert!(state.shutdown.is_triggered());
    }
}
