//! Top-level help, version and completions.

use crate::env::TestEnv;

#[test]
fn version_and_help_document_the_exit_codes() {
    let env = TestEnv::new();
    let version = env.run(&["--version"]).expect_code(0);
    assert_eq!(
        version.stdout,
        format!("sanctum {}\n", env!("CARGO_PKG_VERSION"))
    );
    let help = env.run(&["--help"]).expect_code(0);
    for expected in [
        "Exit status:",
        "  4   sanctum-daemon is not running",
        "  70  internal error",
    ] {
        assert!(
            help.stdout.contains(expected),
            "{expected} missing:\n{}",
            help.stdout
        );
    }
    for command in [
        "init",
        "status",
        "daemon",
        "doctor",
        "config",
        "audit",
        "completions",
    ] {
        env.run(&[command, "--help"]).expect_code(0);
    }
    for command in [
        &["pth", "--help"][..],
        &["pth", "check", "--help"],
        &["pth", "scan", "--help"],
        &["review", "--help"],
        &["review", "show", "--help"],
    ] {
        let help = env.run(command).expect_code(0);
        assert!(
            help.stdout.contains("Exit status") || command[0] == "review",
            "{}",
            help.stdout
        );
    }
    let review = env.run(&["review", "--help"]).expect_code(0);
    assert!(
        review.stdout.contains("--approve <ID>"),
        "{}",
        review.stdout
    );
    assert!(review.stdout.contains("AI assistant"), "{}", review.stdout);
    env.run(&["no-such-command"]).expect_code(2);
}

#[test]
fn bash_completions_mention_the_daemon_commands() {
    let env = TestEnv::new();
    let run = env.run(&["completions", "bash"]).expect_code(0);
    assert!(run.stdout.contains("daemon"), "{}", run.stdout);
    assert!(run.stdout.contains("install-service"));
}
