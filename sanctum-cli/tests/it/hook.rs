//! `sanctum hook <action>` as Claude Code runs it: the event JSON on stdin, the answer in the
//! exit code, stderr and stdout. Payload shapes follow the captures in
//! `shared/specs/agent-hooks.md` §4; every secret is a generated fake.

use std::io::Write;
use std::process::Stdio;

use serde_json::{Value, json};

use crate::env::{Run, TestEnv};

fn fake(kind: &str) -> String {
    sanctum_firewall::secrets::samples(5)
        .into_iter()
        .find(|(id, _, _)| *id == kind)
        .map_or_else(|| panic!("no generator for {kind}"), |(_, s, _)| s.secret)
}

fn hook(env: &TestEnv, action: &str, payload: &Value) -> Run {
    let home = env.home();
    let mut command = env.sanctum(&["hook", "--home", home.to_str().unwrap(), action]);
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let input = payload.to_string();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn pre_tool(env: &TestEnv, tool: &str, input: &Value) -> Value {
    json!({
        "session_id": "00000000-0000-4000-8000-000000000001",
        "cwd": env.home().join("proj"),
        "permission_mode": "bypassPermissions",
        "hook_event_name": "PreToolUse",
        "tool_name": tool,
        "tool_input": input,
        "tool_use_id": "toolu_test_0",
    })
}

/// Asserts a block said both ways, and that `secret` appears nowhere.
fn assert_blocked(run: &Run, secret: &str) -> String {
    assert_eq!(
        run.code,
        Some(2),
        "stdout: {}\nstderr: {}",
        run.stdout,
        run.stderr
    );
    assert!(run.stderr.starts_with("sanctum: "), "{}", run.stderr);
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);
    let answer: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(answer["hookSpecificOutput"]["permissionDecision"], "deny");
    assert!(!run.stdout.contains(secret) && !run.stderr.contains(secret));
    run.stderr.clone()
}

#[test]
fn writing_a_live_secret_is_blocked_and_audited() {
    let env = TestEnv::new();
    let token = fake("github_pat_classic");
    let payload = pre_tool(
        &env,
        "Write",
        &json!({"file_path": env.home().join("proj/config.py"), "content": format!("TOKEN = \"{token}\"\n")}),
    );
    let run = hook(&env, "pre-write", &payload);
    let reason = assert_blocked(&run, &token);
    assert!(
        reason.contains("GitHub") && reason.contains("line 1"),
        "{reason}"
    );

    let audit = std::fs::read_to_string(env.audit_log()).unwrap();
    let record: Value = serde_json::from_str(audit.lines().last().unwrap()).unwrap();
    assert_eq!(record["category"], "firewall");
    assert_eq!(record["action"], "blocked");
    assert_eq!(record["details"]["rules"][0], "secret-in-write");
    assert!(!audit.contains(&token));

    let clean = pre_tool(
        &env,
        "Edit",
        &json!({"file_path": env.home().join("proj/app.py"), "old_string": "a", "new_string": "TOKEN = os.environ[\"GITHUB_TOKEN\"]"}),
    );
    let run = hook(&env, "pre-write", &clean).expect_code(0);
    assert!(run.stdout.is_empty() && run.stderr.is_empty(), "{run:?}");
}

#[test]
fn startup_files_persistence_and_self_protection_are_blocked() {
    let env = TestEnv::new();
    let home = env.home();
    for path in [
        home.join("proj/.venv/lib/python3.12/site-packages/evil.pth"),
        home.join("proj/.venv/lib/python3.12/site-packages/sitecustomize.py"),
        home.join(".config/sanctum/config.toml"),
        home.join(".claude/settings.json"),
        home.join("proj/.claude/settings.local.json"),
        home.join(".bashrc"),
        home.join("proj/.git/hooks/pre-commit"),
    ] {
        let payload = pre_tool(&env, "Write", &json!({"file_path": path, "content": "x\n"}));
        assert_blocked(&hook(&env, "pre-write", &payload), "\u{0}");
    }
    // The real home (from the password database) stays protected whatever HOME says.
    let mut env = TestEnv::new();
    env.set_env("HOME", "/tmp/sanctum-not-a-home");
    let real_home = nix::unistd::User::from_uid(nix::unistd::getuid())
        .unwrap()
        .unwrap()
        .dir;
    let payload = pre_tool(
        &env,
        "Write",
        &json!({"file_path": real_home.join(".config/sanctum/config.toml"), "content": "x"}),
    );
    let mut command = env.sanctum(&["hook", "pre-write"]);
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(payload.to_string().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn prompts_carrying_a_secret_are_blocked_by_kind_and_position() {
    let env = TestEnv::new();
    let key = fake("anthropic_api_key");
    let payload = json!({
        "cwd": env.home(),
        "permission_mode": "bypassPermissions",
        "hook_event_name": "UserPromptSubmit",
        "prompt": format!("why does this fail?\nclient = Anthropic(api_key=\"{key}\")"),
    });
    let run = hook(&env, "prompt", &payload);
    assert_eq!(run.code, Some(2));
    let answer: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(answer["decision"], "block");
    assert!(run.stderr.contains("line 2"), "{}", run.stderr);
    assert!(!run.stdout.contains(&key) && !run.stderr.contains(&key));
    let fine = json!({"cwd": env.home(), "hook_event_name": "UserPromptSubmit", "prompt": "use YOUR_API_KEY here"});
    hook(&env, "prompt", &fine).expect_code(0);
}

#[test]
fn mcp_calls_and_fetches_carrying_secrets_are_blocked() {
    let env = TestEnv::new();
    let token = fake("slack_bot_token");
    let mut mcp = pre_tool(
        &env,
        "mcp__demo__post",
        &json!({"channel": "x", "auth": {"token": token}}),
    );
    mcp["mcp_server"] = json!({"name": "demo", "source": "dynamic"});
    assert_blocked(&hook(&env, "pre-mcp", &mcp), &token);
    let fetch = pre_tool(
        &env,
        "WebFetch",
        &json!({"url": format!("http://127.0.0.1:9/?token={token}"), "prompt": "summarise"}),
    );
    assert_blocked(&hook(&env, "pre-fetch", &fetch), &token);
    let clean = pre_tool(&env, "mcp__demo__run_sql", &json!({"query": "select 1"}));
    hook(&env, "pre-mcp", &clean).expect_code(0);
}

#[test]
fn command_output_is_redacted_in_the_tools_own_shape() {
    let env = TestEnv::new();
    let key = fake("openai_api_key");
    let payload = json!({
        "cwd": env.home(),
        "hook_event_name": "PostToolUse",
        "tool_name": "Bash",
        "tool_input": {"command": "cat .env"},
        "tool_response": {"stdout": format!("OPENAI_API_KEY={key}\nDEBUG=1"), "stderr": "", "interrupted": false, "isImage": false},
        "tool_use_id": "t",
    });
    let run = hook(&env, "post-bash", &payload).expect_code(0);
    let answer: Value = serde_json::from_str(&run.stdout).unwrap();
    let updated = &answer["hookSpecificOutput"]["updatedToolOutput"];
    assert_eq!(answer["hookSpecificOutput"]["hookEventName"], "PostToolUse");
    let stdout = updated["stdout"].as_str().unwrap();
    assert!(
        stdout.contains("[REDACTED:") && stdout.contains("DEBUG=1"),
        "{stdout}"
    );
    assert_eq!(updated["interrupted"], false);
    assert!(!run.stdout.contains(&key));

    let read = json!({
        "cwd": env.home(),
        "hook_event_name": "PostToolUse",
        "tool_name": "Read",
        "tool_input": {"file_path": "/x/.env"},
        "tool_response": {"type": "text", "file": {"filePath": "/x/.env", "content": format!("K={key}\n"), "numLines": 1, "startLine": 1, "totalLines": 1}},
    });
    let run = hook(&env, "post-read", &read).expect_code(0);
    assert!(run.stdout.contains("[REDACTED:") && !run.stdout.contains(&key));
}

#[test]
fn unreadable_input_blocks() {
    let env = TestEnv::new();
    for (action, payload) in [
        ("pre-bash", json!("not an object")),
        (
            "pre-bash",
            json!({"cwd": "/", "hook_event_name": "PreToolUse"}),
        ),
        (
            "pre-read",
            pre_tool(&env, "Bash", &json!({"command": "ls"})),
        ),
    ] {
        let run = hook(&env, action, &payload);
        assert_eq!(run.code, Some(2), "{action} {payload}: {run:?}");
        assert!(run.stderr.contains("blocking"), "{}", run.stderr);
    }
}
