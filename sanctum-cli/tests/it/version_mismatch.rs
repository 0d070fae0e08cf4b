//! A daemon of another protocol revision: the CLI names both versions and the fix.

use std::os::unix::net::UnixListener;

use sanctum_types::ipc::{ErrorCode, ErrorReply, Request, Response, read_frame, write_frame};

use crate::env::TestEnv;

/// Answers every hello on the env's socket as a daemon 9.9.9 speaking protocol 999.
fn fake_future_daemon(env: &TestEnv) {
    std::fs::create_dir_all(env.socket().parent().unwrap()).unwrap();
    let listener = UnixListener::bind(env.socket()).unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            if read_frame::<_, Request>(&mut stream, 1 << 20).is_err() {
                continue;
            }
            let reply = Response::Error(ErrorReply {
                code: ErrorCode::Incompatible,
                message: "protocol mismatch".into(),
                protocol: Some(999),
                version: Some("9.9.9".into()),
            });
            let _ = write_frame(&mut stream, &reply, 1 << 20);
        }
    });
}

#[test]
fn status_against_an_incompatible_daemon_names_both_versions_and_exits_5() {
    let env = TestEnv::new();
    fake_future_daemon(&env);
    let run = env.run(&["status"]).expect_code(5);
    let expected = format!(
        "the daemon is 9.9.9 (protocol 999), this CLI is {} (protocol {}): run `sanctum daemon \
         restart`",
        env!("CARGO_PKG_VERSION"),
        sanctum_types::version::PROTOCOL_VERSION
    );
    assert!(run.stderr.contains(&expected), "{}", run.stderr);

    env.run(&["daemon", "status"]).expect_code(5);
    let doctor = env.run(&["doctor", "--json"]).expect_code(1).json();
    let daemon = doctor["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|check| check["name"] == "daemon")
        .unwrap()
        .clone();
    assert_eq!(daemon["status"], "fail");
    assert_eq!(daemon["fix"], "sanctum daemon restart");
}

/// Answers as a daemon of our protocol but an older release (an upgrade without restart).
fn fake_stale_daemon(env: &TestEnv) {
    use sanctum_types::ipc::{ConfigStatus, Counters, HelloReply, Resources, StatusReport};
    std::fs::create_dir_all(env.socket().parent().unwrap()).unwrap();
    let listener = UnixListener::bind(env.socket()).unwrap();
    let socket = env.socket();
    let config = env.config_file();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            while let Ok(request) = read_frame::<_, Request>(&mut stream, 1 << 20) {
                let reply = match request {
                    Request::Hello(_) => Response::Hello(HelloReply {
                        protocol: sanctum_types::version::PROTOCOL_VERSION,
                        version: "0.0.1-old".into(),
                        pid: 1,
                    }),
                    Request::Status => Response::Status(Box::new(StatusReport {
                        version: "0.0.1-old".into(),
                        protocol: sanctum_types::version::PROTOCOL_VERSION,
                        pid: 1,
                        started_at: jiff::Timestamp::UNIX_EPOCH,
                        uptime_ms: 1,
                        socket: socket.clone(),
                        log_file: None,
                        audit_log: socket.clone(),
                        config: ConfigStatus {
                            path: config.clone(),
                            file_present: false,
                            loaded_at: jiff::Timestamp::UNIX_EPOCH,
                            last_error: None,
                            last_error_at: None,
                        },
                        watching: Vec::new(),
                        sentinel: None,
                        counters: Counters::default(),
                        resources: Resources::default(),
                    })),
                    _ => Response::Pong,
                };
                if write_frame(&mut stream, &reply, 1 << 20).is_err() {
                    break;
                }
            }
        }
    });
}

#[test]
fn doctor_warns_when_the_running_daemon_is_an_older_release() {
    let env = TestEnv::new();
    fake_stale_daemon(&env);
    let doctor = env.run(&["doctor", "--json"]).json();
    let daemon = doctor["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|check| check["name"] == "daemon")
        .unwrap()
        .clone();
    assert_eq!(daemon["status"], "warn", "{daemon}");
    assert!(
        daemon["message"].as_str().unwrap().contains("0.0.1-old"),
        "{daemon}"
    );
    assert_eq!(daemon["fix"], "sanctum daemon restart");
}
