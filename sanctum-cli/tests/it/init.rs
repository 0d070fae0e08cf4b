//! `sanctum init`: the config file is created privately, exactly as recommended, once.

use std::os::unix::fs::PermissionsExt;

use sanctum_types::config::RECOMMENDED;

use crate::env::TestEnv;

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn init_creates_the_recommended_config_privately_and_then_keeps_user_edits() {
    let env = TestEnv::new();
    let run = env.run(&["init"]).expect_code(0);
    assert!(run.stdout.contains("created"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains(&env.config_file().display().to_string()),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(r#"eval "$(sanctum init --shell bash)""#),
        "the hook line is explained: {}",
        run.stdout
    );
    let file = env.config_file();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), RECOMMENDED);
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(file.parent().unwrap()), 0o700);

    let edited = format!("{RECOMMENDED}\n# my own note\n");
    std::fs::write(&file, &edited).unwrap();
    let again = env.run(&["init"]).expect_code(0);
    assert!(again.stdout.contains("kept"), "{}", again.stdout);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), edited);
}

#[test]
fn init_names_the_rc_file_of_the_login_shell() {
    let mut env = TestEnv::new();
    env.set_env("SHELL", "/usr/bin/zsh");
    let run = env.run(&["init"]).expect_code(0);
    assert!(
        run.stdout.contains(r#"eval "$(sanctum init --shell zsh)""#),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(&env.home().join(".zshrc").display().to_string()),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("--shell bash"), "{}", run.stdout);
}
