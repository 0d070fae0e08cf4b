//! `sanctum daemon uninstall-service`: disable and remove the user service. Idempotent.

use anyhow::Context as _;

use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::output::{note, print};
use crate::service::{Manager, launchd, systemd, tool};

/// Remove the user service installed by `sanctum daemon install-service`.
///
/// Stops and disables the service where the service manager is reachable, then removes the
/// unit or agent file. Running it when nothing is installed is not an error. A daemon
/// started by hand is not affected.
#[derive(Debug, clap::Args)]
pub struct UninstallServiceArgs {}

/// Disables the service (best effort) and removes its file.
///
/// # Errors
/// When the file exists but cannot be removed.
pub fn run(_args: &UninstallServiceArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let paths = context.paths()?;
    let manager = Manager::current();
    let file = manager.service_file(&paths.home);
    if !file.exists() {
        print(&format!(
            "no service is installed ({} does not exist)\n",
            file.display()
        ))?;
        return Ok(ExitStatus::Success);
    }
    let disabled = match manager {
        Manager::Systemd => tool::run(
            "systemctl",
            &["--user", "disable", "--now", systemd::UNIT_NAME],
        ),
        Manager::Launchd => tool::run(
            "launchctl",
            &[
                "bootout",
                &format!("gui/{}/{}", nix::unistd::getuid(), launchd::LABEL),
            ],
        ),
    };
    match disabled {
        Ok(()) => print("stopped and disabled the service\n")?,
        Err(reason) => note(
            context,
            &format!("could not disable the service ({reason}); removing its file anyway"),
        ),
    }
    std::fs::remove_file(&file).with_context(|| format!("cannot remove {}", file.display()))?;
    if manager == Manager::Systemd {
        let _ = tool::run("systemctl", &["--user", "daemon-reload"]);
    }
    print(&format!("removed {}\n", file.display()))?;
    Ok(ExitStatus::Success)
}
