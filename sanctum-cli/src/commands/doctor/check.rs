//! One check's result, and how a list of them is shown.

use std::fmt::Write as _;

use serde::Serialize;

use crate::output::{Paint, Style};

/// The verdict of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    /// As it should be.
    Pass,
    /// Works, but not as well as it could (e.g. no service installed).
    Warn,
    /// Broken: Sanctum does not protect as configured. Makes doctor exit 1.
    Fail,
}

impl CheckStatus {
    fn label(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Warn => "warn",
            Self::Fail => "fail",
        }
    }

    fn paint(self) -> Paint {
        match self {
            Self::Pass => Paint::Green,
            Self::Warn => Paint::Yellow,
            Self::Fail => Paint::Red,
        }
    }
}

/// The result of one check; `fix` is set for every warning and failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Stable identifier (`daemon`, `state-dir`, …), for scripts.
    pub name: &'static str,
    /// The verdict.
    pub status: CheckStatus,
    /// What was found.
    pub message: String,
    /// What to do about it.
    pub fix: Option<String>,
}

impl Check {
    /// A passed check.
    #[must_use]
    pub fn pass(name: &'static str, message: impl Into<String>) -> Self {
        Self {
            name,
            status: CheckStatus::Pass,
            message: message.into(),
            fix: None,
        }
    }

    /// A warning with its fix.
    #[must_use]
    pub fn warn(name: &'static str, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            name,
            status: CheckStatus::Warn,
            message: message.into(),
            fix: Some(fix.into()),
        }
    }

    /// A failure with its fix.
    #[must_use]
    pub fn fail(name: &'static str, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            name,
            status: CheckStatus::Fail,
            message: message.into(),
            fix: Some(fix.into()),
        }
    }
}

/// `pass  name  message` lines, names aligned, each warning and failure followed by an
/// indented `fix:` line, and a closing count.
#[must_use]
pub fn render_checks(checks: &[Check], style: Style) -> String {
    let width = checks
        .iter()
        .map(|check| check.name.len())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for check in checks {
        let label = style.paint(check.status.label(), check.status.paint());
        let mut lines = check.message.lines();
        let first = lines.next().unwrap_or_default();
        let _ = write!(text, "{label}  {:<width$}  {first}", check.name);
        text = text.trim_end().to_owned();
        text.push('\n');
        let indent = " ".repeat(4 + 2 + width + 2);
        for line in lines {
            let _ = writeln!(text, "{indent}{line}");
        }
        if let Some(fix) = &check.fix {
            let mut fix_lines = fix.lines();
            let first = fix_lines.next().unwrap_or_default();
            let _ = writeln!(text, "{indent}{} {first}", style.paint("fix:", Paint::Bold));
            for line in fix_lines {
                let _ = writeln!(text, "{indent}     {line}");
            }
        }
    }
    let count = |status| checks.iter().filter(|check| check.status == status).count();
    let _ = write!(
        text,
        "\n{} passed, {} warnings, {} failed\n",
        count(CheckStatus::Pass),
        count(CheckStatus::Warn),
        count(CheckStatus::Fail)
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_names_and_puts_fixes_under_the_message() {
        let checks = [
            Check::pass("config", "valid"),
            Check::fail("state-dir", "/s is mode 0755", "chmod 700 /s"),
        ];
        assert_eq!(
            render_checks(&checks, Style::new(false)),
            "pass  config     valid\n\
             fail  state-dir  /s is mode 0755\n\
             \x20                fix: chmod 700 /s\n\
             \n1 passed, 0 warnings, 1 failed\n"
        );
    }

    #[test]
    fn json_uses_lowercase_statuses() {
        let json = serde_json::to_value(Check::warn("service", "none", "install")).unwrap();
        assert_eq!(json["status"], "warn");
        assert_eq!(json["fix"], "install");
    }
}
