//! Check on the `.pth` sentinel: when enabled, the daemon really watches the user's Python
//! environments.

use super::{Check, Facts};

/// The daemon's sentinel is enabled and watching, with no watch failing; quarantined files
/// waiting for review are pointed out.
pub fn watching(facts: &Facts) -> Check {
    const NAME: &str = "sentinel";
    let Ok(report) = &facts.daemon else {
        return Check::warn(
            NAME,
            "not checked: the daemon does not answer, so no Python environment is watched",
            "sanctum daemon start",
        );
    };
    let Some(sentinel) = &report.sentinel else {
        return Check::warn(
            NAME,
            "the running daemon predates the .pth sentinel",
            "sanctum daemon restart",
        );
    };
    if !sentinel.enabled {
        return Check::warn(
            NAME,
            "disabled (sentinel.enabled = false): new .pth and sitecustomize files are not \
             checked",
            "set `enabled = true` under [sentinel] in the file `sanctum config path` prints",
        );
    }
    let expected: usize = sentinel
        .environments
        .iter()
        .map(|environment| environment.site_dirs.len())
        .sum();
    if !sentinel.watch_errors.is_empty() {
        let first = crate::output::sanitize(&sentinel.watch_errors[0]);
        let message = format!(
            "{} of {expected} site-packages directories are watched; {} watches failed, e.g. {first}",
            sentinel.site_dirs_watched,
            sentinel.watch_errors.len()
        );
        let fix = "raise the inotify limit (sysctl fs.inotify.max_user_watches), then \
                   `sanctum daemon restart`";
        return if sentinel.site_dirs_watched == 0 && expected > 0 {
            Check::fail(NAME, message, fix)
        } else {
            Check::warn(NAME, message, fix)
        };
    }
    if sentinel.quarantined > 0 {
        return Check::warn(
            NAME,
            format!(
                "watching {} Python environments; {} quarantined start-up files wait for review",
                sentinel.environments.len(),
                sentinel.quarantined
            ),
            "sanctum review",
        );
    }
    let state = if sentinel.discovered_at.is_none() {
        "starting: discovering Python environments".to_owned()
    } else {
        format!(
            "watching {} Python environments ({} site-packages directories)",
            sentinel.environments.len(),
            sentinel.site_dirs_watched
        )
    };
    Check::pass(NAME, state)
}
