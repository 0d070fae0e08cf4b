//! Claude Code settings: registering Sanctum's hooks, finding them again, and spotting a
//! project that could switch them off.
//!
//! The entry shape and the precedence rules are in `shared/specs/agent-hooks.md` §1–2. Our
//! entries always name the binary by absolute path (a project's `env.PATH` could otherwise
//! substitute a fake `sanctum`), set a short `timeout` (the default is 600 s) and
//! `"onFailure": "block"` (the default lets a crashed or hung hook through).
//!
//! Everything here works on `serde_json::Value` so a user's other settings, unknown keys and
//! key order survive a round trip untouched.

use serde_json::{Map, Value, json};

/// Seconds Claude Code waits for one hook before applying `onFailure`. A hook answers in
/// milliseconds; the margin covers a loaded machine, not a slow design.
pub const HOOK_TIMEOUT_SECONDS: u64 = 10;

/// One hook Sanctum registers: which event, which tools, which `sanctum hook` action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HookSpec {
    /// Claude Code event name.
    pub event: &'static str,
    /// Tool-name regex; `None` for events without tools.
    pub matcher: Option<&'static str>,
    /// The argument of `sanctum hook`.
    pub action: &'static str,
}

/// Every hook Sanctum installs. Glob, Grep and `MultiEdit` no longer exist in Claude Code
/// (file search arrives as Bash), so they are not listed.
pub const HOOKS: &[HookSpec] = &[
    HookSpec {
        event: "PreToolUse",
        matcher: Some("Bash"),
        action: "pre-bash",
    },
    HookSpec {
        event: "PreToolUse",
        matcher: Some("Read"),
        action: "pre-read",
    },
    HookSpec {
        event: "PreToolUse",
        matcher: Some("Write|Edit|NotebookEdit"),
        action: "pre-write",
    },
    HookSpec {
        event: "PreToolUse",
        matcher: Some("mcp__.*"),
        action: "pre-mcp",
    },
    HookSpec {
        event: "PreToolUse",
        matcher: Some("WebFetch|WebSearch"),
        action: "pre-fetch",
    },
    HookSpec {
        event: "PostToolUse",
        matcher: Some("Bash"),
        action: "post-bash",
    },
    HookSpec {
        event: "PostToolUse",
        matcher: Some("Read"),
        action: "post-read",
    },
    HookSpec {
        event: "UserPromptSubmit",
        matcher: None,
        action: "prompt",
    },
];

/// One Sanctum hook found in a settings file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundHook {
    /// Event it is registered under.
    pub event: String,
    /// Its matcher, if any.
    pub matcher: Option<String>,
    /// The `sanctum hook` action it runs.
    pub action: String,
    /// The binary it runs (as written).
    pub binary: String,
    /// Its timeout in seconds, if set.
    pub timeout: Option<u64>,
    /// Whether a failure blocks the tool call.
    pub blocks_on_failure: bool,
}

/// The shell command line of one hook: the binary quoted for `/bin/sh`, then the action.
#[must_use]
pub fn command_line(binary: &str, action: &str) -> String {
    format!("{} hook {action}", sh_quote(binary))
}

/// Adds every hook of [`HOOKS`] to `settings`, replacing Sanctum hooks already there (so a
/// re-install updates the binary path) and keeping everything else.
///
/// # Errors
/// A description of the part of `settings` that is not shaped as Claude Code expects
/// (e.g. `"hooks"` is a string); nothing is changed then.
pub fn install(settings: &mut Value, binary: &str) -> Result<(), String> {
    check_shape(settings)?;
    remove(settings);
    let Some(root) = settings.as_object_mut() else {
        return Err("the settings file is not a JSON object".into());
    };
    let hooks = root
        .entry("hooks")
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(hooks) = hooks.as_object_mut() else {
        return Err("`hooks` is not an object".into());
    };
    for spec in HOOKS {
        let list = hooks
            .entry(spec.event)
            .or_insert_with(|| Value::Array(Vec::new()));
        let Some(list) = list.as_array_mut() else {
            return Err(format!("`hooks.{}` is not a list", spec.event));
        };
        let mut group = Map::new();
        if let Some(matcher) = spec.matcher {
            group.insert("matcher".into(), Value::String(matcher.into()));
        }
        group.insert(
            "hooks".into(),
            json!([{
                "type": "command",
                "command": command_line(binary, spec.action),
                "timeout": HOOK_TIMEOUT_SECONDS,
                "onFailure": "block",
            }]),
        );
        list.push(Value::Object(group));
    }
    Ok(())
}

/// Removes every Sanctum hook from `settings` (and groups or event lists left empty by
/// that); returns how many hooks were removed. Other hooks are untouched.
pub fn remove(settings: &mut Value) -> usize {
    let Some(hooks) = settings.get_mut("hooks").and_then(Value::as_object_mut) else {
        return 0;
    };
    let mut removed = 0;
    for list in hooks.values_mut() {
        let Some(groups) = list.as_array_mut() else {
            continue;
        };
        for group in groups.iter_mut() {
            if let Some(entries) = group.get_mut("hooks").and_then(Value::as_array_mut) {
                let before = entries.len();
                entries.retain(|entry| parse_entry(entry).is_none());
                removed += before - entries.len();
            }
        }
        groups.retain(|group| {
            group
                .get("hooks")
                .and_then(Value::as_array)
                .is_none_or(|entries| !entries.is_empty())
        });
    }
    hooks.retain(|_, list| list.as_array().is_none_or(|groups| !groups.is_empty()));
    removed
}

/// Every Sanctum hook registered in `settings`.
#[must_use]
pub fn find(settings: &Value) -> Vec<FoundHook> {
    let mut found = Vec::new();
    let Some(hooks) = settings.get("hooks").and_then(Value::as_object) else {
        return found;
    };
    for (event, list) in hooks {
        for group in list.as_array().into_iter().flatten() {
            let matcher = group
                .get("matcher")
                .and_then(Value::as_str)
                .map(str::to_owned);
            for entry in group
                .get("hooks")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some((binary, action)) = parse_entry(entry) {
                    found.push(FoundHook {
                        event: event.clone(),
                        matcher: matcher.clone(),
                        action,
                        binary,
                        timeout: entry.get("timeout").and_then(Value::as_u64),
                        blocks_on_failure: entry.get("onFailure").and_then(Value::as_str)
                            == Some("block"),
                    });
                }
            }
        }
    }
    found
}

/// Settings in a project that can switch user-level hooks off or hijack them; each item is a
/// sentence for `doctor`.
#[must_use]
pub fn project_risks(settings: &Value) -> Vec<String> {
    let mut risks = Vec::new();
    if settings.get("disableAllHooks").and_then(Value::as_bool) == Some(true) {
        risks.push(
            "sets `disableAllHooks: true`, which switches off every user-level hook (Sanctum's included)"
                .to_owned(),
        );
    }
    if let Some(env) = settings.get("env").and_then(Value::as_object) {
        for name in ["PATH", "LD_PRELOAD", "LD_LIBRARY_PATH", "BASH_ENV", "ENV"] {
            if env.contains_key(name) {
                risks.push(format!(
                    "sets `env.{name}`, which reaches every hook process and every command the assistant runs"
                ));
            }
        }
    }
    if settings
        .get("hooks")
        .and_then(Value::as_object)
        .is_some_and(|hooks| !hooks.is_empty())
    {
        risks.push(
            "registers its own hooks, which run code from the repository without asking".to_owned(),
        );
    }
    risks
}

/// `(binary, action)` when `entry` is a command hook running `… sanctum hook <action>`.
fn parse_entry(entry: &Value) -> Option<(String, String)> {
    if entry.get("type").and_then(Value::as_str) != Some("command") {
        return None;
    }
    let command = entry.get("command")?.as_str()?;
    if let Some(args) = entry.get("args").and_then(Value::as_array) {
        let args: Vec<&str> = args.iter().filter_map(Value::as_str).collect();
        if is_sanctum_binary(command)
            && let [hook, action] = args.as_slice()
            && *hook == "hook"
        {
            return Some((command.to_owned(), (*action).to_owned()));
        }
        return None;
    }
    let (binary, rest) = split_first_word(command)?;
    let action = rest.trim().strip_prefix("hook ")?.trim();
    (is_sanctum_binary(&binary) && !action.is_empty() && !action.contains(' '))
        .then(|| (binary, action.to_owned()))
}

fn is_sanctum_binary(path: &str) -> bool {
    path.rsplit('/').next() == Some("sanctum")
}

/// The first shell word of `command` (single quotes and backslashes understood) and the rest.
fn split_first_word(command: &str) -> Option<(String, &str)> {
    let command = command.trim_start();
    let mut word = String::new();
    let mut chars = command.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '\'' => loop {
                match chars.next() {
                    Some((_, '\'')) => break,
                    Some((_, c)) => word.push(c),
                    None => return None,
                }
            },
            '\\' => word.push(chars.next()?.1),
            c if c.is_whitespace() => return Some((word, &command[at..])),
            c => word.push(c),
        }
    }
    Some((word, ""))
}

/// `text` quoted for `/bin/sh` when it needs it.
fn sh_quote(text: &str) -> String {
    if !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+,:@%".contains(&b))
    {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// Refuses settings whose hook sections have a shape we would have to clobber.
fn check_shape(settings: &Value) -> Result<(), String> {
    let Some(root) = settings.as_object() else {
        return Err("the settings file is not a JSON object".into());
    };
    let Some(hooks) = root.get("hooks") else {
        return Ok(());
    };
    let Some(hooks) = hooks.as_object() else {
        return Err("`hooks` is not an object".into());
    };
    for spec in HOOKS {
        if let Some(list) = hooks.get(spec.event)
            && !list.is_array()
        {
            return Err(format!("`hooks.{}` is not a list", spec.event));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user_settings() -> Value {
        json!({
            "model": "opus",
            "hooks": {
                "PreToolUse": [
                    { "matcher": "Bash", "hooks": [{ "type": "command", "command": "/usr/bin/my-linter" }] }
                ],
                "Stop": [ { "hooks": [{ "type": "command", "command": "notify-send done" }] } ]
            }
        })
    }

    #[test]
    fn install_adds_every_hook_by_absolute_path_and_keeps_the_rest() {
        let mut settings = user_settings();
        install(&mut settings, "/home/u/.local/bin/sanctum").unwrap();
        let found = find(&settings);
        assert_eq!(found.len(), HOOKS.len());
        assert!(
            found
                .iter()
                .all(|h| h.binary == "/home/u/.local/bin/sanctum"
                    && h.blocks_on_failure
                    && h.timeout == Some(HOOK_TIMEOUT_SECONDS))
        );
        assert_eq!(settings["model"], "opus");
        assert_eq!(
            settings["hooks"]["PreToolUse"][0]["hooks"][0]["command"],
            "/usr/bin/my-linter"
        );
        assert_eq!(
            settings["hooks"]["Stop"][0]["hooks"][0]["command"],
            "notify-send done"
        );
    }

    #[test]
    fn install_is_idempotent_and_updates_the_path() {
        let mut settings = user_settings();
        install(&mut settings, "/old/sanctum").unwrap();
        let once = settings.clone();
        install(&mut settings, "/old/sanctum").unwrap();
        assert_eq!(settings, once);
        install(&mut settings, "/new path/sanctum").unwrap();
        let found = find(&settings);
        assert_eq!(found.len(), HOOKS.len());
        assert!(found.iter().all(|h| h.binary == "/new path/sanctum"));
        assert!(
            settings
                .to_string()
                .contains("'/new path/sanctum' hook pre-bash"),
            "{settings}"
        );
    }

    #[test]
    fn remove_takes_only_sanctum_hooks_away() {
        let mut settings = user_settings();
        let original = settings.clone();
        install(&mut settings, "/x/sanctum").unwrap();
        assert_eq!(remove(&mut settings), HOOKS.len());
        assert_eq!(settings, original);
        assert_eq!(remove(&mut settings), 0);
    }

    #[test]
    fn exec_form_entries_are_recognised() {
        let settings = json!({"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [
            {"type": "command", "command": "/opt/sanctum", "args": ["hook", "pre-bash"]},
            {"type": "command", "command": "/opt/not-sanctum", "args": ["hook", "pre-bash"]}
        ]}]}});
        let found = find(&settings);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].action, "pre-bash");
        assert!(!found[0].blocks_on_failure);
    }

    #[test]
    fn malformed_settings_are_refused_unchanged() {
        let mut settings = json!({"hooks": "nope"});
        assert!(install(&mut settings, "/x/sanctum").is_err());
        assert_eq!(settings, json!({"hooks": "nope"}));
        let mut settings = json!({"hooks": {"PreToolUse": {}}});
        assert!(install(&mut settings, "/x/sanctum").is_err());
        assert!(install(&mut json!([1]), "/x/sanctum").is_err());
    }

    #[test]
    fn project_risks_are_named() {
        let settings = json!({"disableAllHooks": true, "env": {"PATH": "./bin:/usr/bin"}, "hooks": {"SessionStart": []}});
        let found = project_risks(&settings);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(project_risks(&json!({"model": "x", "hooks": {}})).is_empty());
    }
}
