//! The audit log under a running daemon: every line is a record, and it rotates by size.

use std::fmt::Write;

use sanctum_types::audit::AuditRecord;
use sanctum_types::fs::rotated_name;
use sanctum_types::ipc::Request;

use crate::harness::{DEADLINE, TestEnv, wait_until};

#[test]
fn many_events_rotate_the_audit_log_and_every_line_stays_a_record() {
    let env = TestEnv::with_config("[audit]\nmax_file_bytes = 65536\n");
    let daemon = env.start();
    // Twenty problems make each refused-reload record about 2 KB.
    let mut invalid = String::from("[daemon]\n");
    for index in 0..20 {
        writeln!(invalid, "unknown_{index} = 1").unwrap();
    }
    env.write_config(&invalid);

    let mut client = daemon.client();
    for _ in 0..80 {
        assert!(client.request(&Request::ReloadConfig).is_err());
    }
    let rotated = rotated_name(&env.audit_log(), 1);
    assert!(
        wait_until(DEADLINE, || rotated.exists()),
        "the audit log never rotated"
    );

    // Count once the writer has caught up, not at the moment the first rotation appeared.
    daemon.wait_for_status("every record written", |status| {
        status.counters.audit_records >= 81
    });
    let mut lines = 0;
    for file in sanctum_types::audit::log_files(&env.audit_log()) {
        for line in std::fs::read_to_string(&file).unwrap().lines() {
            serde_json::from_str::<AuditRecord>(line)
                .unwrap_or_else(|error| panic!("{}: {error}: {line}", file.display()));
            lines += 1;
        }
    }
    assert!(lines >= 40, "only {lines} records survived rotation");
    for file in sanctum_types::audit::log_files(&env.audit_log()) {
        assert!(std::fs::metadata(&file).unwrap().len() <= 65536 + 4096);
    }
}
