//! The quarantine store: stub left behind, approval restores and is remembered, tampering
//! is refused, delete forgets.

use std::os::unix::fs::PermissionsExt;

use sanctum_sentinel::quarantine::{EntryState, QuarantineStore, WriterInfo};
use sanctum_sentinel::{SentinelError, Verdict, pth};

const EVIL: &[u8] = b"import os; os.system('touch /tmp/sanctum-marker')\n";

fn setup() -> (tempfile::TempDir, std::path::PathBuf, QuarantineStore) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site-packages");
    std::fs::create_dir_all(&site).unwrap();
    let file = site.join("evil.pth");
    std::fs::write(&file, EVIL).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let store = QuarantineStore::new(tmp.path().join("state/quarantine"));
    (tmp, file, store)
}

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn quarantine_leaves_an_empty_stub_and_a_private_copy() {
    let (_tmp, file, store) = setup();
    let report = pth::analyze(EVIL);
    assert_eq!(report.verdict, Verdict::Critical);
    let writer = WriterInfo {
        pid: Some(42),
        process: Some("pip".into()),
        installer: Some("pip".into()),
        ..WriterInfo::default()
    };
    let entry = store
        .quarantine(&file, &report, Some(writer.clone()))
        .unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), b"");
    assert_eq!(mode(&file), 0o644);
    assert_eq!(entry.state, EntryState::Quarantined);
    assert_eq!(entry.sha256.as_deref(), Some(report.sha256.as_str()));
    assert_eq!(entry.writer, Some(writer));
    assert!(
        entry
            .reasons
            .iter()
            .any(|r| r.code == sanctum_sentinel::ReasonCode::ProcessSpawn)
    );
    let entry_dir = store.dir().join(&entry.id);
    assert_eq!(mode(store.dir()), 0o700);
    assert_eq!(mode(&entry_dir), 0o700);
    assert_eq!(mode(&entry_dir.join("content")), 0o600);
    assert_eq!(mode(&entry_dir.join("meta.json")), 0o600);
    assert_eq!(store.content(&entry.id).unwrap(), EVIL);
    assert_eq!(store.list().unwrap(), vec![store.get(&entry.id).unwrap()]);
    // No staging file is left in the site dir.
    assert_eq!(
        std::fs::read_dir(file.parent().unwrap()).unwrap().count(),
        1
    );
}

#[test]
fn approve_restores_byte_identical_content_and_remembers_the_hash() {
    let (_tmp, file, store) = setup();
    let report = pth::analyze(EVIL);
    let entry = store.quarantine(&file, &report, None).unwrap();
    assert!(!store.is_approved(&report.sha256).unwrap());
    store.approve(&entry.id).unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), EVIL);
    assert_eq!(mode(&file), 0o644);
    assert!(store.is_approved(&report.sha256).unwrap());
    assert!(store.list().unwrap().is_empty());
    assert!(matches!(
        store.get(&entry.id),
        Err(SentinelError::UnknownEntry { .. })
    ));
}

#[test]
fn tampered_content_is_not_restored() {
    let (_tmp, file, store) = setup();
    let entry = store.quarantine(&file, &pth::analyze(EVIL), None).unwrap();
    std::fs::write(
        store.dir().join(&entry.id).join("content"),
        b"import os; os.system('other')\n",
    )
    .unwrap();
    assert!(matches!(
        store.approve(&entry.id),
        Err(SentinelError::HashMismatch { .. })
    ));
    assert_eq!(std::fs::read(&file).unwrap(), b"");
    assert!(!store.is_approved(&entry.sha256.unwrap()).unwrap());
}

#[test]
fn approve_refuses_to_overwrite_a_newer_file() {
    let (_tmp, file, store) = setup();
    let entry = store.quarantine(&file, &pth::analyze(EVIL), None).unwrap();
    std::fs::write(&file, b"/new/path\n").unwrap();
    assert!(matches!(
        store.approve(&entry.id),
        Err(SentinelError::OriginalChanged { .. })
    ));
    assert_eq!(std::fs::read(&file).unwrap(), b"/new/path\n");
}

#[test]
fn delete_forgets_the_entry_and_keeps_the_stub() {
    let (_tmp, file, store) = setup();
    let entry = store.quarantine(&file, &pth::analyze(EVIL), None).unwrap();
    store.delete(&entry.id).unwrap();
    assert!(store.list().unwrap().is_empty());
    assert_eq!(std::fs::read(&file).unwrap(), b"");
}

#[test]
fn ids_cannot_escape_the_store() {
    let (_tmp, _file, store) = setup();
    for id in ["../x", "/etc", "", "a/b"] {
        assert!(
            matches!(store.get(id), Err(SentinelError::InvalidId { .. })),
            "{id}"
        );
    }
}

#[test]
fn recover_completes_an_interrupted_quarantine() {
    let (_tmp, file, store) = setup();
    // Simulate a crash after step 2: quarantine normally, then rebuild the pending state.
    let entry = store.quarantine(&file, &pth::analyze(EVIL), None).unwrap();
    let mut pending = store.get(&entry.id).unwrap();
    pending.state = EntryState::Pending;
    pending.sha256 = None;
    std::fs::write(&pending.staging_path, EVIL).unwrap();
    std::fs::remove_file(store.dir().join(&entry.id).join("content")).unwrap();
    std::fs::write(
        store.dir().join(&entry.id).join("meta.json"),
        serde_json::to_vec(&pending).unwrap(),
    )
    .unwrap();
    assert!(store.list().unwrap().is_empty());
    assert_eq!(store.recover().unwrap(), vec![entry.id.clone()]);
    assert_eq!(store.content(&entry.id).unwrap(), EVIL);
    assert!(!pending.staging_path.exists());
}

#[test]
fn a_writer_found_later_is_recorded_and_the_wire_form_names_codes() {
    let (_tmp, file, store) = setup();
    let entry = store.quarantine(&file, &pth::analyze(EVIL), None).unwrap();
    let writer = WriterInfo {
        installer: Some("uv".into()),
        package: Some("evil-pkg".into()),
        version: Some("1.0".into()),
        listed_in_record: Some(true),
        ..WriterInfo::default()
    };
    let annotated = store.annotate_writer(&entry.id, writer.clone()).unwrap();
    assert_eq!(annotated.writer.as_ref(), Some(&writer));
    assert_eq!(store.get(&entry.id).unwrap().writer, Some(writer.clone()));
    let wire = annotated.to_wire();
    assert_eq!(wire.verdict, "critical");
    assert_eq!(wire.kind.as_deref(), Some("pth"));
    assert!(
        wire.reasons.iter().any(|r| r.code == "process_spawn"),
        "{wire:?}"
    );
    assert_eq!(wire.sha256, entry.sha256.unwrap());
    assert_eq!(wire.writer, Some(writer));
    assert!(matches!(
        store.annotate_writer("0123-4", WriterInfo::default()),
        Err(SentinelError::UnknownEntry { .. })
    ));
}
