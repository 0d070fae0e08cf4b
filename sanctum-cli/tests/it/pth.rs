//! `sanctum pth check` and `sanctum pth scan`: verdicts, exit codes and output shapes, on the
//! sentinel's corpus of real installer files and on inert malicious samples (never run).

use std::path::{Path, PathBuf};

use sanctum_sentinel::report::sha256_hex;

use crate::env::TestEnv;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../sanctum-sentinel/tests/fixtures/pth")
}

/// Critical: spawns a process (inert: it would create a marker file); line 2 hides a
/// terminal escape in a path entry.
const EVIL: &str = "import os; os.system('touch /tmp/sanctum-marker')\n/opt/x\u{1b}[2J\n";

fn venv(root: &Path) -> PathBuf {
    let site = root.join("lib/python3.12/site-packages");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(root.join("pyvenv.cfg"), "version = 3.12.1\n").unwrap();
    site
}

/// Corpus files that are benign where they lie. The others load a shim module that sits
/// beside them in a real site directory but not in the fixtures folder: judged in place,
/// they are suspicious for that alone (`missing_sibling`), and coverage's hook is
/// suspicious anyway.
const BENIGN_IN_PLACE: &[&str] = &[
    "__editable__.st_src-0.1.pth",
    "_editable_impl_hatch_dirs.pth",
    "_editable_impl_pdm_pkg.pth",
    "distutils-precedence.pth",
    "easy-install.pth",
    "flitpkg.pth",
    "nsfix.inner.leaf-0.1-py3.12-nspkg.pth",
    "poetry_pkg.pth",
    "protobuf-3.20.3-nspkg.pth",
    "ruamel.yaml-0.17.21-py3.9-nspkg.pth",
    "_editable_skbc_skb_pkg.start",
];

#[test]
fn check_judges_the_corpus_with_the_right_exit_codes() {
    let env = TestEnv::new();
    let mut checked = 0;
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !path
            .extension()
            .is_some_and(|ext| ext == "pth" || ext == "start")
        {
            continue;
        }
        let benign = BENIGN_IN_PLACE.contains(&name.as_str());
        let (expected, code) = if benign {
            ("benign", 0)
        } else {
            ("suspicious", 1)
        };
        let run = env
            .run(&["pth", "check", "--json", path.to_str().unwrap()])
            .expect_code(code);
        let json = run.json();
        assert_eq!(json["verdict"], expected, "{name}: {json}");
        assert_eq!(
            json["sha256"],
            sha256_hex(&std::fs::read(&path).unwrap()),
            "{name}"
        );
        assert!(json["lines"].is_array(), "{name}");
        assert_eq!(json["path"], path.to_str().unwrap());
        if !benign && name != "a1_coverage.pth" {
            let codes = json.to_string();
            assert!(codes.contains("missing_sibling"), "{name}: {json}");
        }
        let human = env
            .run(&["pth", "check", path.to_str().unwrap()])
            .expect_code(code);
        assert!(
            human.stdout.contains(&format!(": {expected} (")),
            "{}",
            human.stdout
        );
        checked += 1;
    }
    assert!(checked >= 18, "only {checked} fixtures");

    // With its module beside it, as in a real virtualenv, virtualenv's shim is benign.
    let site = env.root().join("site-packages");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::copy(
        fixtures().join("_virtualenv.pth"),
        site.join("_virtualenv.pth"),
    )
    .unwrap();
    std::fs::write(site.join("_virtualenv.py"), "").unwrap();
    let json = env
        .run(&[
            "pth",
            "check",
            "--json",
            site.join("_virtualenv.pth").to_str().unwrap(),
        ])
        .expect_code(0)
        .json();
    assert_eq!(json["verdict"], "benign", "{json}");
}

#[test]
fn check_flags_critical_code_and_escapes_what_it_prints() {
    let env = TestEnv::new();
    let evil = env.root().join("evil.pth");
    std::fs::write(&evil, EVIL).unwrap();
    let human = env
        .run(&["pth", "check", evil.to_str().unwrap()])
        .expect_code(1);
    assert!(human.stdout.contains(": critical ("), "{}", human.stdout);
    assert!(human.stdout.contains("os.system"), "{}", human.stdout);
    assert!(
        human.stdout.contains("/opt/x\\u{1b}[2J"),
        "{}",
        human.stdout
    );
    assert!(
        !human.stdout.contains('\u{1b}'),
        "a raw escape reached the terminal"
    );
    let json = env
        .run(&["pth", "check", "--json", evil.to_str().unwrap()])
        .expect_code(1)
        .json();
    assert_eq!(json["verdict"], "critical");
    assert_eq!(json["lines"][0]["role"], "executed");
    assert!(
        json["lines"][0]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|reason| reason["code"] == "process_spawn"),
        "{json}"
    );
    assert_eq!(
        std::fs::read_to_string(&evil).unwrap(),
        EVIL,
        "check never changes a file"
    );

    // Errors exit 2: a missing file, a name Python would not run (unless --kind says).
    let missing = env
        .run(&["pth", "check", "/nonexistent/x.pth"])
        .expect_code(2);
    assert!(missing.stderr.contains("cannot open"), "{}", missing.stderr);
    let renamed = env.root().join("evil.txt");
    std::fs::write(&renamed, EVIL).unwrap();
    let unnamed = env
        .run(&["pth", "check", renamed.to_str().unwrap()])
        .expect_code(2);
    assert!(unnamed.stderr.contains("--kind"), "{}", unnamed.stderr);
    env.run(&["pth", "check", "--kind", "pth", renamed.to_str().unwrap()])
        .expect_code(1);
}

#[test]
fn scan_lists_what_is_not_benign_in_every_environment() {
    let env = TestEnv::new();
    let envs = env.home().join("envs");
    let site = venv(&envs.join("app"));
    env.write_config(&format!(
        "[sentinel]\nvenv_roots = [\"{}\"]\n",
        envs.display()
    ));
    std::fs::write(site.join("evil.pth"), EVIL).unwrap();
    std::fs::write(site.join("odd.pth"), "import json\n").unwrap();
    std::fs::write(site.join("fine.pth"), "/opt/fine\n").unwrap();
    // A project virtualenv found under the default roots (~/src) too.
    let project_site = venv(&env.home().join("src/tool/.venv"));
    std::fs::copy(
        fixtures().join("distutils-precedence.pth"),
        project_site.join("distutils-precedence.pth"),
    )
    .unwrap();

    let human = env.run(&["pth", "scan"]).expect_code(1);
    let lines: Vec<&str> = human.stdout.lines().collect();
    assert!(
        lines[0].starts_with("2 environments, 2 site directories, 4 start-up files: 1 critical, 1 suspicious, 2 benign"),
        "{}",
        human.stdout
    );
    let evil_row = lines
        .iter()
        .find(|line| line.contains("evil.pth"))
        .unwrap_or_else(|| panic!("{}", human.stdout));
    assert!(evil_row.starts_with("critical"), "{evil_row}");
    assert!(evil_row.contains("process_spawn"), "{evil_row}");
    assert!(human.stdout.contains("odd.pth"), "{}", human.stdout);
    assert!(
        !human.stdout.contains("fine.pth"),
        "benign files are not listed"
    );

    let json = env.run(&["pth", "scan", "--json"]).expect_code(1).json();
    assert_eq!(json["summary"]["critical"], 1);
    assert_eq!(json["summary"]["suspicious"], 1);
    assert_eq!(json["summary"]["benign"], 2);
    assert_eq!(json["files"].as_array().unwrap().len(), 4);
    assert_eq!(
        std::fs::read_to_string(site.join("evil.pth")).unwrap(),
        EVIL,
        "read-only"
    );

    std::fs::remove_file(site.join("evil.pth")).unwrap();
    std::fs::remove_file(site.join("odd.pth")).unwrap();
    let clean = env.run(&["pth", "scan"]).expect_code(0);
    assert!(
        clean.stdout.contains("nothing suspicious or critical"),
        "{}",
        clean.stdout
    );
}
