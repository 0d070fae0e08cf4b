//! Leaving the launching terminal's session, so closing that terminal does not stop us.
//!
//! Only the session: the CLI that launches the daemon already points stdin at /dev/null
//! and stdout/stderr at the daemon log, and no fork happens here (the pid the CLI started
//! is the pid that serves, which keeps `sanctum daemon start` able to report it).

use nix::errno::Errno;

/// Starts a new session. Already being a process-group leader (EPERM) is fine: that is
/// what a service manager gives us.
pub(crate) fn start_new_session() -> Result<(), Errno> {
    match nix::unistd::setsid() {
        Ok(_) | Err(Errno::EPERM) => Ok(()),
        Err(errno) => Err(errno),
    }
}
