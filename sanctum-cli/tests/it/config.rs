//! `sanctum config`: validation reports every problem, origins are shown, projects may only
//! tighten, and the recommended text is printed verbatim.

use sanctum_types::config::RECOMMENDED;

use crate::env::TestEnv;

/// A git project under HOME with `.sanctum/config.toml` = `text`; commands run inside it.
fn project(env: &mut TestEnv, text: &str) -> std::path::PathBuf {
    let root = env.home().join("project");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(root.join(".sanctum")).unwrap();
    std::fs::create_dir_all(root.join("src")).unwrap();
    let file = root.join(".sanctum/config.toml");
    std::fs::write(&file, text).unwrap();
    env.set_cwd(&root.join("src"));
    file
}

#[test]
fn validate_lists_every_problem_with_its_line_and_key() {
    let env = TestEnv::new();
    let file = env.root().join("broken.toml");
    std::fs::write(
        &file,
        "[daemon]\nmax_conections = 5\nlog_level = \"loud\"\n\n[audit]\nkeep_files = 0\n",
    )
    .unwrap();
    let run = env
        .run(&["config", "validate", &file.display().to_string()])
        .expect_code(3);
    let shown = file.display();
    for expected in [
        format!("{shown}:2: `daemon.max_conections`: unknown key"),
        format!("{shown}:3: `daemon.log_level`: `loud` is not one of"),
        format!("{shown}:6: `audit.keep_files`: 0 is out of range"),
    ] {
        assert!(
            run.stdout.contains(&expected),
            "{expected} missing:\n{}",
            run.stdout
        );
    }
    assert!(run.stdout.contains("3 problems"), "{}", run.stdout);

    let json = env
        .run(&["config", "validate", "--json", &file.display().to_string()])
        .expect_code(3)
        .json();
    assert_eq!(json["ok"], false);
    assert_eq!(json["files"][0]["problems"].as_array().unwrap().len(), 3);
}

#[test]
fn validate_says_ok_for_a_good_file_and_checks_the_user_config_by_default() {
    let env = TestEnv::new();
    env.run(&["init"]).expect_code(0);
    let run = env.run(&["config", "validate"]).expect_code(0);
    assert!(run.stdout.contains("ok"), "{}", run.stdout);
    env.write_config("[audit]\nmin_level = \"loud\"\n");
    let run = env.run(&["config", "validate"]).expect_code(3);
    assert!(
        run.stdout.contains(":2: `audit.min_level`"),
        "{}",
        run.stdout
    );
}

#[test]
fn show_origin_marks_user_values_with_their_file_and_the_rest_as_default() {
    let env = TestEnv::new();
    env.write_config("[audit]\nkeep_files = 9\n");
    let run = env.run(&["config", "show", "--show-origin"]).expect_code(0);
    let line = |key: &str| {
        run.stdout
            .lines()
            .find(|line| line.starts_with(&format!("{key} = ")))
            .unwrap_or_else(|| panic!("{key} missing:\n{}", run.stdout))
            .to_owned()
    };
    let keep = line("keep_files");
    assert!(keep.starts_with("keep_files = 9"), "{keep}");
    assert!(
        keep.ends_with(&format!("# {}:2", env.config_file().display())),
        "{keep}"
    );
    assert!(line("max_connections").ends_with("# default"));
    // Bare `sanctum config` is `show`, and accepts the same flag.
    let bare = env.run(&["config", "--show-origin"]).expect_code(0);
    assert_eq!(bare.stdout, run.stdout);
}

#[test]
fn a_project_config_may_tighten_but_never_loosen() {
    let mut env = TestEnv::new();
    env.write_config("[audit]\nmin_level = \"warning\"\n");

    let looser = project(&mut env, "[audit]\nmin_level = \"critical\"\n");
    let json = env.run(&["config", "show", "--json"]).expect_code(0).json();
    assert_eq!(json["config"]["audit"]["min_level"], "warning");
    assert_eq!(json["origins"]["audit.min_level"]["kind"], "user");

    std::fs::write(&looser, "[audit]\nmin_level = \"info\"\n").unwrap();
    let json = env.run(&["config", "show", "--json"]).expect_code(0).json();
    assert_eq!(json["config"]["audit"]["min_level"], "info");
    assert_eq!(json["origins"]["audit.min_level"]["kind"], "project");
    let shown = env.run(&["config", "show", "--show-origin"]).expect_code(0);
    let line = shown
        .stdout
        .lines()
        .find(|line| line.starts_with("min_level"))
        .unwrap();
    assert!(
        line.contains(&format!("# project {}", looser.display())),
        "{line}"
    );

    let path = env.run(&["config", "path"]).expect_code(0);
    assert_eq!(
        path.stdout,
        format!(
            "{}\nproject: {}\n",
            env.config_file().display(),
            looser.display()
        )
    );
}

#[test]
fn a_project_config_setting_a_user_only_key_is_reported() {
    let mut env = TestEnv::new();
    let file = project(&mut env, "[daemon]\nmax_connections = 5\n");
    let run = env.run(&["config", "show"]).expect_code(3);
    assert!(
        run.stderr.contains("`daemon.max_connections`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("only be set in the user config"),
        "{}",
        run.stderr
    );
    let run = env.run(&["config", "validate"]).expect_code(3);
    assert!(
        run.stdout
            .contains(&format!("{}:2: `daemon.max_connections`", file.display())),
        "{}",
        run.stdout
    );
}

#[test]
fn recommended_is_printed_verbatim() {
    let env = TestEnv::new();
    let run = env.run(&["config", "--recommended"]).expect_code(0);
    assert_eq!(run.stdout, RECOMMENDED);
}

#[test]
fn path_prints_the_user_config_path() {
    let env = TestEnv::new();
    let run = env.run(&["config", "path"]).expect_code(0);
    assert_eq!(run.stdout, format!("{}\n", env.config_file().display()));
}

#[test]
fn edit_creates_the_file_runs_the_editor_and_validates() {
    let mut env = TestEnv::new();
    // An "editor" that replaces the file with one holding an unknown key.
    let editor = env.script("editor.sh", "printf '[daemon]\\nbogus = 1\\n' > \"$1\"");
    env.set_env("EDITOR", &editor.display().to_string());
    let run = env.run(&["config", "edit"]).expect_code(3);
    assert!(run.stdout.contains("created"), "{}", run.stdout);
    assert!(run.stderr.contains("`daemon.bogus`"), "{}", run.stderr);
    assert!(env.config_file().is_file());
}
