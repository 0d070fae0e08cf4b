//! `sanctum status`: one `Status` round trip, shown as a table or JSON; when the daemon is
//! down, what can be known without it.

use std::path::PathBuf;

use jiff::Timestamp;
use sanctum_types::instance::{LockState, lock_state};
use sanctum_types::ipc::{DEFAULT_REPLY_TIMEOUT, IpcError, StatusReport};
use sanctum_types::paths::Paths;
use sanctum_types::version::{PROTOCOL_VERSION, VERSION};
use serde::Serialize;

use crate::audit_log::last_record;
use crate::context::Context;
use crate::control;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::locations::{load_config, project_config};
use crate::output::{
    Cell, Paint, Table, format_bytes, format_duration_ms, local_time, note, print, print_json,
    sanitize,
};

/// Show what sanctum-daemon is doing (or what can be known while it is down).
///
/// Shows the daemon's version, pid, uptime, socket, the config file in force (and whether
/// its last reload failed), its log and audit log, what it watches (the Python
/// environments and site-packages directories of the `.pth` sentinel, by count; the full
/// list is in --json), what the sentinel found and quarantined, its counters and its own
/// memory and CPU use.
///
/// When the daemon is not running this says so, still shows the paths and whether the
/// config file is valid, and exits with status 4. A daemon of another version exits 5.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Print JSON: the daemon's status report, or `{"running": false, ...}` when it is down.
    #[arg(long)]
    pub json: bool,
}

/// Asks the daemon for its status and prints it.
///
/// # Errors
/// [`CliError::DaemonIncompatible`] when the daemon speaks another protocol.
pub fn run(args: &StatusArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let paths = context.paths()?;
    match control::status(&paths.socket, DEFAULT_REPLY_TIMEOUT) {
        Ok(report) => {
            if args.json {
                print_json(&report)?;
            } else {
                print(&render_running(&report).render(context.stdout))?;
            }
            Ok(ExitStatus::Success)
        }
        Err(error @ IpcError::Incompatible { .. }) => {
            if args.json {
                print_json(&serde_json::json!({
                    "running": true,
                    "compatible": false,
                    "error": error.to_string(),
                }))?;
            }
            Err(error.into())
        }
        Err(error) => {
            let offline = Offline::gather(paths, &error);
            if args.json {
                print_json(&offline)?;
            } else {
                print(&render_offline(&offline).render(context.stdout))?;
            }
            note(context, &offline.error);
            Ok(ExitStatus::DaemonUnavailable)
        }
    }
}

/// The rows shown while the daemon runs.
fn render_running(report: &StatusReport) -> Table {
    let mut table = Table::new();
    table.row([
        Cell::plain("sanctum-daemon"),
        Cell::painted(format!("running (pid {})", report.pid), Paint::Green),
    ]);
    let version_paint = if report.version == VERSION {
        None
    } else {
        Some(Paint::Yellow)
    };
    let versions = format!(
        "daemon {} (protocol {}), cli {VERSION} (protocol {PROTOCOL_VERSION})",
        report.version, report.protocol
    );
    table.row([
        Cell::plain("version"),
        version_paint.map_or_else(
            || Cell::plain(versions.clone()),
            |paint| Cell::painted(versions.clone(), paint),
        ),
    ]);
    table.row([
        "uptime".to_owned(),
        format!(
            "{} (since {})",
            format_duration_ms(report.uptime_ms),
            local_time(report.started_at)
        ),
    ]);
    table.row(["socket".to_owned(), report.socket.display().to_string()]);
    config_rows(&mut table, report);
    files_rows(&mut table, report);
    sentinel_rows(&mut table, report);
    activity_rows(&mut table, report);
    table
}

/// The config in force, and the failed reload if there was one (in red).
fn config_rows(table: &mut Table, report: &StatusReport) {
    let config = &report.config;
    let presence = if config.file_present {
        String::new()
    } else {
        " (no such file: built-in defaults)".to_owned()
    };
    table.row([
        "config".to_owned(),
        format!("{}{presence}", config.path.display()),
    ]);
    if let Some(error) = &config.last_error {
        let when = config
            .last_error_at
            .map(|time| format!(" at {}", local_time(time)))
            .unwrap_or_default();
        table.row([
            Cell::plain(""),
            Cell::painted(
                format!("invalid{when}: the previous config stays in force"),
                Paint::Red,
            ),
        ]);
        for line in error.lines().filter(|line| !line.trim().is_empty()) {
            table.row([
                Cell::plain(""),
                Cell::painted(sanitize(line.trim()), Paint::Red),
            ]);
        }
        table.row(["", "fix it, then check with `sanctum config validate`"]);
    }
}

/// The log files and what is watched.
fn files_rows(table: &mut Table, report: &StatusReport) {
    let log = report.log_file.as_ref().map_or_else(
        || "stderr (running in the foreground)".to_owned(),
        |log| log.display().to_string(),
    );
    table.row(["log file".to_owned(), log]);
    table.row([
        "audit log".to_owned(),
        report.audit_log.display().to_string(),
    ]);
    if report.watching.is_empty() {
        table.row(["watching", "nothing yet"]);
    }
    // One row per kind: a single item by its path, many by their count (the full list is
    // in `--json`).
    let mut kinds: Vec<&str> = Vec::new();
    for item in &report.watching {
        if !kinds.contains(&item.kind.as_str()) {
            kinds.push(&item.kind);
        }
    }
    for (index, kind) in kinds.iter().enumerate() {
        let label = if index == 0 { "watching" } else { "" };
        let items: Vec<_> = report
            .watching
            .iter()
            .filter(|item| item.kind == *kind)
            .collect();
        let text = match items.as_slice() {
            [item] => format!("{kind}  {}", item.path.display()),
            _ => format!("{kind}  {} directories", items.len()),
        };
        table.row([label.to_owned(), text]);
    }
}

/// The `.pth` sentinel: what it watches, its first sweep, what it did.
fn sentinel_rows(table: &mut Table, report: &StatusReport) {
    let Some(sentinel) = &report.sentinel else {
        return;
    };
    if !sentinel.enabled {
        table.row([
            Cell::plain("python"),
            Cell::painted("not watched (sentinel.enabled = false)", Paint::Yellow),
        ]);
        return;
    }
    let sweep = if sentinel.sweep.initial_done {
        "first sweep done"
    } else {
        "first sweep running"
    };
    table.row([
        "python".to_owned(),
        format!(
            "{}, {} watched, {} watched for new ones; {sweep}",
            count(sentinel.environments.len(), "environment", "environments"),
            count(
                sentinel.site_dirs_watched,
                "site-packages directory",
                "site-packages directories"
            ),
            count(sentinel.root_dirs_watched, "directory", "directories"),
        ),
    ]);
    for error in &sentinel.watch_errors {
        table.row([
            Cell::plain(""),
            Cell::painted(format!("cannot watch {}", sanitize(error)), Paint::Yellow),
        ]);
    }
    let counters = &sentinel.counters;
    let action = if sentinel.on_critical == "alert" {
        "critical files are reported, not moved (sentinel.on_critical = \"alert\")"
    } else {
        "critical files are quarantined"
    };
    table.row([
        "start-up files".to_owned(),
        format!(
            "{} judged, {} suspicious, {} critical, {} quarantined; {action}",
            counters.files_analysed, counters.suspicious, counters.critical, counters.quarantined
        ),
    ]);
    let quarantined = match sentinel.quarantined {
        0 => Cell::plain("nothing"),
        1 => Cell::painted("1 file waits for review: sanctum review", Paint::Yellow),
        many => Cell::painted(
            format!("{many} files wait for review: sanctum review"),
            Paint::Yellow,
        ),
    };
    table.row([Cell::plain("quarantine"), quarantined]);
}

/// `1 environment`, `3 environments`.
fn count(number: usize, one: &str, many: &str) -> String {
    format!("{number} {}", if number == 1 { one } else { many })
}

/// Counters and resource use.
fn activity_rows(table: &mut Table, report: &StatusReport) {
    let counters = &report.counters;
    table.row([
        "connections".to_owned(),
        format!(
            "{} accepted, {} open, {} refused (other user), {} refused (busy)",
            counters.connections,
            counters.connections_open,
            counters.refused_peer,
            counters.refused_busy
        ),
    ]);
    table.row([
        "requests".to_owned(),
        format!(
            "{} answered, {} protocol errors",
            counters.requests, counters.protocol_errors
        ),
    ]);
    table.row([
        "audit records".to_owned(),
        format!("{} written", counters.audit_records),
    ]);
    table.row([
        "config reloads".to_owned(),
        format!(
            "{} applied, {} refused",
            counters.config_reloads, counters.config_reload_failures
        ),
    ]);
    table.row([
        "resources".to_owned(),
        format!(
            "{} RSS, {} CPU",
            format_bytes(report.resources.rss_bytes),
            format_duration_ms(report.resources.cpu_time_ms)
        ),
    ]);
}

/// What `status` can tell without the daemon.
#[derive(Debug, Serialize)]
struct Offline {
    running: bool,
    error: String,
    cli: CliVersion,
    socket: PathBuf,
    lock_holder_pid: Option<u32>,
    config: ConfigFacts,
    daemon_log: PathBuf,
    audit_log: AuditFacts,
}

#[derive(Debug, Serialize)]
struct CliVersion {
    version: &'static str,
    protocol: u32,
}

#[derive(Debug, Serialize)]
struct ConfigFacts {
    path: PathBuf,
    present: bool,
    project_file: Option<PathBuf>,
    valid: bool,
    problems: Vec<String>,
}

#[derive(Debug, Serialize)]
struct AuditFacts {
    path: PathBuf,
    last_record_at: Option<Timestamp>,
}

impl Offline {
    fn gather(paths: &Paths, error: &IpcError) -> Self {
        let holder = match lock_state(&paths.lock_file()) {
            Ok(LockState::Held(pid)) => Some(pid),
            _ => None,
        };
        let message = match (error, holder) {
            (IpcError::NotRunning { .. }, None) => {
                "sanctum-daemon is not running: run `sanctum daemon start`".to_owned()
            }
            (_, Some(pid)) => format!(
                "sanctum-daemon (pid {}) holds the lock but does not answer on {} ({error}): \
                 it may still be starting; if this persists run `sanctum daemon restart`",
                pid.map_or_else(|| "unknown".to_owned(), |pid| pid.to_string()),
                paths.socket.display()
            ),
            (_, None) => format!(
                "sanctum-daemon does not answer on {} ({error}): run `sanctum daemon restart`",
                paths.socket.display()
            ),
        };
        let (valid, problems) = match load_config(paths) {
            Ok(_) => (true, Vec::new()),
            Err(sanctum_types::Error::Config(problems)) => {
                (false, problems.0.iter().map(ToString::to_string).collect())
            }
            Err(other) => (false, vec![other.to_string()]),
        };
        Self {
            running: false,
            error: message,
            cli: CliVersion {
                version: VERSION,
                protocol: PROTOCOL_VERSION,
            },
            socket: paths.socket.clone(),
            lock_holder_pid: holder.flatten(),
            config: ConfigFacts {
                path: paths.config_file.clone(),
                present: paths.config_file.exists(),
                project_file: project_config(paths),
                valid,
                problems,
            },
            daemon_log: paths.daemon_log(),
            audit_log: AuditFacts {
                path: paths.audit_log(),
                last_record_at: last_record(&paths.audit_log()).map(|record| record.time),
            },
        }
    }
}

/// The rows shown while the daemon is down.
fn render_offline(offline: &Offline) -> Table {
    let mut table = Table::new();
    table.row([
        Cell::plain("sanctum-daemon"),
        Cell::painted("not running", Paint::Red),
    ]);
    table.row([
        "version".to_owned(),
        format!(
            "cli {} (protocol {})",
            offline.cli.version, offline.cli.protocol
        ),
    ]);
    table.row(["socket".to_owned(), offline.socket.display().to_string()]);
    let config = &offline.config;
    let presence = if config.present {
        ""
    } else {
        " (no such file: built-in defaults)"
    };
    table.row([
        "config".to_owned(),
        format!("{}{presence}", config.path.display()),
    ]);
    if let Some(project) = &config.project_file {
        table.row([String::new(), format!("project {}", project.display())]);
    }
    if config.valid {
        table.row([Cell::plain(""), Cell::painted("valid", Paint::Green)]);
    } else {
        table.row([Cell::plain(""), Cell::painted("invalid:", Paint::Red)]);
        for problem in &config.problems {
            for line in problem.lines().filter(|line| !line.trim().is_empty()) {
                table.row([
                    Cell::plain(""),
                    Cell::painted(sanitize(line.trim()), Paint::Red),
                ]);
            }
        }
    }
    table.row([
        "log file".to_owned(),
        offline.daemon_log.display().to_string(),
    ]);
    let last = offline.audit_log.last_record_at.map_or_else(
        || "no records yet".to_owned(),
        |time| format!("last record {}", local_time(time)),
    );
    table.row([
        "audit log".to_owned(),
        format!("{} ({last})", offline.audit_log.path.display()),
    ]);
    table
}

#[cfg(test)]
mod tests {
    use sanctum_types::ipc::{ConfigStatus, Counters, Resources, SentinelStatus, WatchedItem};

    use super::*;
    use crate::output::Style;

    fn report() -> StatusReport {
        StatusReport {
            version: VERSION.to_owned(),
            protocol: PROTOCOL_VERSION,
            pid: 42,
            started_at: Timestamp::UNIX_EPOCH,
            uptime_ms: 312_000,
            socket: "/run/s.sock".into(),
            log_file: None,
            audit_log: "/state/audit.ndjson".into(),
            config: ConfigStatus {
                path: "/c/config.toml".into(),
                file_present: true,
                loaded_at: Timestamp::UNIX_EPOCH,
                last_error: Some(
                    "invalid configuration (1 problem):\n  /c/config.toml:2: `x`: bad\n".into(),
                ),
                last_error_at: None,
            },
            watching: vec![
                WatchedItem {
                    kind: "config".into(),
                    path: "/c".into(),
                },
                WatchedItem {
                    kind: "site-packages".into(),
                    path: "/p".into(),
                },
                WatchedItem {
                    kind: "site-packages".into(),
                    path: "/q".into(),
                },
            ],
            sentinel: Some(SentinelStatus {
                enabled: true,
                on_critical: "quarantine".into(),
                site_dirs_watched: 2,
                quarantined: 1,
                ..SentinelStatus::default()
            }),
            counters: Counters {
                requests: 7,
                ..Counters::default()
            },
            resources: Resources {
                rss_bytes: 4 * 1024 * 1024,
                cpu_time_ms: 12,
            },
        }
    }

    #[test]
    fn running_table_shows_the_essentials_and_the_config_error() {
        let text = render_running(&report()).render(Style::new(false));
        assert!(
            text.starts_with("sanctum-daemon  running (pid 42)\n"),
            "{text}"
        );
        assert!(text.contains("\nuptime          5m 12s (since "), "{text}");
        assert!(
            text.contains("\n                /c/config.toml:2: `x`: bad\n"),
            "{text}"
        );
        assert!(
            text.contains("\nlog file        stderr (running in the foreground)\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "\nwatching        config  /c\n                site-packages  2 directories\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("\npython          0 environments, 2 site-packages directories watched"),
            "{text}"
        );
        assert!(
            text.contains("\nquarantine      1 file waits for review: sanctum review\n"),
            "{text}"
        );
        assert!(
            text.contains("\nrequests        7 answered, 0 protocol errors\n"),
            "{text}"
        );
        assert!(
            text.contains("\nresources       4.0 MiB RSS, 12ms CPU\n"),
            "{text}"
        );
    }
}
