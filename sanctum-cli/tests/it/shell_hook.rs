//! The snippet of `sanctum init --shell`, evaluated by a real bash: fast, quiet, and one
//! daemon however many shells race.

use std::time::{Duration, Instant};

use crate::env::{DEADLINE, TestEnv, sanctum_bin, wait_until};

fn snippet(env: &TestEnv) -> String {
    let run = env.run(&["init", "--shell", "bash"]).expect_code(0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(
        run.stdout
            .contains(&format!("'{}' daemon start", sanctum_bin().display())),
        "the snippet runs the absolute path of this sanctum: {}",
        run.stdout
    );
    run.stdout
}

#[test]
fn the_bash_snippet_returns_at_once_quietly_and_a_daemon_answers_soon_after() {
    let env = TestEnv::new();
    let snippet = snippet(&env);
    let started = Instant::now();
    let run = env.bash(&snippet).expect_code(0);
    let took = started.elapsed();
    assert!(run.stdout.is_empty() && run.stderr.is_empty(), "{run:?}");
    assert!(took < Duration::from_secs(2), "the prompt waited {took:?}");
    assert!(
        wait_until(DEADLINE, || env.daemon_answers()),
        "no daemon answered after the hook ran"
    );
    // Evaluating it again in another shell is a no-op.
    let pid = env.daemon_pid();
    env.bash(&snippet).expect_code(0);
    assert_eq!(env.daemon_pid(), pid);
}

#[test]
fn three_shells_evaluating_the_hook_at_once_leave_exactly_one_daemon() {
    let env = TestEnv::new();
    let snippet = snippet(&env);
    let shells: Vec<_> = (0..3)
        .map(|_| {
            let mut command = env.command_for(std::path::Path::new("bash"));
            command.arg("-c").arg(&snippet);
            command.spawn().unwrap()
        })
        .collect();
    for mut shell in shells {
        assert!(shell.wait().unwrap().success());
    }
    assert!(wait_until(DEADLINE, || env.daemon_answers()));
    // Losers of the race exit by themselves (status 4); wait for them to be gone.
    assert!(
        wait_until(DEADLINE, || env.daemon_processes().len() == 1),
        "daemons left: {:?}",
        env.daemon_processes()
    );
    assert_eq!(env.daemon_processes(), vec![env.daemon_pid().unwrap()]);
}
