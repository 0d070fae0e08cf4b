//! Re-reading the config: the one place where the config in force changes.
//!
//! A reload that fails validation changes nothing but the reported error: the old config
//! stays in force, the problems are logged, counted, shown by `status` and audited. A
//! reload that yields the same effective config (an editor touching the file, a SIGHUP
//! out of habit) is silent, unless it clears an earlier failure. A SIGHUP or
//! `reload_config` request also makes the sentinel look for Python environments again.

use std::fmt;

use sanctum_types::audit::{Action, AuditRecord, Category, Level};
use serde_json::json;

use super::load::{ConfigFailure, LoadedConfig, load_user_config};
use crate::counters::bump;
use crate::state::State;

/// What asked for the reload; recorded in logs and audit details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trigger {
    /// The file changed on disk.
    FileChange,
    /// SIGHUP.
    Signal,
    /// A `reload_config` request.
    Request,
}

impl fmt::Display for Trigger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::FileChange => "file change",
            Self::Signal => "SIGHUP",
            Self::Request => "request",
        })
    }
}

/// What a successful reload did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReloadOutcome {
    /// A new config is in force.
    Applied,
    /// The file yields the config already in force; nothing happened.
    Unchanged,
}

/// Loads the user config again and applies it, or records why it cannot be.
pub(crate) fn reload(state: &State, trigger: Trigger) -> Result<ReloadOutcome, ConfigFailure> {
    let _one_at_a_time = state.config.lock_reloads();
    let path = state.config.path().to_path_buf();
    match load_user_config(&path) {
        Ok(loaded) => {
            if loaded.same_as(&state.config.current()) && !state.config.has_failure() {
                tracing::debug!(%trigger, "config unchanged");
                if trigger != Trigger::FileChange {
                    // An explicit reload is also how a user asks for a fresh look at their
                    // Python environments.
                    state.sentinel.configure(&loaded.config.sentinel, true);
                }
                return Ok(ReloadOutcome::Unchanged);
            }
            apply(state, &loaded, trigger);
            let file_present = loaded.file_present;
            state.config.replace(loaded);
            bump(&state.counters.config_reloads);
            tracing::info!(%trigger, path = %path.display(), file_present, "config reloaded");
            state.audit.record(
                AuditRecord::now(
                    Level::Info,
                    Category::Config,
                    Action::None,
                    "config reloaded",
                )
                .with_details(json!({
                    "path": path,
                    "trigger": trigger.to_string(),
                    "file_present": file_present,
                })),
            );
            Ok(ReloadOutcome::Applied)
        }
        Err(failure) => {
            state.config.record_failure(&failure.message);
            bump(&state.counters.config_reload_failures);
            tracing::warn!(
                %trigger,
                "config reload refused; the previous config stays in force: {}",
                failure.message
            );
            state.audit.record(refused_record(
                "config reload refused; the previous config stays in force",
                &path,
                &failure,
                Some(trigger),
            ));
            Err(failure)
        }
    }
}

/// Reports a config that was already invalid when the daemon started (defaults apply).
pub(crate) fn report_invalid_at_start(state: &State, failure: &ConfigFailure) {
    let path = state.config.path();
    tracing::warn!(
        "config invalid at start; running with the built-in defaults: {}",
        failure.message
    );
    state.audit.record(refused_record(
        "config invalid at start; running with the built-in defaults",
        path,
        failure,
        None,
    ));
}

/// Pushes the parts of a new config that live outside the store into their owners.
fn apply(state: &State, loaded: &LoadedConfig, trigger: Trigger) {
    let previous = state.config.current();
    if let Some(log) = &state.log_control {
        let (old, new) = (&previous.config.daemon, &loaded.config.daemon);
        if old.log_level != new.log_level {
            log.set_level(&new.log_level);
        }
        if old.log_max_bytes != new.log_max_bytes {
            log.set_max_bytes(new.log_max_bytes);
        }
    }
    if previous.config.audit != loaded.config.audit {
        state.audit.set_limits(&loaded.config.audit);
    }
    let sentinel_changed = previous.config.sentinel != loaded.config.sentinel;
    if sentinel_changed || trigger != Trigger::FileChange {
        state
            .sentinel
            .configure(&loaded.config.sentinel, trigger != Trigger::FileChange);
    }
}

fn refused_record(
    summary: &str,
    path: &std::path::Path,
    failure: &ConfigFailure,
    trigger: Option<Trigger>,
) -> AuditRecord {
    AuditRecord::now(Level::Warning, Category::Config, Action::Refused, summary).with_details(
        json!({
            "path": path,
            "trigger": trigger.map(|trigger| trigger.to_string()),
            "problems": failure.problems,
        }),
    )
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::Ordering;

    use super::*;
    use crate::state::test_state;

    #[test]
    fn good_bad_and_unchanged_reloads() {
        let (dir, state) = test_state();
        let path = state.config.path().to_path_buf();

        assert_eq!(
            reload(&state, Trigger::Request),
            Ok(ReloadOutcome::Unchanged)
        );

        std::fs::write(&path, "[daemon]\nmax_connections = 7\n").unwrap();
        assert_eq!(reload(&state, Trigger::Request), Ok(ReloadOutcome::Applied));
        assert_eq!(state.config.current().config.daemon.max_connections, 7);
        assert_eq!(state.counters.config_reloads.load(Ordering::Relaxed), 1);

        std::fs::write(&path, "[daemon]\nmax_connections = 0\n").unwrap();
        let failure = reload(&state, Trigger::Signal).unwrap_err();
        assert!(
            failure.message.contains("daemon.max_connections"),
            "{failure:?}"
        );
        assert_eq!(state.config.current().config.daemon.max_connections, 7);
        assert!(state.config.status().last_error.is_some());
        assert_eq!(
            state
                .counters
                .config_reload_failures
                .load(Ordering::Relaxed),
            1
        );

        // Back to the config in force: not a change, but the failure must clear.
        std::fs::write(&path, "[daemon]\nmax_connections = 7\n").unwrap();
        assert_eq!(
            reload(&state, Trigger::FileChange),
            Ok(ReloadOutcome::Applied)
        );
        assert!(state.config.status().last_error.is_none());

        std::fs::remove_file(&path).unwrap();
        assert_eq!(
            reload(&state, Trigger::FileChange),
            Ok(ReloadOutcome::Applied)
        );
        assert_eq!(state.config.current().config.daemon.max_connections, 128);
        assert!(!state.config.current().file_present);
        drop(dir);
    }
}
