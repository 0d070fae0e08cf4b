//! Start, status, stop; single instance; crash recovery; signals.

use std::os::unix::fs::PermissionsExt;
use std::process::Stdio;

use nix::sys::signal::Signal;
use sanctum_types::audit::Category;
use sanctum_types::ipc::{Request, Response};
use sanctum_types::version::{PROTOCOL_VERSION, VERSION};

use crate::harness::{DEADLINE, TestEnv, greet, raw_connect, receive, send_raw_json, wait_until};

#[test]
fn start_ping_status_then_shutdown_request_exits_zero_and_removes_the_socket() {
    let env = TestEnv::new();
    let mut daemon = env.start();

    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(daemon.socket()), 0o600, "socket must be private");
    assert_eq!(mode(daemon.socket().parent().unwrap()), 0o700);

    let mut client = daemon.client();
    assert_eq!(client.daemon().pid, daemon.pid());
    assert_eq!(client.daemon().version, VERSION);
    assert!(matches!(
        client.request(&Request::Ping).unwrap(),
        Response::Pong
    ));

    let status = daemon.status();
    assert_eq!(status.pid, daemon.pid());
    assert_eq!(status.version, VERSION);
    assert_eq!(status.protocol, PROTOCOL_VERSION);
    assert_eq!(status.socket, env.socket());
    assert_eq!(status.config.path, env.config_file());
    assert!(!status.config.file_present);
    assert!(status.config.last_error.is_none());
    assert_eq!(status.audit_log, env.audit_log());
    assert_eq!(status.log_file, None, "foreground mode logs to stderr");
    assert!(
        status
            .watching
            .iter()
            .any(|item| item.kind == "config" && item.path == env.config_file()),
        "{:?}",
        status.watching
    );
    assert!(status.counters.connections >= 2);
    assert!(status.counters.requests >= 3);
    assert!(status.resources.rss_bytes > 0);
    assert!(status.started_at <= jiff::Timestamp::now());

    let reply = client.request(&Request::Shutdown).unwrap();
    assert!(matches!(reply, Response::ShuttingDown { pid } if pid == daemon.pid()));
    let exit = daemon.wait_exit();
    assert_eq!(exit.code(), Some(0), "{}", daemon.stderr_text());
    assert!(!env.socket().exists(), "socket file must be removed");
}

#[test]
fn a_second_daemon_exits_4_naming_the_first_while_the_first_keeps_serving() {
    let env = TestEnv::new();
    let daemon = env.start();

    let mut second = env.command().stderr(Stdio::piped()).spawn().unwrap();
    let mut exit = None;
    assert!(wait_until(DEADLINE, || {
        exit = second.try_wait().unwrap();
        exit.is_some()
    }));
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut second.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(exit.unwrap().code(), Some(4), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "sanctum-daemon is already running (pid {})",
            daemon.pid()
        )),
        "{stderr}"
    );

    let mut client = daemon.client();
    assert!(matches!(
        client.request(&Request::Ping).unwrap(),
        Response::Pong
    ));
    assert_eq!(client.daemon().pid, daemon.pid());
}

#[test]
fn after_kill_9_a_new_daemon_reclaims_the_stale_socket_and_lock() {
    let env = TestEnv::new();
    let mut crashed = env.start();
    let old_pid = crashed.pid();
    crashed.kill_hard();
    assert!(
        env.socket().exists(),
        "a crash leaves the socket file behind"
    );
    assert!(env.socket().with_file_name("d.sock.lock").exists());

    let daemon = env.start();
    assert_ne!(daemon.pid(), old_pid);
    let mut client = daemon.client();
    assert!(matches!(
        client.request(&Request::Ping).unwrap(),
        Response::Pong
    ));
    assert_eq!(daemon.status().pid, daemon.pid());
}

#[test]
fn sigterm_and_sigint_stop_cleanly_and_the_audit_log_records_start_and_stop() {
    for signal in [Signal::SIGTERM, Signal::SIGINT] {
        let env = TestEnv::new();
        let mut daemon = env.start();
        let pid = daemon.pid();
        daemon.signal(signal);
        let exit = daemon.wait_exit();
        assert_eq!(exit.code(), Some(0), "{signal}: {}", daemon.stderr_text());
        assert!(
            !env.socket().exists(),
            "{signal}: socket file must be removed"
        );

        let records = env.audit_records();
        let lifecycle: Vec<&str> = records
            .iter()
            .filter(|record| {
                record.category == Category::Daemon && record.details["pid"] == u64::from(pid)
            })
            .map(|record| record.summary.as_str())
            .collect();
        assert_eq!(lifecycle, ["daemon started", "daemon stopped"], "{signal}");
        let started = &records[0];
        assert_eq!(started.details["version"], VERSION);
        assert_eq!(
            started.details["socket"],
            env.socket().to_string_lossy().as_ref()
        );
    }
}

#[test]
fn a_socket_path_that_is_too_long_is_a_clear_startup_error() {
    let env = TestEnv::new();
    let long = env.root().join("x".repeat(120)).join("d.sock");
    let output = env
        .command()
        .env("SANCTUM_SOCKET", &long)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("sanctum-daemon: the socket path"),
        "{stderr}"
    );
    assert!(stderr.contains("SANCTUM_SOCKET"), "{stderr}");
}

#[test]
fn version_flag_prints_the_release() {
    let output = TestEnv::new()
        .command()
        .arg("--version")
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.trim(), format!("sanctum-daemon {VERSION}"));
}

#[test]
fn without_foreground_it_leaves_the_session_and_logs_to_the_rotated_file() {
    let env = TestEnv::new();
    let daemon = env.start_with(env.background_command());
    let log = env.root().join("state/sanctum/daemon.log");
    let status = daemon.status();
    assert_eq!(status.log_file.as_deref(), Some(log.as_path()));
    let pid = nix::unistd::Pid::from_raw(i32::try_from(daemon.pid()).unwrap());
    assert_eq!(
        nix::unistd::getsid(Some(pid)).unwrap(),
        pid,
        "setsid was called"
    );
    assert!(
        wait_until(DEADLINE, || std::fs::read_to_string(&log)
            .is_ok_and(|text| text.contains("daemon started"))),
        "the log file never received the start line"
    );
    assert!(daemon.stderr_text().is_empty(), "{}", daemon.stderr_text());
}

#[test]
fn a_reloaded_log_size_rotates_the_daemon_log_without_a_restart() {
    let env = TestEnv::new();
    let daemon = env.start_with(env.background_command());
    let log = env.root().join("state/sanctum/daemon.log");
    let rotated = env.root().join("state/sanctum/daemon.log.1");
    env.write_config("[daemon]\nlog_level = \"debug\"\nlog_max_bytes = 65536\n");
    let reply = daemon.client().request(&Request::ReloadConfig).unwrap();
    assert!(matches!(reply, Response::Reloaded { .. }), "{reply:?}");

    // Each malformed frame is logged at debug. A fixed 1500 of them write well over 64 KiB
    // but far less than the 5 MiB default, so a rotation proves the reloaded size is used.
    let mut stream = raw_connect(daemon.socket());
    greet(&mut stream);
    for _ in 0..1500 {
        send_raw_json(&mut stream, "not json at all");
        let _ = receive(&mut stream);
    }
    let size = |path: &std::path::Path| std::fs::metadata(path).map_or(0, |meta| meta.len());
    let written = size(&log) + size(&rotated);
    assert!(
        written > 65_536,
        "the traffic wrote only {written} bytes of log"
    );
    assert!(
        written < 5 * 1024 * 1024,
        "the traffic wrote {written} bytes of log"
    );
    assert!(
        rotated.exists(),
        "daemon.log was never rotated at the reloaded size"
    );
    assert!(size(&log) <= 65_536, "live log is {} bytes", size(&log));
}
