//! Protocol abuse over a raw socket: every bad input gets a typed error or a closed
//! connection, and never delays another client.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use sanctum_types::ipc::{ErrorCode, Hello, Request, Response};
use sanctum_types::version::{PROTOCOL_VERSION, VERSION};

use crate::harness::{
    TestEnv, assert_closed, error_code, greet, raw_connect, receive, send, send_raw_json,
};

#[test]
fn garbage_after_hello_is_malformed_and_the_connection_keeps_serving() {
    let env = TestEnv::new();
    let daemon = env.start();
    let mut stream = raw_connect(daemon.socket());
    greet(&mut stream);
    for garbage in [
        "{this is not json",
        "[1,2,3]",
        r#"{"no_type":true}"#,
        "\u{0}\u{1}",
    ] {
        send_raw_json(&mut stream, garbage);
        let reply = receive(&mut stream);
        assert_eq!(error_code(&reply), ErrorCode::Malformed, "{garbage:?}");
    }
    send(&mut stream, &Request::Ping);
    assert!(matches!(receive(&mut stream), Response::Pong));
    assert!(daemon.status().counters.protocol_errors >= 4);
}

#[test]
fn a_length_above_the_limit_gets_frame_too_large_then_close() {
    let env = TestEnv::new();
    let daemon = env.start();
    let mut stream = raw_connect(daemon.socket());
    greet(&mut stream);
    stream.write_all(&u32::MAX.to_be_bytes()).unwrap();
    assert_eq!(error_code(&receive(&mut stream)), ErrorCode::FrameTooLarge);
    assert_closed(&mut stream);
}

#[test]
fn a_zero_length_gets_frame_too_large_then_close() {
    let env = TestEnv::new();
    let daemon = env.start();
    let mut stream = raw_connect(daemon.socket());
    stream.write_all(&[0, 0, 0, 0]).unwrap();
    assert_eq!(error_code(&receive(&mut stream)), ErrorCode::FrameTooLarge);
    assert_closed(&mut stream);
}

#[test]
fn a_half_sent_frame_is_dropped_after_the_timeout_while_others_are_served() {
    let env = TestEnv::with_config("[daemon]\nclient_timeout_ms = 1000\n");
    let daemon = env.start();
    let mut stalled = raw_connect(daemon.socket());
    greet(&mut stalled);
    let stalled_at = Instant::now();
    stalled.write_all(&100_u32.to_be_bytes()).unwrap();
    stalled.write_all(b"{\"type\":\"p").unwrap();

    // Another client is served while the first one stalls mid-frame...
    let mut other = daemon.client();
    assert!(matches!(
        other.request(&Request::Ping).unwrap(),
        Response::Pong
    ));
    // ...and the stalled connection was still open at that point (not served after it).
    stalled.set_nonblocking(true).unwrap();
    let mut byte = [0_u8; 1];
    let still_open = matches!(
        stalled.read(&mut byte),
        Err(error) if error.kind() == std::io::ErrorKind::WouldBlock
    );
    assert!(
        still_open,
        "the other client had to wait for the stall to end"
    );
    stalled.set_nonblocking(false).unwrap();

    assert_closed(&mut stalled);
    let waited = stalled_at.elapsed();
    assert!(
        waited >= Duration::from_millis(900),
        "closed too early: {waited:?}"
    );
    assert!(daemon.status().counters.protocol_errors >= 1);
}

#[test]
fn a_client_that_never_sends_is_disconnected() {
    let env = TestEnv::with_config("[daemon]\nclient_timeout_ms = 300\n");
    let daemon = env.start();
    let connected_at = Instant::now();
    let mut silent = raw_connect(daemon.socket());
    assert_closed(&mut silent);
    let waited = connected_at.elapsed();
    assert!(
        waited >= Duration::from_millis(250),
        "closed too early: {waited:?}"
    );
    assert!(
        waited < Duration::from_secs(5),
        "closed too late: {waited:?}"
    );
}

#[test]
fn a_greeted_client_that_goes_quiet_is_disconnected_too() {
    let env = TestEnv::with_config("[daemon]\nclient_timeout_ms = 300\n");
    let daemon = env.start();
    let mut idle = raw_connect(daemon.socket());
    greet(&mut idle);
    send(&mut idle, &Request::Ping);
    assert!(matches!(receive(&mut idle), Response::Pong));
    assert_closed(&mut idle);
}

#[test]
fn the_first_request_must_be_hello() {
    let env = TestEnv::new();
    let daemon = env.start();
    let mut stream = raw_connect(daemon.socket());
    send(&mut stream, &Request::Status);
    assert_eq!(error_code(&receive(&mut stream)), ErrorCode::HelloRequired);
    assert_closed(&mut stream);
}

#[test]
fn another_protocol_revision_is_refused_with_the_daemons_identity() {
    let env = TestEnv::new();
    let daemon = env.start();
    let mut stream = raw_connect(daemon.socket());
    send(
        &mut stream,
        &Request::Hello(Hello {
            protocol: 999,
            version: "99.0.0".into(),
        }),
    );
    let Response::Error(error) = receive(&mut stream) else {
        panic!("expected an error reply");
    };
    assert_eq!(error.code, ErrorCode::Incompatible);
    assert_eq!(error.protocol, Some(PROTOCOL_VERSION));
    assert_eq!(error.version.as_deref(), Some(VERSION));
    assert!(
        error.message.contains("sanctum daemon restart"),
        "{}",
        error.message
    );
    assert_closed(&mut stream);
}

#[test]
fn an_unknown_request_type_is_reported_and_the_connection_goes_on() {
    let env = TestEnv::new();
    let daemon = env.start();
    let mut stream = raw_connect(daemon.socket());
    greet(&mut stream);
    send_raw_json(&mut stream, r#"{"type":"from_the_future","x":1}"#);
    assert_eq!(error_code(&receive(&mut stream)), ErrorCode::UnknownRequest);
    send(&mut stream, &Request::Ping);
    assert!(matches!(receive(&mut stream), Response::Pong));
}
