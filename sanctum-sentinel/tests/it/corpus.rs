//! Real `.pth` files collected from packages and build backends (see
//! `tests/fixtures/pth/PROVENANCE.md`): none may be critical, and only coverage's hook may
//! be worse than benign.

use std::path::Path;

use sanctum_sentinel::{Verdict, pth};

#[test]
fn every_collected_pth_file_is_benign() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pth");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "pth") {
            continue;
        }
        seen += 1;
        let report = pth::analyze(&std::fs::read(&path).unwrap());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let allowed = if name.contains("coverage") {
            Verdict::Suspicious
        } else {
            Verdict::Benign
        };
        assert!(
            report.verdict <= allowed,
            "{name}: {} {:#?}",
            report.verdict,
            report.all_reasons()
        );
    }
    assert!(seen >= 15, "only {seen} fixtures found");
}

#[test]
fn the_scikit_build_core_start_file_is_benign() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pth/_editable_skbc_skb_pkg.start");
    let report = sanctum_sentinel::start::analyze(&std::fs::read(path).unwrap());
    assert_eq!(
        report.verdict,
        Verdict::Benign,
        "{:#?}",
        report.all_reasons()
    );
}
