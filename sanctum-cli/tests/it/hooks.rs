//! `sanctum hooks install|remove|status claude` against a temp HOME, and the doctor check on
//! project Claude Code settings.

use std::os::unix::fs::PermissionsExt;

use serde_json::{Value, json};

use crate::env::{TestEnv, sanctum_bin};

fn settings_path(env: &TestEnv) -> std::path::PathBuf {
    env.home().join(".claude/settings.json")
}

fn read_json(path: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every `sanctum hook` command in `settings`, as (event, command).
fn sanctum_commands(settings: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (event, groups) in settings["hooks"].as_object().unwrap() {
        for group in groups.as_array().unwrap() {
            for hook in group["hooks"].as_array().unwrap() {
                let command = hook["command"].as_str().unwrap();
                if command.contains(" hook ") {
                    assert_eq!(hook["onFailure"], "block", "{hook}");
                    assert_eq!(hook["timeout"], 10, "{hook}");
                    found.push((event.clone(), command.to_owned()));
                }
            }
        }
    }
    found
}

#[test]
fn install_merges_keeps_other_hooks_and_is_idempotent() {
    let env = TestEnv::new();
    let path = settings_path(&env);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let original = json!({
        "model": "opus",
        "hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "/usr/bin/my-linter"}]}]}
    });
    std::fs::write(&path, serde_json::to_string_pretty(&original).unwrap()).unwrap();

    let run = env.run(&["hooks", "install", "claude"]).expect_code(0);
    assert!(run.stdout.contains("installed 8 hooks"), "{}", run.stdout);
    let settings = read_json(&path);
    let binary = std::fs::canonicalize(sanctum_bin()).unwrap();
    let commands = sanctum_commands(&settings);
    assert_eq!(commands.len(), 8);
    for (_, command) in &commands {
        assert!(
            command.starts_with(&format!("{} hook ", binary.display())),
            "{command}"
        );
    }
    for action in [
        "pre-bash",
        "pre-read",
        "pre-write",
        "pre-mcp",
        "pre-fetch",
        "post-bash",
        "post-read",
        "prompt",
    ] {
        assert!(
            commands
                .iter()
                .any(|(_, c)| c.ends_with(&format!(" hook {action}"))),
            "{action}"
        );
    }
    assert_eq!(settings["model"], "opus");
    assert_eq!(
        settings["hooks"]["PreToolUse"][0]["hooks"][0]["command"],
        "/usr/bin/my-linter"
    );
    let backup = read_json(&path.with_file_name("settings.json.sanctum-backup"));
    assert_eq!(backup, original);

    let again = env.run(&["hooks", "install", "claude"]).expect_code(0);
    assert!(
        again.stdout.contains("already installed"),
        "{}",
        again.stdout
    );
    assert_eq!(read_json(&path), settings);

    let status = env.run(&["hooks", "status", "--json"]).expect_code(0);
    assert_eq!(status.json()["ok"], true);

    let removed = env.run(&["hooks", "remove", "claude"]).expect_code(0);
    assert!(removed.stdout.contains("removed 8"), "{}", removed.stdout);
    assert_eq!(read_json(&path), original);
    env.run(&["hooks", "status"]).expect_code(1);
}

#[test]
fn install_creates_the_file_and_refuses_broken_json() {
    let env = TestEnv::new();
    let path = settings_path(&env);
    env.run(&["hooks", "install", "claude"]).expect_code(0);
    assert_eq!(sanctum_commands(&read_json(&path)).len(), 8);

    std::fs::write(&path, "{ not json").unwrap();
    let run = env.run(&["hooks", "install", "claude"]).expect_code(1);
    assert!(run.stderr.contains("not valid JSON"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not json");
}

#[test]
fn managed_install_pins_hooks_on_and_is_world_readable() {
    let env = TestEnv::new();
    let dir = env.root().join("managed");
    let dir_text = dir.to_str().unwrap();
    env.run(&[
        "hooks",
        "install",
        "claude",
        "--managed",
        "--managed-dir",
        dir_text,
    ])
    .expect_code(0);
    let file = dir.join("sanctum.json");
    let settings = read_json(&file);
    assert_eq!(settings["disableAllHooks"], false);
    assert_eq!(sanctum_commands(&settings).len(), 8);
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
    let status = env
        .run(&["hooks", "status", "--json", "--managed-dir", dir_text])
        .expect_code(0);
    assert_eq!(status.json()["files"][0]["scope"], "managed");
    env.run(&[
        "hooks",
        "remove",
        "claude",
        "--managed",
        "--managed-dir",
        dir_text,
    ])
    .expect_code(0);
    assert!(!file.exists());
}

#[test]
fn doctor_warns_about_project_settings_that_disable_hooks() {
    let mut env = TestEnv::new();
    let project = env.home().join("repo");
    std::fs::create_dir_all(project.join(".claude")).unwrap();
    std::fs::create_dir_all(project.join("src")).unwrap();
    env.set_cwd(&project.join("src"));
    let doctor = env.run(&["doctor", "--json"]);
    let check = |doctor: &crate::env::Run| {
        doctor.json()["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "claude-project")
            .cloned()
            .unwrap()
    };
    assert_eq!(check(&doctor)["status"], "pass");
    std::fs::write(
        project.join(".claude/settings.local.json"),
        r#"{"disableAllHooks": true, "env": {"PATH": "./bin:/usr/bin"}}"#,
    )
    .unwrap();
    let doctor = env.run(&["doctor", "--json"]);
    let found = check(&doctor);
    assert_eq!(found["status"], "warn");
    let message = found["message"].as_str().unwrap();
    assert!(
        message.contains("disableAllHooks") && message.contains("env.PATH"),
        "{message}"
    );
    assert!(found["fix"].as_str().unwrap().contains("--managed"));
}
