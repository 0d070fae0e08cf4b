//! What happens to a judged start-up file: the decision (a pure function of the verdict,
//! an approval and `sentinel.on_critical`) and its effects — quarantine, audit record,
//! desktop notification.
//!
//! Order matters for latency: a critical file is moved first (that is what protects), the
//! writer is looked up after (a few milliseconds of `/proc` and `RECORD` reading, added to
//! the entry afterwards), then the audit record and the notification are queued.

use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::Duration;

use sanctum_sentinel::process::ProcFs;
use sanctum_sentinel::provenance::attribute_writer;
use sanctum_sentinel::quarantine::{QuarantineStore, WriterInfo};
use sanctum_sentinel::{Report, Verdict};
use sanctum_types::audit::{Action, AuditRecord, Category, Level};
use sanctum_types::config::CriticalAction;
use serde_json::{Value, json};

use super::shared::Shared;
use crate::audit::AuditHandle;
use crate::counters::bump;
use crate::notifications::{Notice, Notifier, Urgency};

/// Time allowed for each half of the writer lookup (processes, then `RECORD`s).
const ATTRIBUTION_BUDGET: Duration = Duration::from_millis(5);

/// What to do with a judged file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Benign: nothing.
    Nothing,
    /// Suspicious: audit (warning) and notify; the file stays.
    Warn,
    /// Critical: move it into quarantine, audit (critical), notify.
    Quarantine,
    /// Critical, but `on_critical = "alert"`: audit (critical) and notify; the file stays.
    Alert,
    /// Critical, but a human approved exactly this content: leave it, note it once.
    KeepApproved,
}

/// The decision for a file judged `verdict` whose content is (or is not) `approved`.
pub(crate) fn decide(verdict: Verdict, approved: bool, on_critical: CriticalAction) -> Decision {
    match verdict {
        Verdict::Benign => Decision::Nothing,
        Verdict::Suspicious => Decision::Warn,
        Verdict::Critical if approved => Decision::KeepApproved,
        Verdict::Critical => match on_critical {
            CriticalAction::Quarantine => Decision::Quarantine,
            CriticalAction::Alert => Decision::Alert,
        },
    }
}

/// How a file came to be judged; recorded in audit details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trigger {
    /// A file-system event.
    Event,
    /// A sweep over existing files (start, reload, a new environment).
    Sweep,
}

impl Trigger {
    fn as_str(self) -> &'static str {
        match self {
            Self::Event => "event",
            Self::Sweep => "sweep",
        }
    }
}

/// Everything the effects need.
pub(crate) struct Effects<'a> {
    pub store: &'a QuarantineStore,
    pub audit: &'a AuditHandle,
    pub notifier: &'a Notifier,
    pub shared: &'a Shared,
    pub proc: &'a ProcFs,
    pub uid: u32,
}

/// One judged file and where it lives.
pub(crate) struct Judged<'a> {
    pub path: &'a Path,
    pub report: &'a Report,
    pub env_root: Option<&'a Path>,
    pub trigger: Trigger,
}

impl Effects<'_> {
    /// Carries out `decision` for `file`. `quiet` suppresses the per-file notification of a
    /// suspicious file (a sweep notifies once for all of them).
    pub fn act(&self, decision: Decision, file: &Judged<'_>, quiet: bool) {
        match decision {
            Decision::Nothing => {}
            Decision::Warn => {
                bump(&self.shared.counters.suspicious);
                self.audit.record(
                    record(
                        Level::Warning,
                        Action::Warned,
                        "suspicious Python start-up file",
                        file,
                    )
                    .with_details(details(file, Value::Null)),
                );
                if !quiet {
                    self.notifier.notify(Notice {
                        summary: "Sanctum: suspicious Python start-up file".into(),
                        body: format!(
                            "{}\n{}\nCheck it: sanctum pth check {}",
                            file.path.display(),
                            first_reason(file.report),
                            file.path.display()
                        ),
                        urgency: Urgency::Normal,
                    });
                }
            }
            Decision::Alert => {
                bump(&self.shared.counters.critical);
                let writer = self.writer(file);
                self.audit.record(
                    record(
                        Level::Critical,
                        Action::Warned,
                        "critical Python start-up file left in place (sentinel.on_critical = \"alert\")",
                        file,
                    )
                    .with_details(details(file, json!({ "writer": writer }))),
                );
                self.notifier.notify(Notice {
                    summary: "Sanctum: dangerous Python start-up file".into(),
                    body: format!(
                        "{}\n{}\nIt runs at every Python start. Check it: sanctum pth check {}",
                        file.path.display(),
                        first_reason(file.report),
                        file.path.display()
                    ),
                    urgency: Urgency::Critical,
                });
            }
            Decision::KeepApproved => {
                bump(&self.shared.counters.approved_skipped);
                self.audit.record(
                    record(
                        Level::Info,
                        Action::None,
                        "critical Python start-up file left in place: this content was approved",
                        file,
                    )
                    .with_details(details(file, Value::Null)),
                );
            }
            Decision::Quarantine => {
                bump(&self.shared.counters.critical);
                self.quarantine(file);
            }
        }
    }

    fn quarantine(&self, file: &Judged<'_>) {
        match self.store.quarantine(file.path, file.report, None) {
            Ok(entry) => {
                bump(&self.shared.counters.quarantined);
                self.shared.update(|status| status.quarantined += 1);
                let writer = self.writer(file);
                if let Err(error) = self.store.annotate_writer(&entry.id, writer.clone()) {
                    tracing::warn!(%error, id = %entry.id, "cannot record the writer");
                }
                tracing::warn!(path = %file.path.display(), id = %entry.id, "quarantined");
                self.audit.record(
                    record(
                        Level::Critical,
                        Action::Quarantined,
                        "quarantined a critical Python start-up file",
                        file,
                    )
                    .with_details(details(
                        file,
                        json!({ "quarantine_id": entry.id, "mode": format!("{:o}", entry.mode), "writer": writer }),
                    )),
                );
                self.notifier.notify(Notice {
                    summary: "Sanctum quarantined a Python start-up file".into(),
                    body: format!(
                        "{}\n{}\nAn empty file stays in its place. Review it: sanctum review show {}",
                        file.path.display(),
                        first_reason(file.report),
                        entry.id
                    ),
                    urgency: Urgency::Critical,
                });
            }
            Err(error) => {
                self.shared
                    .counters
                    .quarantine_failures
                    .fetch_add(1, Ordering::Relaxed);
                tracing::error!(path = %file.path.display(), %error, "quarantine failed");
                self.audit.record(
                    record(
                        Level::Critical,
                        Action::Warned,
                        "critical Python start-up file could NOT be quarantined",
                        file,
                    )
                    .with_details(details(file, json!({ "error": error.to_string() }))),
                );
                self.notifier.notify(Notice {
                    summary: "Sanctum could not quarantine a dangerous Python start-up file".into(),
                    body: format!("{}\n{error}", file.path.display()),
                    urgency: Urgency::Critical,
                });
            }
        }
    }

    fn writer(&self, file: &Judged<'_>) -> WriterInfo {
        attribute_writer(
            self.proc,
            self.uid,
            file.path,
            file.env_root,
            ATTRIBUTION_BUDGET,
        )
    }
}

fn record(level: Level, action: Action, summary: &str, file: &Judged<'_>) -> AuditRecord {
    AuditRecord::now(
        level,
        Category::Sentinel,
        action,
        format!("{summary}: {}", file.path.display()),
    )
}

/// The audit details of a judged file, merged with `extra` (an object or null). Reasons are
/// codes and short descriptions of what was seen: never a line of the file.
fn details(file: &Judged<'_>, extra: Value) -> Value {
    let report = file.report;
    let mut details = json!({
        "path": file.path,
        "kind": report.kind,
        "verdict": report.verdict,
        "sha256": report.sha256,
        "size": report.size,
        "reasons": report.all_reasons(),
        "environment": file.env_root,
        "trigger": file.trigger.as_str(),
    });
    if let (Value::Object(details), Value::Object(extra)) = (&mut details, extra) {
        details.extend(extra);
    }
    details
}

/// The most severe reason, for a one-line notification.
fn first_reason(report: &Report) -> String {
    let mut reasons = report.all_reasons();
    reasons.sort_by_key(|reason| std::cmp::Reverse(reason.code.severity()));
    let count = reasons.len();
    match reasons.first() {
        Some(reason) if count > 1 => format!("{} (and {} more reasons)", reason.message, count - 1),
        Some(reason) => reason.message.clone(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_follow_verdict_approval_and_config() {
        use CriticalAction::{Alert, Quarantine};
        assert_eq!(
            decide(Verdict::Benign, false, Quarantine),
            Decision::Nothing
        );
        assert_eq!(decide(Verdict::Benign, true, Alert), Decision::Nothing);
        assert_eq!(
            decide(Verdict::Suspicious, false, Quarantine),
            Decision::Warn
        );
        assert_eq!(
            decide(Verdict::Suspicious, true, Quarantine),
            Decision::Warn
        );
        assert_eq!(
            decide(Verdict::Critical, false, Quarantine),
            Decision::Quarantine
        );
        assert_eq!(decide(Verdict::Critical, false, Alert), Decision::Alert);
        assert_eq!(
            decide(Verdict::Critical, true, Quarantine),
            Decision::KeepApproved
        );
        assert_eq!(
            decide(Verdict::Critical, true, Alert),
            Decision::KeepApproved
        );
    }

    #[test]
    fn details_name_reasons_but_never_the_content() {
        let content = b"import os; os.system('touch /tmp/sanctum-marker')\n";
        let report = sanctum_sentinel::pth::analyze(content);
        let file = Judged {
            path: Path::new("/v/lib/python3.12/site-packages/evil.pth"),
            report: &report,
            env_root: Some(Path::new("/v")),
            trigger: Trigger::Event,
        };
        let value = details(&file, json!({ "quarantine_id": "x" }));
        assert_eq!(value["verdict"], "critical");
        assert_eq!(value["quarantine_id"], "x");
        assert_eq!(value["trigger"], "event");
        assert!(
            value["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["code"] == "process_spawn")
        );
        assert!(!value.to_string().contains("sanctum-marker"), "{value}");
        assert!(!first_reason(&report).is_empty());
    }
}
