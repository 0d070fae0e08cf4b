//! Check that a user service keeps the daemon running across logins and crashes.

use super::{Check, Facts};
use crate::service::Manager;

/// A systemd unit / launchd agent file is installed.
pub fn installed(facts: &Facts) -> Check {
    const NAME: &str = "service";
    let file = Manager::current().service_file(&facts.paths.home);
    if file.is_file() {
        Check::pass(NAME, format!("installed: {}", file.display()))
    } else {
        Check::warn(
            NAME,
            format!(
                "no user service ({} does not exist): the daemon only starts by hand or from \
                 the shell hook, and is not restarted if it fails",
                file.display()
            ),
            "sanctum daemon install-service",
        )
    }
}
