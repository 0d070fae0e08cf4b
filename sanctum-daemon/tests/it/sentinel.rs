//! The `.pth` sentinel end to end: a real daemon watching a temp virtualenv under a
//! configured root. Malicious samples are inert (they would only touch a marker path) and
//! never run: nothing here starts Python.

use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use sanctum_types::audit::{Action, AuditRecord, Category, Level};
use sanctum_types::ipc::{ErrorCode, IpcError, QuarantinedFile, Request, Response, SentinelStatus};

use crate::harness::{DEADLINE, TestDaemon, TestEnv, wait_until};

/// Critical: spawns a process (inert: it would create a marker file).
const EVIL: &str = "import os; os.system('touch /tmp/sanctum-marker')\n";
/// Critical: decodes and executes data (the base64 is of `open('/tmp/sanctum-marker','w')`).
const EVIL_TOO: &str =
    "import base64;exec(base64.b64decode('b3BlbignL3RtcC9zYW5jdHVtLW1hcmtlcicsJ3cnKQ=='))\n";
/// Suspicious: imports a module no start-up shim uses.
const ODD: &str = "import json\n";

/// A virtualenv-shaped directory: `pyvenv.cfg` and `lib/python3.12/site-packages`.
fn make_venv(root: &Path) -> PathBuf {
    let site = root.join("lib/python3.12/site-packages");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(
        root.join("pyvenv.cfg"),
        "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.12.1\n",
    )
    .unwrap();
    site
}

/// An env whose config adds `<root>/envs` as a virtualenv root.
fn env_with_root() -> (TestEnv, PathBuf) {
    let env = TestEnv::new();
    let envs = env.root().join("envs");
    std::fs::create_dir_all(&envs).unwrap();
    env.write_config(&format!(
        "[sentinel]\nvenv_roots = [\"{}\"]\n",
        envs.display()
    ));
    (env, envs)
}

fn sentinel(daemon: &TestDaemon) -> SentinelStatus {
    daemon
        .status()
        .sentinel
        .expect("the daemon reports its sentinel")
}

/// Waits until the first sweep is over and `site_dirs` site directories are watched.
fn wait_watching(daemon: &TestDaemon, site_dirs: usize) -> SentinelStatus {
    daemon
        .wait_for_status("the sentinel to watch", |status| {
            status.sentinel.as_ref().is_some_and(|sentinel| {
                sentinel.sweep.initial_done && sentinel.site_dirs_watched >= site_dirs
            })
        })
        .sentinel
        .unwrap()
}

/// Waits until a sentinel counter passes `minimum`.
fn wait_counter(daemon: &TestDaemon, what: &str, minimum: u64, read: fn(&SentinelStatus) -> u64) {
    daemon.wait_for_status(what, |status| {
        status
            .sentinel
            .as_ref()
            .is_some_and(|sentinel| read(sentinel) >= minimum)
    });
}

fn review_list(daemon: &TestDaemon) -> Vec<QuarantinedFile> {
    match daemon.client().request(&Request::ReviewList).unwrap() {
        Response::Review { entries } => entries,
        other => panic!("expected a review list, got {other:?}"),
    }
}

/// Waits until `path` is an empty stub with one quarantine entry naming it.
fn wait_quarantined(daemon: &TestDaemon, path: &Path) -> QuarantinedFile {
    let mut found = None;
    let done = wait_until(DEADLINE, || {
        let empty = std::fs::metadata(path).is_ok_and(|meta| meta.len() == 0);
        found = review_list(daemon)
            .into_iter()
            .find(|entry| entry.original_path == path);
        empty && found.is_some()
    });
    assert!(
        done,
        "{} was not quarantined; status: {:#?}\n{}",
        path.display(),
        sentinel(daemon),
        daemon.stderr_text()
    );
    found.unwrap()
}

/// Creates `path` with `mode` from the start (a chmod after the write would race with the
/// quarantine that the write triggers).
/// The audit records once `condition` holds for them (the audit writer is asynchronous).
fn wait_audited(
    env: &TestEnv,
    what: &str,
    condition: impl Fn(&[AuditRecord]) -> bool,
) -> Vec<AuditRecord> {
    let mut records = Vec::new();
    let held = wait_until(DEADLINE, || {
        records = env.audit_records();
        condition(&records)
    });
    assert!(held, "not audited: {what}; records: {records:#?}");
    records
}

fn write_with_mode(path: &Path, content: &str, mode: u32) {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
        .unwrap();
    file.write_all(content.as_bytes()).unwrap();
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn refused_code(result: Result<Response, IpcError>) -> ErrorCode {
    match result {
        Err(IpcError::Refused { code, .. }) => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_critical_write_is_quarantined_and_benign_files_stay() {
    let (env, envs) = env_with_root();
    let site = make_venv(&envs.join("app"));
    let daemon = env.start();
    let status = wait_watching(&daemon, 1);
    assert!(
        status
            .environments
            .iter()
            .any(|environment| environment.root == envs.join("app")
                && environment.kind == "virtualenv"),
        "{status:#?}"
    );
    let report = daemon.status();
    assert!(
        report
            .watching
            .iter()
            .any(|item| item.kind == "site-packages" && item.path == site)
    );

    // A benign file, then a modification of it: judged, left alone.
    let benign = site.join("paths.pth");
    std::fs::write(&benign, "/opt/extra\n").unwrap();
    wait_counter(&daemon, "the benign file judged", 1, |s| {
        s.counters.files_analysed
    });
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&benign)
        .unwrap();
    file.write_all(b"/opt/more\n").unwrap();
    drop(file);
    wait_counter(&daemon, "the modification judged", 2, |s| {
        s.counters.files_analysed
    });
    assert_eq!(
        std::fs::read_to_string(&benign).unwrap(),
        "/opt/extra\n/opt/more\n"
    );

    // A suspicious file: audited and left in place.
    let odd = site.join("odd.pth");
    std::fs::write(&odd, ODD).unwrap();
    wait_counter(&daemon, "the suspicious file", 1, |s| s.counters.suspicious);
    assert_eq!(std::fs::read_to_string(&odd).unwrap(), ODD);

    // A critical file: moved away, an empty stub with its mode stays.
    let evil = site.join("evil.pth");
    write_with_mode(&evil, EVIL, 0o640);
    let entry = wait_quarantined(&daemon, &evil);
    assert_eq!(std::fs::read(&evil).unwrap(), b"");
    assert_eq!(mode(&evil), 0o640);
    assert_eq!(entry.mode, 0o640);
    assert_eq!(entry.verdict, "critical");
    assert_eq!(entry.size, EVIL.len() as u64);
    assert!(
        entry
            .reasons
            .iter()
            .any(|reason| reason.code == "process_spawn"),
        "{entry:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&benign).unwrap(),
        "/opt/extra\n/opt/more\n"
    );
    assert_eq!(review_list(&daemon).len(), 1, "only the critical file");

    let Response::ReviewEntry(shown) = daemon
        .client()
        .request(&Request::ReviewShow {
            id: entry.id.clone(),
        })
        .unwrap()
    else {
        panic!("expected an entry");
    };
    assert_eq!(shown.content, EVIL);
    assert!(shown.utf8 && !shown.truncated);
    let status = sentinel(&daemon);
    assert_eq!(status.quarantined, 1);
    assert_eq!(status.counters.quarantined, 1);

    assert_audited(&env, &entry, &evil, &odd);
}

/// The quarantine and the suspicious file are in the audit log, without file content.
fn assert_audited(env: &TestEnv, entry: &QuarantinedFile, evil: &Path, odd: &Path) {
    let records = wait_audited(env, "the quarantine and the suspicious file", |records| {
        records
            .iter()
            .any(|record| record.action == Action::Quarantined)
            && records.iter().any(|record| record.action == Action::Warned)
    });
    let quarantined = records
        .iter()
        .find(|record| record.action == Action::Quarantined)
        .expect("the quarantine is audited");
    assert_eq!(quarantined.level, Level::Critical);
    assert_eq!(quarantined.category, Category::Sentinel);
    assert_eq!(quarantined.details["quarantine_id"], entry.id.as_str());
    assert_eq!(quarantined.details["path"], evil.to_str().unwrap());
    assert!(
        quarantined.details["writer"].is_object(),
        "{:?}",
        quarantined.details
    );
    let suspicious = records
        .iter()
        .find(|record| record.level == Level::Warning && record.action == Action::Warned)
        .expect("the suspicious file is audited");
    assert_eq!(suspicious.details["path"], odd.to_str().unwrap());
    for record in &records {
        let line = serde_json::to_string(record).unwrap();
        assert!(
            !line.contains("sanctum-marker"),
            "file content leaked into the audit: {line}"
        );
    }
}

#[test]
fn a_critical_file_renamed_into_place_is_quarantined() {
    let (env, envs) = env_with_root();
    let site = make_venv(&envs.join("app"));
    let daemon = env.start();
    wait_watching(&daemon, 1);
    // Written elsewhere (no event in the site directory), then moved in.
    let outside = env.root().join("staged.pth");
    std::fs::write(&outside, EVIL_TOO).unwrap();
    let evil = site.join("renamed.pth");
    std::fs::rename(&outside, &evil).unwrap();
    let entry = wait_quarantined(&daemon, &evil);
    assert!(
        entry
            .reasons
            .iter()
            .any(|reason| reason.code == "data_decoding"),
        "{entry:?}"
    );
    // Written under a temp name inside the site dir, then renamed over an existing file.
    let temp = site.join(".other.pth.tmp");
    std::fs::write(&temp, EVIL).unwrap();
    let other = site.join("other.pth");
    std::fs::write(&other, "/opt/x\n").unwrap();
    std::fs::rename(&temp, &other).unwrap();
    wait_quarantined(&daemon, &other);
    assert_eq!(review_list(&daemon).len(), 2);
}

#[test]
fn approval_restores_for_good_and_delete_forgets() {
    let (env, envs) = env_with_root();
    let site = make_venv(&envs.join("app"));
    let daemon = env.start();
    wait_watching(&daemon, 1);
    let evil = site.join("evil.pth");
    write_with_mode(&evil, EVIL, 0o644);
    let entry = wait_quarantined(&daemon, &evil);

    let Response::Approved { entry: approved } = daemon
        .client()
        .request(&Request::ReviewApprove {
            id: entry.id.clone(),
        })
        .unwrap()
    else {
        panic!("expected an approval");
    };
    assert_eq!(approved.id, entry.id);
    assert_eq!(std::fs::read_to_string(&evil).unwrap(), EVIL);
    assert_eq!(mode(&evil), 0o644);
    // The restore itself is an event: judged critical, left in place because approved.
    wait_counter(&daemon, "the approved content to be left alone", 1, |s| {
        s.counters.approved_skipped
    });
    let analysed = sentinel(&daemon).counters.files_analysed;
    // Rewrite the same content (open for writing, close): judged again, still left alone.
    std::fs::write(&evil, EVIL).unwrap();
    wait_counter(&daemon, "the rewrite judged", analysed + 1, |s| {
        s.counters.files_analysed
    });
    assert_eq!(std::fs::read_to_string(&evil).unwrap(), EVIL);
    assert!(review_list(&daemon).is_empty());
    assert_eq!(sentinel(&daemon).quarantined, 0);

    // Other content at the same path is not covered by that approval.
    let second = site.join("second.pth");
    std::fs::write(&second, EVIL_TOO).unwrap();
    let entry = wait_quarantined(&daemon, &second);
    let Response::Deleted { entry: deleted } = daemon
        .client()
        .request(&Request::ReviewDelete {
            id: entry.id.clone(),
        })
        .unwrap()
    else {
        panic!("expected a deletion");
    };
    assert_eq!(deleted.id, entry.id);
    assert!(review_list(&daemon).is_empty());
    assert_eq!(std::fs::read(&second).unwrap(), b"", "the stub stays");
    assert_eq!(
        refused_code(daemon.client().request(&Request::ReviewShow {
            id: entry.id.clone()
        })),
        ErrorCode::NotFound
    );
    assert_eq!(
        refused_code(
            daemon
                .client()
                .request(&Request::ReviewApprove { id: "../x".into() })
        ),
        ErrorCode::NotFound
    );
    let records = wait_audited(&env, "the approval and the deletion", |records| {
        records
            .iter()
            .any(|record| record.summary.contains("deleted by the user"))
    });
    assert!(
        records
            .iter()
            .any(|record| record.summary.contains("approved and restored"))
    );
    assert!(
        records
            .iter()
            .any(|record| record.summary.contains("deleted by the user"))
    );
}

#[test]
fn the_initial_sweep_finds_a_compromise_that_predates_the_daemon() {
    let (env, envs) = env_with_root();
    let site = make_venv(&envs.join("old"));
    let evil = site.join("zz-early.pth");
    write_with_mode(&evil, EVIL, 0o600);
    std::fs::write(site.join("fine.pth"), "/opt/fine\n").unwrap();
    let daemon = env.start();
    let entry = wait_quarantined(&daemon, &evil);
    assert_eq!(mode(&evil), 0o600);
    assert_eq!(entry.size, EVIL.len() as u64);
    let status = wait_watching(&daemon, 1);
    assert!(status.sweep.initial_done);
    assert_eq!(
        std::fs::read_to_string(site.join("fine.pth")).unwrap(),
        "/opt/fine\n"
    );
    let records = wait_audited(&env, "the end of the initial sweep", |records| {
        records
            .iter()
            .any(|record| record.summary.contains("initial sweep"))
    });
    let swept = records
        .iter()
        .find(|record| record.summary.contains("initial sweep"))
        .expect("the end of the initial sweep is audited");
    assert_eq!(swept.details["critical"], 1);
    let quarantined = records
        .iter()
        .find(|record| record.action == Action::Quarantined)
        .unwrap();
    assert_eq!(quarantined.details["trigger"], "sweep");
}

#[test]
fn a_virtualenv_created_after_start_is_picked_up() {
    let (env, envs) = env_with_root();
    let daemon = env.start();
    let before = wait_watching(&daemon, 0);
    assert_eq!(before.site_dirs_watched, 0);
    // A project directory, then a `.venv` inside it, as `python -m venv` builds one.
    let project = envs.join("newproject");
    std::fs::create_dir(&project).unwrap();
    let root = project.join(".venv");
    let site = make_venv(&root);
    let status = daemon
        .wait_for_status("the new environment", |status| {
            status.sentinel.as_ref().is_some_and(|sentinel| {
                sentinel
                    .environments
                    .iter()
                    .any(|environment| environment.root == root)
            })
        })
        .sentinel
        .unwrap();
    assert!(status.site_dirs_watched >= 1);
    let evil = site.join("evil.pth");
    std::fs::write(&evil, EVIL).unwrap();
    wait_quarantined(&daemon, &evil);
}

#[test]
fn alert_mode_reports_but_leaves_the_file() {
    let env = TestEnv::new();
    let envs = env.root().join("envs");
    let site = make_venv(&envs.join("app"));
    env.write_config(&format!(
        "[sentinel]\nvenv_roots = [\"{}\"]\non_critical = \"alert\"\n",
        envs.display()
    ));
    let daemon = env.start();
    let status = wait_watching(&daemon, 1);
    assert_eq!(status.on_critical, "alert");
    let evil = site.join("evil.pth");
    std::fs::write(&evil, EVIL).unwrap();
    wait_counter(&daemon, "the critical verdict", 1, |s| s.counters.critical);
    assert_eq!(std::fs::read_to_string(&evil).unwrap(), EVIL);
    assert!(review_list(&daemon).is_empty());
    let records = wait_audited(&env, "the alert", |records| {
        records
            .iter()
            .any(|record| record.level == Level::Critical && record.category == Category::Sentinel)
    });
    let alert = records
        .iter()
        .find(|record| record.level == Level::Critical && record.category == Category::Sentinel)
        .expect("audited");
    assert_eq!(alert.action, Action::Warned);

    // Switching to quarantine acts on the file already seen.
    env.write_config(&format!(
        "[sentinel]\nvenv_roots = [\"{}\"]\non_critical = \"quarantine\"\n",
        envs.display()
    ));
    wait_quarantined(&daemon, &evil);
}

#[test]
fn a_disabled_sentinel_watches_nothing_until_enabled() {
    let env = TestEnv::new();
    let envs = env.root().join("envs");
    let site = make_venv(&envs.join("app"));
    let evil = site.join("evil.pth");
    std::fs::write(&evil, EVIL).unwrap();
    let config = |enabled: bool| {
        format!(
            "[sentinel]\nenabled = {enabled}\nvenv_roots = [\"{}\"]\n",
            envs.display()
        )
    };
    env.write_config(&config(false));
    let daemon = env.start();
    let status = sentinel(&daemon);
    assert!(!status.enabled);
    assert_eq!(status.site_dirs_watched, 0);
    assert!(
        daemon
            .status()
            .watching
            .iter()
            .all(|item| item.kind == "config")
    );
    assert!(status.environments.is_empty());
    assert_eq!(std::fs::read_to_string(&evil).unwrap(), EVIL);

    env.write_config(&config(true));
    wait_quarantined(&daemon, &evil);
    assert!(sentinel(&daemon).enabled);
}
