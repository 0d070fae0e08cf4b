//! Running `systemctl --user` / `launchctl` and turning their failure into one line.

use std::process::{Command, Stdio};

/// Runs `program args…` with no stdin and returns `Err(reason)` when it is missing or
/// fails; the reason is the first line of its stderr (or its exit status).
///
/// # Errors
/// The one-line reason.
pub fn run(program: &str, args: &[&str]) -> Result<(), String> {
    let shown = format!("`{program} {}`", args.join(" "));
    let output = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("{shown} could not run: {error}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let reason = stderr
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .map_or_else(|| output.status.to_string(), crate::output::sanitize);
    Err(format!("{shown} failed: {reason}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_a_missing_program_and_the_first_stderr_line() {
        assert!(run("true", &[]).is_ok());
        let missing = run("/nonexistent/systemctl", &["--user"]).unwrap_err();
        assert!(
            missing.starts_with("`/nonexistent/systemctl --user` could not run"),
            "{missing}"
        );
        let failed = run(
            "sh",
            &["-c", "echo; echo 'no bus' >&2; echo more >&2; exit 3"],
        )
        .unwrap_err();
        assert!(failed.ends_with("failed: no bus"), "{failed}");
    }
}
