//! Building the `status` reply from the shared state.

use sanctum_types::ipc::StatusReport;
use sanctum_types::version::{PROTOCOL_VERSION, VERSION};

use crate::state::State;

/// Everything `sanctum status` shows, as of now.
pub(crate) fn report(state: &State) -> StatusReport {
    StatusReport {
        version: VERSION.to_owned(),
        protocol: PROTOCOL_VERSION,
        pid: state.pid,
        started_at: state.started_at,
        uptime_ms: u64::try_from(state.started.elapsed().as_millis()).unwrap_or(u64::MAX),
        socket: state.paths.socket.clone(),
        log_file: state.log_file.clone(),
        audit_log: state.paths.audit_log(),
        config: state.config.status(),
        watching: state
            .watching
            .iter()
            .cloned()
            .chain(state.sentinel.watched())
            .collect(),
        sentinel: Some(state.sentinel.status()),
        counters: state.counters.snapshot(),
        resources: state.resources.sample(state.pid),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_identity_paths_and_footprint() {
        let (_guards, state) = crate::state::test_state();
        let report = report(&state);
        assert_eq!(report.pid, std::process::id());
        assert_eq!(report.version, VERSION);
        assert_eq!(report.config.path, state.paths.config_file);
        assert_eq!(report.audit_log, state.paths.audit_log());
        assert!(report.log_file.is_none());
        assert!(report.resources.rss_bytes > 0);
    }
}
