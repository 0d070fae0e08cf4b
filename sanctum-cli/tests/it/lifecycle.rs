//! `sanctum daemon start|stop|status` and `sanctum status` against the real daemon.

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use crate::env::{DEADLINE, TestEnv, process_alive, wait_until};

#[test]
fn start_status_stop() {
    let env = TestEnv::new();
    let pid = env.start_daemon();
    assert!(process_alive(pid));

    let human = env.run(&["status"]).expect_code(0);
    for expected in [
        format!("running (pid {pid})"),
        format!("daemon {}", env!("CARGO_PKG_VERSION")),
        env.socket().display().to_string(),
        env.config_file().display().to_string(),
        "uptime".to_owned(),
        "watching".to_owned(),
        "RSS".to_owned(),
    ] {
        assert!(
            human.stdout.contains(&expected),
            "{expected} missing:\n{}",
            human.stdout
        );
    }

    let json = env.run(&["status", "--json"]).expect_code(0).json();
    assert_eq!(json["pid"], pid);
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(json["protocol"], sanctum_types::version::PROTOCOL_VERSION);
    assert_eq!(json["socket"], env.socket().display().to_string());
    assert_eq!(
        json["config"]["path"],
        env.config_file().display().to_string()
    );

    let line = env.run(&["daemon", "status"]).expect_code(0);
    assert!(
        line.stdout.contains(&format!("running (pid {pid}")),
        "{}",
        line.stdout
    );

    let again = env.run(&["daemon", "start"]).expect_code(0);
    assert!(
        again
            .stdout
            .contains(&format!("already running (pid {pid})")),
        "{}",
        again.stdout
    );

    let stop = env.run(&["daemon", "stop"]).expect_code(0);
    assert!(
        stop.stdout.contains(&format!("stopped (pid {pid})")),
        "{}",
        stop.stdout
    );
    assert!(!env.socket().exists(), "the socket is removed");
    assert!(!process_alive(pid), "the process is gone");
    assert_eq!(env.daemon_pid(), None);

    let stop_again = env.run(&["daemon", "stop"]).expect_code(0);
    assert!(
        stop_again.stdout.contains("not running"),
        "{}",
        stop_again.stdout
    );
    env.run(&["daemon", "status"]).expect_code(4);
}

#[test]
fn kill_9_then_start_recovers() {
    let env = TestEnv::new();
    let first = env.start_daemon();
    kill(
        Pid::from_raw(i32::try_from(first).unwrap()),
        Signal::SIGKILL,
    )
    .unwrap();
    assert!(wait_until(DEADLINE, || env.daemon_pid().is_none()));
    assert!(env.socket().exists(), "a stale socket file is left behind");
    let second = env.start_daemon();
    assert_ne!(first, second);
    env.run(&["status"]).expect_code(0);
}

#[test]
fn restart_replaces_the_daemon() {
    let env = TestEnv::new();
    let first = env.start_daemon();
    let run = env.run(&["daemon", "restart"]).expect_code(0);
    assert!(
        run.stdout.contains(&format!("stopped (pid {first})")),
        "{}",
        run.stdout
    );
    let second = env.daemon_pid().unwrap();
    assert_ne!(first, second);
    assert!(
        run.stdout.contains(&format!("started (pid {second})")),
        "{}",
        run.stdout
    );
}

#[test]
fn status_with_the_daemon_down_exits_4_and_still_shows_the_paths() {
    let env = TestEnv::new();
    let run = env.run(&["status"]).expect_code(4);
    assert!(run.stdout.contains("not running"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains(&env.config_file().display().to_string()),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&env.audit_log().display().to_string()),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("run `sanctum daemon start`"),
        "{}",
        run.stderr
    );

    let json = env.run(&["status", "--json"]).expect_code(4).json();
    assert_eq!(json["running"], false);
    assert_eq!(
        json["config"]["path"],
        env.config_file().display().to_string()
    );
    assert_eq!(json["config"]["valid"], true);
    assert_eq!(json["cli"]["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn status_with_the_daemon_down_reports_an_invalid_config() {
    let env = TestEnv::new();
    env.write_config("[daemon]\nmax_connections = 0\n");
    let run = env.run(&["status"]).expect_code(4);
    assert!(run.stdout.contains("invalid"), "{}", run.stdout);
    assert!(
        run.stdout.contains("`daemon.max_connections`"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_daemon_that_dies_while_starting_is_explained_with_its_log() {
    let mut env = TestEnv::new();
    let fake = env.script("dies.sh", "echo 'boom: cannot bind the socket' >&2\nexit 1");
    env.set_env("SANCTUM_DAEMON_BIN", &fake.display().to_string());
    let run = env.run(&["daemon", "start"]).expect_code(4);
    assert!(run.stderr.contains("exited with code 1"), "{}", run.stderr);
    assert!(
        run.stderr.contains("boom: cannot bind the socket"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("daemon.log"), "{}", run.stderr);
}

#[test]
fn a_missing_daemon_binary_is_explained() {
    let mut env = TestEnv::new();
    env.set_env("SANCTUM_DAEMON_BIN", "/nonexistent/sanctum-daemon");
    let run = env.run(&["daemon", "start"]).expect_code(4);
    assert!(run.stderr.contains("SANCTUM_DAEMON_BIN"), "{}", run.stderr);
}
