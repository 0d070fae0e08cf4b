//! Check that a shell rc file starts the daemon (`sanctum init --shell …`).

use std::path::PathBuf;

use super::{Check, Facts};
use crate::locations::xdg_config_home;
use crate::shell::{HOOK_MARKER, Shell, rc_files};

/// Some rc file contains an active (not commented-out) hook line.
pub fn present(facts: &Facts) -> Check {
    const NAME: &str = "shell-hook";
    let home = &facts.paths.home;
    let config_home = xdg_config_home(home);
    let found: Vec<PathBuf> = rc_files(home, &config_home)
        .into_iter()
        .filter(|file| {
            std::fs::read_to_string(file).is_ok_and(|text| {
                text.lines()
                    .any(|line| line.contains(HOOK_MARKER) && !line.trim_start().starts_with('#'))
            })
        })
        .collect();
    if !found.is_empty() {
        let files: Vec<String> = found
            .iter()
            .map(|file| file.display().to_string())
            .collect();
        return Check::pass(NAME, format!("found in {}", files.join(", ")));
    }
    let shells = Shell::from_env().map_or_else(
        || vec![Shell::Bash, Shell::Zsh, Shell::Fish],
        |shell| vec![shell],
    );
    let fix: Vec<String> = shells
        .into_iter()
        .map(|shell| {
            format!(
                "add this line to {}:  {}",
                shell.rc_file(home, &config_home).display(),
                shell.hook_line()
            )
        })
        .collect();
    Check::warn(
        NAME,
        "no shell rc file starts the daemon, so it does not start with your shell",
        fix.join("\n"),
    )
}
