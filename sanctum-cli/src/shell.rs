//! The shell hook: the line users put in their rc file, and the snippet it evaluates.
//!
//! The snippet starts sanctum-daemon when it is not running. It must never slow the prompt
//! down or print anything, and many shells may evaluate it at once: it runs
//! `sanctum daemon start --quiet --no-wait`, which returns within milliseconds, and the
//! daemon's instance lock settles any race between shells.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

/// Text that identifies the hook in an rc file (what `sanctum doctor` looks for).
pub const HOOK_MARKER: &str = "sanctum init --shell";

/// The shells `sanctum init --shell` supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// GNU bash.
    Bash,
    /// Z shell.
    Zsh,
    /// fish.
    Fish,
}

impl Shell {
    /// The user's login shell from `$SHELL`, when it is one we support.
    #[must_use]
    pub fn from_env() -> Option<Self> {
        let shell = PathBuf::from(std::env::var_os("SHELL")?);
        match shell.file_name()?.to_str()? {
            "bash" => Some(Self::Bash),
            "zsh" => Some(Self::Zsh),
            "fish" => Some(Self::Fish),
            _ => None,
        }
    }

    /// The lowercase name used on the command line.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Bash => "bash",
            Self::Zsh => "zsh",
            Self::Fish => "fish",
        }
    }

    /// The line to add to the rc file.
    #[must_use]
    pub fn hook_line(self) -> String {
        match self {
            Self::Bash | Self::Zsh => format!("eval \"$({HOOK_MARKER} {})\"", self.name()),
            Self::Fish => format!("{HOOK_MARKER} fish | source"),
        }
    }

    /// The rc file of an interactive shell, where the hook line belongs.
    #[must_use]
    pub fn rc_file(self, home: &Path, config_home: &Path) -> PathBuf {
        match self {
            Self::Bash => home.join(".bashrc"),
            Self::Zsh => home.join(".zshrc"),
            Self::Fish => config_home.join("fish").join("config.fish"),
        }
    }
}

/// Every rc file in which a hook line would take effect.
#[must_use]
pub fn rc_files(home: &Path, config_home: &Path) -> Vec<PathBuf> {
    vec![
        home.join(".bashrc"),
        home.join(".bash_profile"),
        home.join(".profile"),
        home.join(".zshrc"),
        home.join(".zprofile"),
        config_home.join("fish").join("config.fish"),
    ]
}

/// The snippet `eval "$(sanctum init --shell …)"` runs: start the daemon through the absolute
/// path of `sanctum`, without waiting and without output, if that binary still exists.
#[must_use]
pub fn render_snippet(shell: Shell, sanctum: &Path) -> String {
    let path = sanctum.to_string_lossy();
    let comment = "# sanctum: start sanctum-daemon in the background if it is not running \
                   (quiet, returns at once)";
    let start = "daemon start --quiet --no-wait >/dev/null 2>&1";
    match shell {
        Shell::Bash | Shell::Zsh => {
            let quoted = posix_quote(&path);
            format!("{comment}\nif [ -x {quoted} ]; then {quoted} {start} || true; fi\n")
        }
        Shell::Fish => {
            let quoted = fish_quote(&path);
            format!("{comment}\ntest -x {quoted}; and {quoted} {start}; or true\n")
        }
    }
}

/// Single-quotes `text` for a POSIX shell (`'` becomes `'\''`).
#[must_use]
pub fn posix_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// Single-quotes `text` for fish, where `\` and `'` are escaped inside single quotes.
#[must_use]
pub fn fish_quote(text: &str) -> String {
    format!("'{}'", text.replace('\\', r"\\").replace('\'', r"\'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posix_snippet_is_guarded_quiet_and_non_blocking() {
        let snippet = render_snippet(Shell::Bash, Path::new("/opt/my tools/sanctum"));
        assert_eq!(
            snippet.lines().nth(1).unwrap(),
            "if [ -x '/opt/my tools/sanctum' ]; then '/opt/my tools/sanctum' daemon start \
             --quiet --no-wait >/dev/null 2>&1 || true; fi"
        );
        assert_eq!(
            render_snippet(Shell::Zsh, Path::new("/x")),
            render_snippet(Shell::Bash, Path::new("/x"))
        );
    }

    #[test]
    fn fish_snippet_uses_fish_syntax() {
        let snippet = render_snippet(Shell::Fish, Path::new("/usr/bin/sanctum"));
        assert!(snippet.contains(
            "test -x '/usr/bin/sanctum'; and '/usr/bin/sanctum' daemon start --quiet --no-wait"
        ));
    }

    #[test]
    fn quoting_survives_quotes_and_backslashes() {
        assert_eq!(posix_quote("it's"), r"'it'\''s'");
        assert_eq!(fish_quote(r"a\b'c"), r"'a\\b\'c'");
    }

    #[test]
    fn hook_lines_contain_the_marker() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            assert!(shell.hook_line().contains(HOOK_MARKER));
        }
        assert_eq!(
            Shell::Zsh.hook_line(),
            r#"eval "$(sanctum init --shell zsh)""#
        );
    }
}
