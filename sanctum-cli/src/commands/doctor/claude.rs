//! Checks on Claude Code settings that a repository controls.
//!
//! A project's `.claude/settings.json` or `.claude/settings.local.json` can switch every
//! user-level hook off (`disableAllHooks`), put its own directory first on the hooks' `PATH`,
//! or run hooks of its own — all without asking (see `shared/specs/agent-hooks.md` §1). Only
//! hooks installed as managed settings survive that.

use std::path::{Path, PathBuf};

use super::{Check, Facts};
use crate::agents::claude::project_risks;

/// Project settings files are looked for this many directories up from the current one.
const MAX_LEVELS: usize = 32;

/// Warns about project Claude Code settings that weaken or bypass Sanctum's hooks.
pub fn project_settings(facts: &Facts) -> Check {
    const NAME: &str = "claude-project";
    let Some(cwd) = facts.cwd.as_deref() else {
        return Check::pass(NAME, "no current directory to check");
    };
    let files = project_settings_files(cwd, &facts.paths.home);
    if files.is_empty() {
        return Check::pass(NAME, "no .claude/settings*.json in this project");
    }
    let mut findings = Vec::new();
    for file in &files {
        let risks = match std::fs::read(file) {
            Ok(bytes) => match serde_json::from_slice(&bytes) {
                Ok(settings) => project_risks(&settings),
                Err(error) => vec![format!("is not valid JSON ({error})")],
            },
            Err(error) => vec![format!("cannot be read ({error})")],
        };
        findings.extend(
            risks
                .into_iter()
                .map(|risk| format!("{} {risk}", file.display())),
        );
    }
    if findings.is_empty() {
        let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        return Check::pass(NAME, format!("{} leave hooks alone", names.join(", ")));
    }
    Check::warn(
        NAME,
        crate::output::sanitize_lines(&findings.join("\n")),
        "review those settings before running an assistant here; to make Sanctum's hooks impossible to switch off from a repository, install them as managed settings (`sudo sanctum hooks install claude --managed`)",
    )
}

/// `.claude/settings.json` and `.claude/settings.local.json` in `cwd` and its parents, up to
/// (not including) the home directory, whose `.claude` holds the *user* settings.
fn project_settings_files(cwd: &Path, home: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in cwd.ancestors().take(MAX_LEVELS) {
        if dir == home {
            break;
        }
        for name in ["settings.json", "settings.local.json"] {
            let file = dir.join(".claude").join(name);
            if file.is_file() {
                files.push(file);
            }
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_settings_up_to_but_not_including_home() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        let project = home.join("proj");
        let sub = project.join("src/deep");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::create_dir_all(home.join(".claude")).unwrap();
        std::fs::create_dir_all(project.join(".claude")).unwrap();
        std::fs::write(home.join(".claude/settings.json"), "{}").unwrap();
        std::fs::write(project.join(".claude/settings.local.json"), "{}").unwrap();
        assert_eq!(
            project_settings_files(&sub, &home),
            [project.join(".claude/settings.local.json")]
        );
    }
}
