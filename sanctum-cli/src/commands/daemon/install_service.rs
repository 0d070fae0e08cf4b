//! `sanctum daemon install-service`: run the daemon as a systemd user unit or launchd agent.

use std::path::Path;

use anyhow::Context as _;
use sanctum_types::fs::write_atomic;
use sanctum_types::paths::Paths;

use crate::context::Context;
use crate::control::{self, PROBE_TIMEOUT, StartOutcome, StopOutcome};
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::output::{print, warn};
use crate::service::{Manager, ServiceSpec, launchd, systemd, tool};

/// Install sanctum-daemon as a user service that restarts it if it fails
///
/// Linux: writes ~/.config/systemd/user/sanctum-daemon.service (honouring
/// `$XDG_CONFIG_HOME`), then runs `systemctl --user daemon-reload` and
/// `systemctl --user enable --now sanctum-daemon.service`.
/// macOS: writes ~/Library/LaunchAgents/dev.sanctum.daemon.plist and loads it with
/// `launchctl bootstrap`.
///
/// The service runs the absolute path of the sanctum-daemon found now, and keeps
/// `$SANCTUM_SOCKET` and `$SANCTUM_CONFIG` if they are set. A daemon started by hand is handed
/// over to the service. Where no user service manager works (containers, SSH sessions
/// without a user bus) the file is still written and this says so; use
/// `sanctum daemon start` and the shell hook (`sanctum init`) instead.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct InstallServiceArgs {
    /// Only write the service file; do not enable or start it.
    #[arg(long)]
    pub no_enable: bool,
}

/// Writes the service file and enables it unless told not to.
///
/// # Errors
/// When the daemon binary cannot be found or the file cannot be written. A failure to
/// enable is reported as a warning, not an error: the file is in place.
pub fn run(args: &InstallServiceArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let paths = context.paths()?;
    let manager = Manager::current();
    let daemon = control::daemon_binary()?;
    let spec = ServiceSpec::new(daemon, paths);
    let file = manager.service_file(&paths.home);
    if let Some(dir) = file.parent() {
        // New directories get 0700 from our umask; existing ones are left as they are.
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    write_atomic(&file, spec.render(manager).as_bytes(), 0o600)?;
    print(&format!("wrote {}\n", file.display()))?;
    if args.no_enable {
        print(&format!(
            "not enabled (--no-enable); to enable it later: {}\n",
            enable_commands(manager, &file)
        ))?;
        return Ok(ExitStatus::Success);
    }
    let running = control::ping(&paths.socket, PROBE_TIMEOUT).ok();
    if let Some(daemon) = &running {
        // The service must own the daemon; one started by hand would hold the lock.
        if let StopOutcome::Stopped { .. } = control::stop(paths)? {
            print(&format!(
                "stopped sanctum-daemon (pid {}) so that the service can take over\n",
                daemon.pid
            ))?;
        }
    }
    match enable(manager, &file) {
        Ok(()) => {
            print("enabled: sanctum-daemon now runs as a user service and restarts if it fails\n")?;
        }
        Err(reason) => {
            warn(
                context,
                &format!(
                    "the service file is written but NOT enabled: {reason}\n  \
                     This is expected in containers and sessions without a user service \
                     manager.\n  Instead, run `sanctum daemon start` now and add the shell \
                     hook (see `sanctum init`) so that new shells start the daemon."
                ),
            );
            if running.is_some() {
                restore(paths)?;
            }
        }
    }
    Ok(ExitStatus::Success)
}

/// Hands the file to the service manager.
fn enable(manager: Manager, file: &Path) -> Result<(), String> {
    match manager {
        Manager::Systemd => {
            tool::run("systemctl", &["--user", "daemon-reload"])?;
            tool::run(
                "systemctl",
                &["--user", "enable", "--now", systemd::UNIT_NAME],
            )
        }
        Manager::Launchd => {
            let domain = format!("gui/{}", nix::unistd::getuid());
            // Unload a previous version first; failing because none is loaded is normal.
            let _ = tool::run(
                "launchctl",
                &["bootout", &format!("{domain}/{}", launchd::LABEL)],
            );
            tool::run(
                "launchctl",
                &["bootstrap", &domain, &file.to_string_lossy()],
            )
        }
    }
}

/// The commands a user would run to enable the written file.
fn enable_commands(manager: Manager, file: &Path) -> String {
    match manager {
        Manager::Systemd => format!(
            "`systemctl --user daemon-reload && systemctl --user enable --now {}`",
            systemd::UNIT_NAME
        ),
        Manager::Launchd => format!("`launchctl bootstrap gui/$(id -u) {}`", file.display()),
    }
}

/// Restarts the daemon we stopped when the service could not take over.
fn restore(paths: &Paths) -> Result<(), CliError> {
    if let StartOutcome::Started { pid } = control::start(paths, true)? {
        print(&format!("restarted sanctum-daemon by hand (pid {pid})\n"))?;
    }
    Ok(())
}
