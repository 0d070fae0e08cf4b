//! `sanctum review` against a real daemon whose sentinel quarantined an inert malicious
//! `.pth`: list, show (escaped), the refusal from inside an AI assistant, approve, delete;
//! and what `status` and `doctor` say about the sentinel meanwhile.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::env::{DEADLINE, TestEnv, run_bounded, wait_until};

/// Critical (spawns a process; inert) with a terminal escape hidden in a comment.
const EVIL: &str = "import os; os.system('touch /tmp/sanctum-marker')  # \u{1b}[2J\n";
const EVIL_TOO: &str = "import socket; socket.create_connection(('127.0.0.1', 9))\n";

fn env_with_venv() -> (TestEnv, PathBuf) {
    let env = TestEnv::new();
    let envs = env.home().join("envs");
    let site = envs.join("app/lib/python3.12/site-packages");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(envs.join("app/pyvenv.cfg"), "version = 3.12.1\n").unwrap();
    env.write_config(&format!(
        "[sentinel]\nvenv_roots = [\"{}\"]\n",
        envs.display()
    ));
    (env, site)
}

fn status(env: &TestEnv) -> Value {
    env.run(&["status", "--json"]).expect_code(0).json()
}

/// Waits for the one quarantine entry of `path`; returns its id.
fn wait_quarantined(env: &TestEnv, path: &Path) -> String {
    let mut id = None;
    let found = wait_until(DEADLINE, || {
        let list = env.run(&["review", "--json"]).expect_code(0).json();
        id = list.as_array().unwrap().iter().find_map(|entry| {
            (entry["original_path"] == path.to_str().unwrap())
                .then(|| entry["id"].as_str().unwrap().to_owned())
        });
        id.is_some() && std::fs::metadata(path).is_ok_and(|meta| meta.len() == 0)
    });
    assert!(
        found,
        "{} was not quarantined: {}",
        path.display(),
        status(env)
    );
    id.unwrap()
}

/// `sanctum args…` run as if from inside Claude Code's shell.
fn as_assistant(env: &TestEnv, args: &[&str]) -> crate::env::Run {
    let mut command = env.sanctum(args);
    command.env("CLAUDECODE", "1");
    run_bounded(command)
}

#[test]
fn quarantined_files_are_reviewed_approved_and_deleted_by_a_human_only() {
    let (env, site) = env_with_venv();
    env.start_daemon();
    assert!(wait_until(DEADLINE, || {
        status(&env)["sentinel"]["sweep"]["initial_done"] == true
    }));
    let evil = site.join("evil.pth");
    std::fs::write(&evil, EVIL).unwrap();
    let id = wait_quarantined(&env, &evil);

    let list = env.run(&["review"]).expect_code(0);
    let row = list
        .stdout
        .lines()
        .find(|line| line.starts_with(&id))
        .unwrap_or_else(|| panic!("{}", list.stdout));
    assert!(
        row.contains("critical") && row.contains("evil.pth"),
        "{row}"
    );

    let shown = env.run(&["review", "show", &id]).expect_code(0);
    assert!(
        shown
            .stdout
            .contains("os.system('touch /tmp/sanctum-marker')"),
        "{}",
        shown.stdout
    );
    assert!(shown.stdout.contains("\\u{1b}[2J"), "{}", shown.stdout);
    assert!(
        !shown.stdout.contains('\u{1b}'),
        "a raw escape reached the terminal"
    );
    assert!(shown.stdout.contains("process_spawn"), "{}", shown.stdout);
    let json = env
        .run(&["review", "show", "--json", &id])
        .expect_code(0)
        .json();
    assert_eq!(json["content"], EVIL);

    status_and_doctor_show_it(&env, &site);
    assistants_are_refused(&env, &id, &evil);

    // From a human's terminal: restored, byte for byte, and no longer listed.
    let approved = env.run(&["review", "--approve", &id]).expect_code(0);
    assert!(approved.stdout.contains("restored"), "{}", approved.stdout);
    assert_eq!(std::fs::read_to_string(&evil).unwrap(), EVIL);
    assert_eq!(
        env.run(&["review", "--json"]).expect_code(0).json(),
        Value::Array(Vec::new())
    );

    let other = site.join("other.pth");
    std::fs::write(&other, EVIL_TOO).unwrap();
    let id = wait_quarantined(&env, &other);
    let deleted = env.run(&["review", "--delete", &id]).expect_code(0);
    assert!(deleted.stdout.contains("deleted"), "{}", deleted.stdout);
    assert_eq!(std::fs::read(&other).unwrap(), b"", "the stub stays");
    let gone = env.run(&["review", "show", &id]).expect_code(1);
    assert!(gone.stderr.contains("sanctum review"), "{}", gone.stderr);
    let empty = env.run(&["review"]).expect_code(0);
    assert_eq!(empty.stdout, "nothing is quarantined\n");
    // Still the approved file in place after all that.
    assert_eq!(std::fs::read_to_string(&evil).unwrap(), EVIL);
}

#[test]
fn review_without_a_daemon_says_how_to_start_it() {
    let env = TestEnv::new();
    let run = env.run(&["review"]).expect_code(4);
    assert!(
        run.stderr.contains("sanctum daemon start"),
        "{}",
        run.stderr
    );
}

/// What `status` and `doctor` say while a file waits for review.
fn status_and_doctor_show_it(env: &TestEnv, site: &Path) {
    let report = status(env);
    let sentinel = &report["sentinel"];
    assert_eq!(sentinel["quarantined"], 1);
    assert!(
        sentinel["environments"]
            .as_array()
            .unwrap()
            .iter()
            .any(|environment| environment["root"] == env.home().join("envs/app").to_str().unwrap()),
        "{sentinel}"
    );
    assert!(
        report["watching"]
            .as_array()
            .unwrap()
            .iter()
            .any(|item| item["kind"] == "site-packages" && item["path"] == site.to_str().unwrap())
    );
    let human = env.run(&["status"]).expect_code(0);
    assert!(
        human
            .stdout
            .contains("\nquarantine      1 file waits for review: sanctum review\n"),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains("1 environment, 1 site-packages directory watched"),
        "{}",
        human.stdout
    );
    let doctor = env.run(&["doctor", "--json"]).json();
    let check = doctor["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|check| check["name"] == "sentinel")
        .unwrap()
        .clone();
    assert_eq!(check["status"], "warn", "{check}");
    assert_eq!(check["fix"], "sanctum review");
}

/// From inside an AI assistant: approve and delete are refused (exit 1), nothing is
/// restored, and both refusals are audited.
fn assistants_are_refused(env: &TestEnv, id: &str, evil: &Path) {
    let refused = as_assistant(env, &["review", "--approve", id]).expect_code(1);
    assert!(
        refused
            .stderr
            .contains("approve from your own terminal, not from inside Claude Code"),
        "{}",
        refused.stderr
    );
    assert_eq!(std::fs::read(evil).unwrap(), b"");
    as_assistant(env, &["review", "--delete", id]).expect_code(1);
    // The audit writer is asynchronous: poll for both refusals.
    let refusals = || {
        env.run(&["audit", "--json", "--category", "sentinel"])
            .expect_code(0)
            .stdout
            .lines()
            .map(|line| serde_json::from_str::<Value>(line).unwrap())
            .filter(|record| record["action"] == "refused")
            .count()
    };
    assert!(
        wait_until(DEADLINE, || refusals() == 2),
        "{} refusals audited",
        refusals()
    );
}
