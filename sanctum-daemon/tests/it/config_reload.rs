//! Hot reload: file changes and SIGHUP; an invalid file keeps the old config and is shown.

use nix::sys::signal::Signal;
use sanctum_types::audit::{Action, Category, Level};
use sanctum_types::ipc::{ErrorCode, IpcError, Request, Response};

use crate::harness::{TestEnv, assert_busy, hold_connections};

const INVALID: &str = "[daemon]\nmax_connections = 0\nmax_conections = 3\n";

#[test]
fn good_bad_and_fixed_files_are_reloaded_refused_and_reloaded() {
    let env = TestEnv::new();
    let daemon = env.start();
    assert_eq!(daemon.status().counters.config_reloads, 0);

    env.write_config("[daemon]\nmax_connections = 2\n");
    let status = daemon.wait_for_status("the valid change", |s| s.counters.config_reloads == 1);
    assert!(status.config.file_present);
    assert!(status.config.last_error.is_none());
    let held = hold_connections(daemon.socket(), 2);
    assert_busy(daemon.socket());
    drop(held);

    env.write_config(INVALID);
    let status = daemon.wait_for_status("the refused change", |s| s.config.last_error.is_some());
    let error = status.config.last_error.unwrap();
    assert!(error.contains("daemon.max_connections"), "{error}");
    assert!(error.contains("did you mean `max_connections`"), "{error}");
    assert!(status.config.last_error_at.is_some());
    assert!(status.counters.config_reload_failures >= 1);
    assert_eq!(status.counters.config_reloads, 1, "nothing was applied");
    // The old limit of 2 is still in force.
    let held = hold_connections(daemon.socket(), 2);
    assert_busy(daemon.socket());
    drop(held);

    env.write_config("[daemon]\nmax_connections = 3\n");
    let status = daemon.wait_for_status("the fix", |s| {
        s.config.last_error.is_none() && s.counters.config_reloads == 2
    });
    assert!(status.config.last_error_at.is_none());
    let held = hold_connections(daemon.socket(), 3);
    assert_busy(daemon.socket());
    drop(held);

    std::fs::remove_file(env.config_file()).unwrap();
    let status = daemon.wait_for_status("the deletion", |s| !s.config.file_present);
    assert!(status.config.last_error.is_none(), "no file means defaults");

    let records = env.audit_records();
    assert!(
        records.iter().any(
            |record| record.category == Category::Config && record.summary == "config reloaded"
        )
    );
    let refused = records
        .iter()
        .find(|record| record.category == Category::Config && record.action == Action::Refused)
        .expect("a refused reload is audited");
    assert_eq!(refused.level, Level::Warning);
    let problems = refused.details["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
}

#[test]
fn an_invalid_config_at_start_still_serves_with_defaults_and_reports_it() {
    let env = TestEnv::with_config(INVALID);
    let daemon = env.start();
    let status = daemon.status();
    let error = status.config.last_error.expect("the problem is shown");
    assert!(error.contains("daemon.max_connections"), "{error}");
    assert!(!status.config.file_present, "defaults are in force");
    assert!(
        daemon
            .stderr_text()
            .contains("running with the built-in defaults"),
        "{}",
        daemon.stderr_text()
    );
    let records = env.audit_records();
    assert!(
        records
            .iter()
            .any(|record| record.category == Category::Config
                && record.level == Level::Warning
                && record.action == Action::Refused)
    );

    env.write_config("[daemon]\nmax_connections = 5\n");
    daemon.wait_for_status("the fix", |s| {
        s.config.last_error.is_none() && s.config.file_present
    });
}

#[test]
fn sighup_reloads_the_config() {
    let env = TestEnv::with_config(INVALID);
    let daemon = env.start();
    assert_eq!(daemon.status().counters.config_reload_failures, 0);
    for expected in 1..=2 {
        daemon.signal(Signal::SIGHUP);
        daemon.wait_for_status("the SIGHUP reload", |s| {
            s.counters.config_reload_failures == expected
        });
    }
}

#[test]
fn a_reload_request_answers_with_the_path_or_the_problems() {
    let env = TestEnv::new();
    let daemon = env.start();
    let mut client = daemon.client();
    let reply = client.request(&Request::ReloadConfig).unwrap();
    assert!(
        matches!(&reply, Response::Reloaded { config_path } if *config_path == env.config_file()),
        "{reply:?}"
    );

    env.write_config(INVALID);
    let error = client.request(&Request::ReloadConfig).unwrap_err();
    let IpcError::Refused { code, message } = error else {
        panic!("expected a refusal, got {error:?}");
    };
    assert_eq!(code, ErrorCode::ConfigInvalid);
    assert!(message.contains("daemon.max_connections"), "{message}");
    assert!(daemon.status().config.last_error.is_some());
}
