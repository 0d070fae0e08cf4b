//! Checks on the installed binaries: `sanctum` on PATH, `sanctum-daemon` of the same version.

use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Command, Stdio};

use sanctum_types::env_vars::SANCTUM_DAEMON_BIN;
use sanctum_types::version::VERSION;

use super::{Check, Facts};
use crate::control::{DAEMON_BINARY_NAME, daemon_binary as locate_daemon, find_on_path};

const REINSTALL: &str =
    "reinstall both binaries from one build (scripts/install.sh), then `sanctum daemon restart`";

/// `sanctum` on PATH is this very binary, so hooks and the shell snippet run what you run.
pub fn cli_on_path(_facts: &Facts) -> Check {
    const NAME: &str = "cli-on-path";
    let exe = std::env::current_exe().ok();
    let shown = exe
        .as_deref()
        .map_or_else(|| "unknown".to_owned(), |exe| exe.display().to_string());
    match find_on_path("sanctum") {
        None => Check::warn(
            NAME,
            format!("`sanctum` is not on PATH (this one is {shown})"),
            match exe.as_deref().and_then(Path::parent) {
                Some(dir) => format!(
                    "add its directory to PATH in your shell rc: export PATH=\"{}:$PATH\"",
                    dir.display()
                ),
                None => "add the directory of `sanctum` to PATH".to_owned(),
            },
        ),
        Some(found) if exe.as_deref().is_some_and(|exe| same_file(&found, exe)) => {
            Check::pass(NAME, format!("{} is this binary", found.display()))
        }
        Some(found) => Check::warn(
            NAME,
            format!(
                "PATH finds {}, which is not this binary ({shown})",
                found.display()
            ),
            format!("remove the stale copy or put the right directory first in PATH; {REINSTALL}"),
        ),
    }
}

/// `sanctum-daemon` can be found and reports our version.
pub fn daemon_binary(_facts: &Facts) -> Check {
    const NAME: &str = "daemon-binary";
    let path = match locate_daemon() {
        Ok(path) => path,
        Err(error) => {
            return Check::fail(
                NAME,
                error.to_string(),
                format!(
                    "install {DAEMON_BINARY_NAME} next to sanctum (scripts/install.sh), or set \
                     {SANCTUM_DAEMON_BIN}"
                ),
            );
        }
    };
    match version_of(&path) {
        Ok(version) if version == VERSION => {
            Check::pass(NAME, format!("{} is version {version}", path.display()))
        }
        Ok(version) => Check::fail(
            NAME,
            format!(
                "{} is version {version}, but sanctum is {VERSION}",
                path.display()
            ),
            REINSTALL,
        ),
        Err(reason) => Check::fail(
            NAME,
            format!("`{} --version` failed: {reason}", path.display()),
            REINSTALL,
        ),
    }
}

/// The version printed by `<daemon> --version` (`sanctum-daemon 0.1.0`).
fn version_of(daemon: &Path) -> Result<String, String> {
    let output = Command::new(daemon)
        .arg("--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|error| error.to_string())?;
    if !output.status.success() {
        return Err(output.status.to_string());
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text.lines().next().unwrap_or_default().trim();
    Ok(line
        .strip_prefix(DAEMON_BINARY_NAME)
        .unwrap_or(line)
        .trim()
        .to_owned())
}

/// Whether two paths name the same file (after symlinks).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}
