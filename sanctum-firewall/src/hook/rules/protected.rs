//! Places an assistant must not write: Sanctum's own config and state and the assistant's
//! settings (self-protection: otherwise it could switch Sanctum off), and the places code is
//! started from later without anyone asking (shell start-up files, git hooks, user services,
//! autostart, cron) — persistence.

use std::path::Path;

use super::super::decision::{Decision, Verdict};
use super::super::places::Places;

/// Rule id for writes to Sanctum's or the assistant's own settings.
pub(crate) const SELF_PROTECTION: &str = "self-protection";
/// Rule id for writes that make code run later.
pub(crate) const PERSISTENCE: &str = "persistence";

/// Shell start-up files, relative to the home directory.
const SHELL_STARTUP: &[&str] = &[
    ".bashrc",
    ".bash_profile",
    ".bash_login",
    ".bash_logout",
    ".profile",
    ".zshrc",
    ".zshenv",
    ".zprofile",
    ".zlogin",
    ".config/fish/config.fish",
    ".config/fish/conf.d",
    ".xprofile",
    ".xinitrc",
];

/// Directories whose contents are started automatically, relative to the home directory.
const AUTOSTART_DIRS: &[&str] = &[
    ".config/systemd/user",
    ".config/autostart",
    ".local/share/systemd/user",
    "Library/LaunchAgents",
];

/// Blocks a write to `path` (absolute, normalised) when it is protected.
pub(crate) fn check(path: &Path, places: &Places, decision: &mut Decision) {
    if let Some(what) = self_protected(path, places) {
        decision.add(
            Verdict::Block,
            SELF_PROTECTION,
            format!(
                "changing {what} ({}) is blocked: an assistant must not be able to weaken its own guard; make this change yourself",
                path.display()
            ),
        );
        return;
    }
    if let Some(what) = places.homes.iter().find_map(|home| persistence(path, home)) {
        decision.add(
            Verdict::Block,
            PERSISTENCE,
            format!(
                "writing {} is blocked: {what} runs code later without anyone asking; make this change yourself if you want it",
                path.display()
            ),
        );
    }
}

fn self_protected(path: &Path, places: &Places) -> Option<&'static str> {
    if places
        .sanctum_dirs()
        .iter()
        .any(|dir| path.starts_with(dir))
    {
        return Some("Sanctum's configuration or state");
    }
    if path.starts_with("/etc/claude-code") {
        return Some("Claude Code's managed settings");
    }
    let name = path.file_name()?.to_str()?;
    let in_claude_dir = path.parent().is_some_and(|dir| {
        places.claude_dirs().iter().any(|claude| claude == dir)
            || dir.file_name().is_some_and(|n| n == ".claude")
    });
    let json = Path::new(name)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    if in_claude_dir && name.starts_with("settings") && json {
        return Some("the assistant's settings");
    }
    if name == ".claude.json" && places.homes.iter().any(|home| path.parent() == Some(home)) {
        return Some("the assistant's settings");
    }
    None
}

fn persistence(path: &Path, home: &Path) -> Option<&'static str> {
    if let Ok(relative) = path.strip_prefix(home) {
        if SHELL_STARTUP.iter().any(|file| relative.starts_with(file)) {
            return Some("a shell start-up file");
        }
        if AUTOSTART_DIRS.iter().any(|dir| relative.starts_with(dir)) {
            return Some("an autostart or user-service entry");
        }
    }
    if path
        .components()
        .collect::<Vec<_>>()
        .windows(2)
        .any(|pair| pair[0].as_os_str() == ".git" && pair[1].as_os_str() == "hooks")
    {
        return Some("a git hook");
    }
    if path.starts_with("/var/spool/cron") || path.starts_with("/etc/cron.d") {
        return Some("a cron job");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(path: &str) -> Option<String> {
        let places = Places::new(Path::new("/tmp/fake-home"), &[Path::new("/home/u").into()]);
        let mut decision = Decision::allow();
        check(Path::new(path), &places, &mut decision);
        decision.reasons.first().map(|r| r.rule.clone())
    }

    #[test]
    fn protected_places_are_blocked_and_ordinary_files_are_not() {
        assert_eq!(
            verdict("/home/u/.config/sanctum/config.toml").as_deref(),
            Some(SELF_PROTECTION)
        );
        assert_eq!(
            verdict("/home/u/.claude/settings.json").as_deref(),
            Some(SELF_PROTECTION)
        );
        assert_eq!(
            verdict("/home/u/proj/.claude/settings.local.json").as_deref(),
            Some(SELF_PROTECTION)
        );
        assert_eq!(verdict("/home/u/.bashrc").as_deref(), Some(PERSISTENCE));
        assert_eq!(
            verdict("/home/u/proj/.git/hooks/pre-commit").as_deref(),
            Some(PERSISTENCE)
        );
        assert_eq!(
            verdict("/home/u/.config/systemd/user/x.service").as_deref(),
            Some(PERSISTENCE)
        );
        assert_eq!(verdict("/home/u/proj/src/main.rs"), None);
        assert_eq!(verdict("/home/u/proj/.claude/commands/x.md"), None);
        assert_eq!(verdict("/home/u/proj/docs/bashrc.md"), None);
        // The fake home is protected too: adding a home only adds protection.
        assert_eq!(
            verdict("/tmp/fake-home/.zshrc").as_deref(),
            Some(PERSISTENCE)
        );
    }
}
