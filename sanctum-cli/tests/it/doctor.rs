//! `sanctum doctor`: the named checks, with sensible verdicts in a fresh env and after
//! changes.

use std::os::unix::fs::PermissionsExt;

use serde_json::Value;

use crate::env::TestEnv;

const NAMES: [&str; 12] = [
    "cli-on-path",
    "daemon-binary",
    "daemon",
    "daemon-config",
    "sentinel",
    "config",
    "state-dir",
    "runtime-dir",
    "socket",
    "service",
    "shell-hook",
    "claude-project",
];

fn doctor(env: &TestEnv, code: i32) -> Value {
    env.run(&["doctor", "--json"]).expect_code(code).json()
}

fn check<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|check| check["name"] == name)
        .unwrap_or_else(|| panic!("no check {name} in {report}"))
}

#[test]
fn a_fresh_env_fails_only_because_the_daemon_is_down() {
    let env = TestEnv::new();
    let report = doctor(&env, 1);
    assert_eq!(report["ok"], false);
    let names: Vec<&str> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|check| check["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, NAMES);
    let daemon = check(&report, "daemon");
    assert_eq!(daemon["status"], "fail");
    assert_eq!(daemon["fix"], "sanctum daemon start");
    for name in [
        "daemon-binary",
        "config",
        "state-dir",
        "runtime-dir",
        "socket",
    ] {
        assert_eq!(check(&report, name)["status"], "pass", "{name}: {report}");
    }
    for name in ["service", "shell-hook", "daemon-config", "sentinel"] {
        assert_eq!(check(&report, name)["status"], "warn", "{name}: {report}");
        assert!(check(&report, name)["fix"].is_string());
    }
    let hook_fix = check(&report, "shell-hook")["fix"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(hook_fix.contains("sanctum init --shell"), "{hook_fix}");

    let human = env.run(&["doctor"]).expect_code(1);
    assert!(
        human
            .stdout
            .lines()
            .any(|line| line.starts_with("fail  daemon ")),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("fix: sanctum daemon start"),
        "{}",
        human.stdout
    );
}

#[test]
fn with_the_daemon_up_and_the_hook_installed_everything_important_passes() {
    let env = TestEnv::new();
    env.start_daemon();
    std::fs::write(
        env.home().join(".bashrc"),
        "export X=1\neval \"$(sanctum init --shell bash)\"\n",
    )
    .unwrap();
    let report = doctor(&env, 0);
    assert_eq!(report["ok"], true);
    assert_ne!(check(&report, "sentinel")["status"], "fail", "{report}");
    for name in [
        "daemon",
        "daemon-config",
        "socket",
        "state-dir",
        "runtime-dir",
        "shell-hook",
    ] {
        assert_eq!(check(&report, name)["status"], "pass", "{name}: {report}");
    }
}

#[test]
fn an_open_state_dir_fails_until_it_is_fixed() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.state_dir()).unwrap();
    let dir = env.state_dir();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let report = doctor(&env, 1);
    let state = check(&report, "state-dir");
    assert_eq!(state["status"], "fail");
    assert_eq!(state["fix"], format!("chmod 700 {}", dir.display()));

    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    let report = doctor(&env, 1);
    assert_eq!(check(&report, "state-dir")["status"], "pass");
}

#[test]
fn an_invalid_config_fails_with_every_problem() {
    let env = TestEnv::new();
    env.write_config("[daemon]\nmax_connections = 0\nlog_level = \"loud\"\n");
    let report = doctor(&env, 1);
    let config = check(&report, "config");
    assert_eq!(config["status"], "fail");
    let message = config["message"].as_str().unwrap();
    assert!(message.contains("`daemon.max_connections`"), "{message}");
    assert!(message.contains("`daemon.log_level`"), "{message}");
}
