//! `sanctum scan` end to end: the real binary over real trees, stdin and git repositories.
//! Every secret here is a fake made by the detector's own generators at test time.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::env::{Run, TestEnv};

/// A fake secret of `kind`, valid for the detector (checksums included).
fn fake(kind: &str) -> String {
    sanctum_firewall::secrets::samples(11)
        .into_iter()
        .find(|(id, _, _)| *id == kind)
        .map_or_else(
            || panic!("no generator for {kind}"),
            |(_, sample, _)| sample.secret,
        )
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn findings(run: &Run) -> Vec<Value> {
    run.stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

fn files_of(found: &[Value]) -> Vec<String> {
    let mut files: Vec<String> = found
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_owned())
        .collect();
    files.sort();
    files
}

/// A project dir inside the test home, used as the working directory.
fn project(env: &mut TestEnv) -> std::path::PathBuf {
    let dir = env.home().join("project");
    std::fs::create_dir_all(&dir).unwrap();
    env.set_cwd(&dir);
    dir
}

#[test]
fn a_tree_scan_honours_gitignore_hidden_binary_and_the_size_cap() {
    let mut env = TestEnv::new();
    let dir = project(&mut env);
    let token = fake("github_pat_classic");
    write(
        &dir.join("src/config.py"),
        format!("import os\n\nclient = Client(token=\"{token}\")\n"),
    );
    write(&dir.join(".gitignore"), "ignored/\n");
    write(&dir.join("ignored/leak.txt"), format!("t = {token}\n"));
    write(&dir.join(".hidden/leak.txt"), format!("t = {token}\n"));
    let mut binary = b"\x7fELF\x00\x00\x01".to_vec();
    binary.extend_from_slice(format!("t = {token}\n").as_bytes());
    write(&dir.join("tool.bin"), &binary);
    let big = format!("{}\nt = {token}\n", "x".repeat(8 * 1024));
    write(&dir.join("big.log"), &big);
    env.write_config("[scan]\nmax_file_bytes = 4096\n");

    let run = env.run(&["scan", "--json"]).expect_code(1);
    let found = findings(&run);
    assert_eq!(files_of(&found), ["src/config.py"], "{}", run.stdout);
    let finding = &found[0];
    assert_eq!(finding["kind"], "github_pat_classic");
    assert_eq!(finding["line"], 3);
    assert_eq!(finding["column"], 24);
    assert_eq!(finding["confidence"], "high");
    assert_eq!(finding["fingerprint"].as_str().unwrap().len(), 32);
    assert!(
        !run.stdout.contains(&token),
        "the secret leaked into the output"
    );
    assert!(
        !run.stdout.contains(&token[8..]),
        "part of the secret leaked"
    );

    let human = env.run(&["scan"]).expect_code(1);
    assert!(human.stdout.contains("src/config.py"), "{}", human.stdout);
    assert!(human.stdout.contains("3:24"), "{}", human.stdout);
    assert!(human.stderr.contains("1 binary"), "{}", human.stderr);
    assert!(human.stderr.contains("1 too large"), "{}", human.stderr);
    assert!(!human.stdout.contains(&token) && !human.stderr.contains(&token));

    let everything = env
        .run(&[
            "scan",
            "--json",
            "--hidden",
            "--no-ignore",
            "--binary",
            "--max-file-size",
            "1M",
        ])
        .expect_code(1);
    assert_eq!(
        files_of(&findings(&everything)),
        [
            ".hidden/leak.txt",
            "big.log",
            "ignored/leak.txt",
            "src/config.py",
            "tool.bin"
        ]
    );
}

#[test]
fn clean_trees_exit_0_and_placeholders_are_only_shown_with_all() {
    let mut env = TestEnv::new();
    let dir = project(&mut env);
    write(
        &dir.join(".env.example"),
        "OPENAI_API_KEY=YOUR_OPENAI_API_KEY\nDB_URL=${DATABASE_URL}\n",
    );
    write(
        &dir.join("example.env"),
        "OPENAI_API_KEY=YOUR_OPENAI_API_KEY\n",
    );
    let run = env.run(&["scan"]).expect_code(0);
    assert!(run.stderr.contains("No secrets found"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let all = env.run(&["scan", "--json", "--all"]).expect_code(1);
    let found = findings(&all);
    assert!(!found.is_empty());
    assert!(
        found.iter().all(|f| f["class"] == "placeholder"),
        "{found:?}"
    );
}

#[test]
fn symlink_loops_are_skipped_when_following_links() {
    let mut env = TestEnv::new();
    let dir = project(&mut env);
    write(
        &dir.join("a/creds.txt"),
        format!("token: {}\n", fake("npm_access_token")),
    );
    std::os::unix::fs::symlink("..", dir.join("a/loop")).unwrap();
    let run = env.run(&["scan", "--json", "--follow"]).expect_code(1);
    assert_eq!(files_of(&findings(&run)), ["a/creds.txt"], "{}", run.stdout);
    assert!(run.stderr.contains("symlink loop"), "{}", run.stderr);
}

#[test]
fn stdin_is_scanned_and_bounded() {
    let env = TestEnv::new();
    let key = fake("anthropic_api_key");
    let run = with_stdin(
        env.sanctum(&["scan", "--stdin", "--json"]),
        &format!("key={key}\n"),
    )
    .expect_code(1);
    let found = findings(&run);
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_eq!(found[0]["file"], "-");
    assert_eq!(found[0]["kind"], "anthropic_api_key");
    assert!(!run.stdout.contains(&key));

    let clean = with_stdin(env.sanctum(&["scan", "--stdin"]), "nothing to see\n");
    clean.expect_code(0);

    let huge = "y".repeat(4096);
    let run = with_stdin(
        env.sanctum(&["scan", "--stdin", "--max-file-size", "1K"]),
        &huge,
    )
    .expect_code(2);
    assert!(
        run.stderr.contains("larger than 1024 bytes"),
        "{}",
        run.stderr
    );
}

fn with_stdin(mut command: Command, input: &str) -> Run {
    command.stdin(Stdio::piped());
    let input = input.to_owned();
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
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

#[test]
fn inline_markers_and_config_allowlists_silence_findings() {
    let mut env = TestEnv::new();
    let dir = project(&mut env);
    let token = fake("github_pat_classic");
    write(
        &dir.join("test_api.py"),
        format!("TOKEN = \"{token}\"  # sanctum:allow\n"),
    );
    let run = env.run(&["scan"]).expect_code(0);
    assert!(run.stderr.contains("1 by sanctum:allow"), "{}", run.stderr);

    write(&dir.join("fixtures/token.txt"), format!("{token}\n"));
    write(
        &dir.join("other.txt"),
        format!("gh = {}\n", fake("slack_bot_token")),
    );
    let run = env.run(&["scan", "--json"]).expect_code(1);
    assert_eq!(
        files_of(&findings(&run)),
        ["fixtures/token.txt", "other.txt"]
    );
    let slack_fingerprint = findings(&run)
        .into_iter()
        .find(|f| f["file"] == "other.txt")
        .unwrap()["fingerprint"]
        .as_str()
        .unwrap()
        .to_owned();

    // The project config may add entries to the allowlists.
    write(
        &dir.join(".sanctum/config.toml"),
        format!(
            "[scan]\nallow_paths = [\"fixtures/**\"]\nallow_fingerprints = [\"{slack_fingerprint}\"]\n"
        ),
    );
    let run = env.run(&["scan"]).expect_code(0);
    assert!(
        run.stderr.contains("1 by scan.allow_paths"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 by the config allowlists"),
        "{}",
        run.stderr
    );

    env.write_config("[scan]\nallow_kinds = [\"no_such_kind\"]\n");
    let run = env.run(&["scan"]).expect_code(3);
    assert!(run.stderr.contains("no_such_kind"), "{}", run.stderr);
}

#[test]
fn a_baseline_reports_only_new_findings() {
    let mut env = TestEnv::new();
    let dir = project(&mut env);
    write(
        &dir.join("old.env"),
        format!("STRIPE_KEY={}\n", fake("stripe_live_secret_key")),
    );
    let missing = env
        .run(&["scan", "--baseline", "baseline.json"])
        .expect_code(2);
    assert!(
        missing.stderr.contains("--update-baseline"),
        "{}",
        missing.stderr
    );

    env.run(&["scan", "--baseline", "baseline.json", "--update-baseline"])
        .expect_code(0);
    let stored = std::fs::read_to_string(dir.join("baseline.json")).unwrap();
    assert!(stored.contains("stripe_live_secret_key"), "{stored}");
    assert!(!stored.contains("sk_live_"), "{stored}");
    let run = env
        .run(&["scan", "--baseline", "baseline.json"])
        .expect_code(0);
    assert!(run.stderr.contains("1 in the baseline"), "{}", run.stderr);

    write(
        &dir.join("new.env"),
        format!("SENDGRID={}\n", fake("sendgrid_api_key")),
    );
    let run = env
        .run(&["scan", "--baseline", "baseline.json", "--json"])
        .expect_code(1);
    assert_eq!(files_of(&findings(&run)), ["new.env"]);
}

#[test]
fn sarif_output_is_a_valid_log() {
    let mut env = TestEnv::new();
    let dir = project(&mut env);
    write(
        &dir.join("deploy/my keys.yml"),
        format!("aws_access_key_id: {}\n", fake("aws_access_key_id")),
    );
    let run = env.run(&["scan", "--sarif"]).expect_code(1);
    let log = run.json();
    assert_eq!(log["version"], "2.1.0");
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "aws_access_key_id");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "deploy/my%20keys.yml"
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        1
    );
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"][0]["id"],
        "aws_access_key_id"
    );
}

#[test]
fn missing_paths_are_errors() {
    let env = TestEnv::new();
    let run = env
        .run(&["scan", "/nonexistent/sanctum-test"])
        .expect_code(2);
    assert!(run.stderr.contains("cannot scan"), "{}", run.stderr);
}

#[test]
fn list_kinds_names_at_least_eighty_kinds() {
    let env = TestEnv::new();
    let run = env.run(&["scan", "--list-kinds", "--json"]).expect_code(0);
    let kinds = run.json();
    let kinds = kinds.as_array().unwrap();
    assert!(kinds.len() >= 80, "{}", kinds.len());
    assert!(kinds.iter().any(|k| k["id"] == "github_pat_classic"));
}

/// A git repository in the project dir, with an identity and no global config.
fn git_repo(env: &mut TestEnv) -> std::path::PathBuf {
    let dir = project(env);
    env.set_env("GIT_CONFIG_NOSYSTEM", "1");
    env.set_env("GIT_AUTHOR_NAME", "Sanctum Test");
    env.set_env("GIT_AUTHOR_EMAIL", "test@example.invalid");
    env.set_env("GIT_COMMITTER_NAME", "Sanctum Test");
    env.set_env("GIT_COMMITTER_EMAIL", "test@example.invalid");
    env.bash("git init -q -b main .").expect_code(0);
    dir
}

#[test]
fn staged_scans_only_added_lines_and_the_pre_commit_hook_blocks() {
    let mut env = TestEnv::new();
    let dir = git_repo(&mut env);
    let old = fake("slack_bot_token");
    write(&dir.join("settings.py"), format!("SLACK = \"{old}\"\n"));
    env.bash("git add -A && git commit -q -m old")
        .expect_code(0);

    let new = fake("gitlab_pat");
    write(
        &dir.join("settings.py"),
        format!("SLACK = \"{old}\"\nDEBUG = True\nGITLAB = \"{new}\"\n"),
    );
    env.bash("git add -A").expect_code(0);
    let run = env.run(&["scan", "--staged", "--json"]).expect_code(1);
    let found = findings(&run);
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_eq!(found[0]["kind"], "gitlab_pat");
    assert_eq!(found[0]["file"], "settings.py");
    assert_eq!(found[0]["line"], 3);

    let install = env.run(&["scan", "--install-pre-commit"]).expect_code(0);
    assert!(install.stdout.contains("pre-commit"), "{}", install.stdout);
    let blocked = env.bash("git commit -q -m leak");
    assert_ne!(blocked.code, Some(0), "the commit went through");
    // git sends a hook's stdout to its own stderr.
    let said = format!("{}{}", blocked.stdout, blocked.stderr);
    assert!(
        said.contains("settings.py") && said.contains("GitLab"),
        "{said}"
    );

    write(
        &dir.join("settings.py"),
        format!("SLACK = \"{old}\"\nDEBUG = True\nGITLAB = os.environ[\"GITLAB\"]\n"),
    );
    env.bash("git add -A && git commit -q -m clean")
        .expect_code(0);

    // A hook sanctum did not write is left alone.
    std::fs::write(dir.join(".git/hooks/pre-commit"), "#!/bin/sh\nexit 0\n").unwrap();
    let refused = env.run(&["scan", "--install-pre-commit"]).expect_code(1);
    assert!(refused.stderr.contains("left alone"), "{}", refused.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join(".git/hooks/pre-commit")).unwrap(),
        "#!/bin/sh\nexit 0\n"
    );
}

#[test]
fn history_scans_the_lines_each_commit_added() {
    let mut env = TestEnv::new();
    let dir = git_repo(&mut env);
    write(
        &dir.join("a.env"),
        format!("NPM_TOKEN={}\n", fake("npm_access_token")),
    );
    env.bash("git add -A && git commit -q -m one")
        .expect_code(0);
    write(
        &dir.join("b/c.txt"),
        format!("\n\n{}\n", fake("github_pat_fine_grained")),
    );
    env.bash("git add -A && git commit -q -m two")
        .expect_code(0);
    let head = env.bash("git rev-parse HEAD").expect_code(0).stdout;

    let last = env
        .run(&["scan", "--history", "1", "--json"])
        .expect_code(1);
    let found = findings(&last);
    assert_eq!(files_of(&found), ["b/c.txt"]);
    assert_eq!(found[0]["line"], 3);
    assert_eq!(found[0]["commit"], head.trim());

    let both = env
        .run(&["scan", "--history", "5", "--json"])
        .expect_code(1);
    assert_eq!(files_of(&findings(&both)), ["a.env", "b/c.txt"]);

    let outside = TestEnv::new();
    let run = outside.run(&["scan", "--staged"]).expect_code(2);
    assert!(run.stderr.contains("git"), "{}", run.stderr);
}
