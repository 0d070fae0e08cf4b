//! `sanctum scan --install-pre-commit`: a git hook that runs `sanctum scan --staged`, so a
//! commit that adds a credential is stopped before it exists.
//!
//! An existing hook that Sanctum did not write is never replaced: the user is told the one
//! line to add to it instead. Re-running the install updates Sanctum's own hook.

use std::path::{Path, PathBuf};

use crate::error::CliError;
use crate::scanning::git;

/// Marks a hook as Sanctum's, so a re-install may replace it.
const MARKER: &str = "# sanctum pre-commit hook";

/// What the install did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installed {
    /// A new hook was written.
    Created(PathBuf),
    /// Sanctum's earlier hook was rewritten.
    Updated(PathBuf),
}

/// Installs the hook in the repository containing `dir`, calling `sanctum` at `binary`.
///
/// # Errors
/// [`CliError::Usage`] outside a git repository; [`CliError::Failed`] when a foreign hook is
/// already there or the file cannot be written.
pub fn install(dir: &Path, binary: &Path) -> Result<Installed, CliError> {
    let hooks = git::hooks_dir(dir)?;
    let hook = hooks.join("pre-commit");
    let existing = match std::fs::read_to_string(&hook) {
        Ok(text) => Some(text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => {
            return Err(CliError::Failed(format!(
                "cannot read {}: {error}",
                hook.display()
            )));
        }
    };
    if let Some(text) = &existing
        && !text.contains(MARKER)
    {
        return Err(CliError::Failed(format!(
            "{} already exists and was not written by sanctum; it was left alone. Add this line to it:\n    sanctum scan --staged || exit 1",
            hook.display()
        )));
    }
    std::fs::create_dir_all(&hooks)
        .map_err(|error| CliError::Failed(format!("cannot create {}: {error}", hooks.display())))?;
    sanctum_types::fs::write_atomic(&hook, script(binary).as_bytes(), 0o755)
        .map_err(|error| CliError::Failed(format!("cannot write {}: {error}", hook.display())))?;
    Ok(if existing.is_some() {
        Installed::Updated(hook)
    } else {
        Installed::Created(hook)
    })
}

/// The hook: prefers the binary that installed it, falls back to `sanctum` on `PATH`, and
/// fails closed (blocks the commit, with a message) when neither exists.
fn script(binary: &Path) -> String {
    let quoted = shell_quote(&binary.to_string_lossy());
    format!(
        "#!/bin/sh\n\
{MARKER} (installed by `sanctum scan --install-pre-commit`).\n\
# Blocks a commit whose staged changes add a credential. For a test value, add a\n\
# `sanctum:allow` comment on its line; to skip the check once: git commit --no-verify\n\
sanctum={quoted}\n\
[ -x \"$sanctum\" ] || sanctum=sanctum\n\
if ! command -v \"$sanctum\" >/dev/null 2>&1; then\n\
    echo 'sanctum pre-commit hook: sanctum is not installed; commit with --no-verify to skip the check' >&2\n\
    exit 1\n\
fi\n\
exec \"$sanctum\" scan --staged\n"
    )
}

/// `text` in single quotes, safe for `sh`.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_quotes_the_binary_path() {
        let text = script(Path::new("/opt/it's here/sanctum"));
        assert!(
            text.contains("sanctum='/opt/it'\\''s here/sanctum'"),
            "{text}"
        );
        assert!(text.starts_with("#!/bin/sh\n"));
        assert!(text.contains(MARKER));
    }
}
