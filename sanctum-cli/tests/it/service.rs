//! `sanctum daemon install-service --no-enable` / `uninstall-service` (Linux: systemd unit).

#![cfg(target_os = "linux")]

use crate::env::{TestEnv, daemon_bin};

#[test]
fn install_writes_the_unit_and_uninstall_removes_it_idempotently() {
    let env = TestEnv::new();
    let unit = env
        .config_home()
        .join("systemd/user/sanctum-daemon.service");
    let run = env
        .run(&["daemon", "install-service", "--no-enable"])
        .expect_code(0);
    assert!(
        run.stdout.contains(&unit.display().to_string()),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("not enabled"), "{}", run.stdout);
    let text = std::fs::read_to_string(&unit).unwrap();
    let daemon = std::path::absolute(daemon_bin()).unwrap();
    for expected in [
        format!("\nExecStart=\"{}\" --foreground\n", daemon.display()),
        "\nRestart=on-failure\n".to_owned(),
        "\nRestartPreventExitStatus=4\n".to_owned(),
        "\nWantedBy=default.target\n".to_owned(),
        format!(
            "\nEnvironment=\"SANCTUM_SOCKET={}\"\n",
            env.socket().display()
        ),
    ] {
        assert!(text.contains(&expected), "{expected:?} missing:\n{text}");
    }
    let doctor = env.run(&["doctor", "--json"]).json();
    let service = doctor["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|check| check["name"] == "service")
        .unwrap()
        .clone();
    assert_eq!(service["status"], "pass");

    let run = env.run(&["daemon", "uninstall-service"]).expect_code(0);
    assert!(run.stdout.contains("removed"), "{}", run.stdout);
    assert!(!unit.exists());
    let again = env.run(&["daemon", "uninstall-service"]).expect_code(0);
    assert!(
        again.stdout.contains("no service is installed"),
        "{}",
        again.stdout
    );
}

#[test]
fn without_a_user_service_manager_install_says_it_is_not_enabled() {
    let env = TestEnv::new();
    let run = env.run(&["daemon", "install-service"]).expect_code(0);
    // The env has no user bus, so enabling cannot work; the unit must still be there.
    assert!(run.stderr.contains("NOT enabled"), "{}", run.stderr);
    assert!(
        run.stderr.contains("sanctum daemon start"),
        "{}",
        run.stderr
    );
    assert!(
        env.config_home()
            .join("systemd/user/sanctum-daemon.service")
            .is_file()
    );
}
