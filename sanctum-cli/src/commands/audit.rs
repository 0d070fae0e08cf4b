//! `sanctum audit`: list (and follow) audit records, filtered by age, level and category.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context as _;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use jiff::{SignedDuration, Timestamp};
use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecursiveMode, Watcher};
use sanctum_types::audit::{AuditFilter, AuditRecord, Category, Level, read_records};
use sanctum_types::fs::ensure_private_dir;

use crate::audit_log::{Follower, format_header, format_record, parse_duration};
use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::output::{Style, note, warn};

/// Read the audit log of security events
///
/// Lists the records of the audit log (including rotated files), oldest first, as a table
/// of local TIME, LEVEL, CATEGORY, ACTION and SUMMARY. Records never contain secret values.
///
/// Examples:
///   sanctum audit --last 24h --level warning
///   sanctum audit --category firewall --category sentinel --json
///   sanctum audit --follow
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct AuditArgs {
    /// Only records from this long ago until now: a number and a unit, s, m, h, d or w
    /// (30s, 15m, 24h, 7d, 2w).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub last: Option<Duration>,
    /// Only records at this level or above.
    #[arg(long, value_name = "LEVEL", value_parser = level_parser())]
    pub level: Option<Level>,
    /// Only records of this category (repeat for several).
    #[arg(long, value_name = "CATEGORY", value_parser = category_parser())]
    pub category: Vec<Category>,
    /// Print one JSON record per line (NDJSON), exactly as stored.
    #[arg(long)]
    pub json: bool,
    /// Keep running and print matching records as they are written, until Ctrl-C.
    #[arg(long, short)]
    pub follow: bool,
}

fn level_parser() -> impl TypedValueParser<Value = Level> {
    PossibleValuesParser::new(Level::ALL.iter().map(|(_, name)| *name))
        .map(|name| name.parse::<Level>().unwrap_or(Level::Info))
}

fn category_parser() -> impl TypedValueParser<Value = Category> {
    PossibleValuesParser::new(Category::ALL.iter().map(|(_, name)| *name))
        .map(|name| name.parse::<Category>().unwrap_or(Category::Other))
}

/// Lists matching records, then follows the log if asked.
///
/// # Errors
/// When the log cannot be read or stdout cannot be written.
pub fn run(args: &AuditArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let paths = context.paths()?;
    let log = paths.audit_log();
    let filter = AuditFilter {
        since: args.last.map(since),
        min_level: args.level,
        categories: args.category.clone(),
    };
    let style = context.stdout;
    // Follow: watch before reading so nothing appended meanwhile is missed.
    let watch = if args.follow {
        ensure_private_dir(&paths.state_dir)?;
        Some(watch(&paths.state_dir)?)
    } else {
        None
    };
    let start_offset = Follower::current_length(&log);
    let (records, stats) = read_records(&log, &filter)?;
    if stats.skipped_lines > 0 {
        warn(
            context,
            &format!(
                "skipped {} unreadable line{} in {} (a torn write or a hand edit)",
                stats.skipped_lines,
                if stats.skipped_lines == 1 { "" } else { "s" },
                log.display()
            ),
        );
    }
    let mut out = std::io::stdout().lock();
    if !args.json && (!records.is_empty() || args.follow) {
        writeln!(out, "{}", format_header(style))?;
    }
    for record in &records {
        write_record(&mut out, record, args.json, style)?;
    }
    out.flush()?;
    drop(out);
    let Some((watcher, events)) = watch else {
        if records.is_empty() {
            note(
                context,
                &format!("no matching audit records in {}", log.display()),
            );
        }
        return Ok(ExitStatus::Success);
    };
    let shown: HashSet<String> = records.into_iter().map(|record| record.id).collect();
    follow(
        &log,
        start_offset,
        shown,
        &filter,
        args.json,
        style,
        &events,
    )?;
    drop(watcher);
    Ok(ExitStatus::Success)
}

/// `now - duration`, saturating at the earliest representable time.
fn since(duration: Duration) -> Timestamp {
    SignedDuration::try_from(duration)
        .ok()
        .and_then(|duration| Timestamp::now().checked_sub(duration).ok())
        .unwrap_or(Timestamp::MIN)
}

fn write_record(
    out: &mut impl Write,
    record: &AuditRecord,
    json: bool,
    style: Style,
) -> Result<(), CliError> {
    if json {
        serde_json::to_writer(&mut *out, record)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{}", format_record(record, style))?;
    }
    Ok(())
}

type Events = mpsc::Receiver<notify::Result<notify::Event>>;

/// A non-recursive watch on the state dir; events arrive on the returned channel.
fn watch(dir: &Path) -> Result<(notify::RecommendedWatcher, Events), CliError> {
    let (sender, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = sender.send(event);
    })
    .context("cannot watch the audit log")?;
    watcher
        .watch(dir, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch {}", dir.display()))?;
    Ok((watcher, receiver))
}

/// Prints records appended after `offset`, woken by file-system events only.
fn follow(
    log: &Path,
    offset: u64,
    mut shown: HashSet<String>,
    filter: &AuditFilter,
    json: bool,
    style: Style,
    events: &Events,
) -> Result<(), CliError> {
    let mut follower = Follower::new(log, offset);
    let log_name = log
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut first = true;
    loop {
        let mut out = std::io::stdout().lock();
        for line in follower.read_new_lines()? {
            let Ok(record) = serde_json::from_slice::<AuditRecord>(&line) else {
                continue;
            };
            // Records read by the listing may reappear once, between its snapshot and now.
            if filter.matches(&record) && !shown.contains(&record.id) {
                write_record(&mut out, &record, json, style)?;
            }
        }
        out.flush()?;
        drop(out);
        if first {
            shown.clear();
            first = false;
        }
        // Block until something in the directory changes that concerns the log.
        loop {
            match events.recv() {
                Ok(Ok(event)) if concerns(&event, &log_name) => break,
                Ok(_) => {}
                Err(_) => return Ok(()),
            }
        }
    }
}

/// Whether `event` may mean new records: a write, create, rename or removal of the log or
/// one of its rotated files. Opens and reads are ignored (ours would wake us forever).
fn concerns(event: &notify::Event, log_name: &str) -> bool {
    let relevant_kind = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write))
        | EventKind::Create(_)
        | EventKind::Modify(_)
        | EventKind::Remove(_)
        | EventKind::Any
        | EventKind::Other => true,
        EventKind::Access(_) => false,
    };
    relevant_kind
        && (event.paths.is_empty()
            || event.paths.iter().any(|path| {
                path.file_name()
                    .is_some_and(|name| name.to_string_lossy().starts_with(log_name))
            }))
}

#[cfg(test)]
mod tests {
    use notify::event::{CreateKind, DataChange, ModifyKind};

    use super::*;

    fn event(kind: EventKind, path: &str) -> notify::Event {
        notify::Event::new(kind).add_path(path.into())
    }

    #[test]
    fn only_writes_to_the_log_wake_the_follower() {
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert!(concerns(&event(write, "/s/audit.ndjson"), "audit.ndjson"));
        assert!(concerns(
            &event(EventKind::Create(CreateKind::File), "/s/audit.ndjson.1"),
            "audit.ndjson"
        ));
        assert!(!concerns(&event(write, "/s/daemon.log"), "audit.ndjson"));
        assert!(!concerns(
            &event(
                EventKind::Access(AccessKind::Open(AccessMode::Any)),
                "/s/audit.ndjson"
            ),
            "audit.ndjson"
        ));
    }

    #[test]
    fn since_saturates_instead_of_overflowing() {
        assert_eq!(since(Duration::from_secs(u64::MAX)), Timestamp::MIN);
        assert!(since(Duration::from_mins(1)) < Timestamp::now());
    }
}
