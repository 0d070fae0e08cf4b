//! The systemd user unit, rendered as text.
//!
//! `Restart=on-failure` brings the daemon back after a crash; `RestartPreventExitStatus=4`
//! stops a restart loop when a daemon started by hand already holds the instance lock.

use std::fmt::Write as _;

use super::ServiceSpec;

/// The unit's file name.
pub const UNIT_NAME: &str = "sanctum-daemon.service";

/// The unit file. `--foreground` keeps the daemon attached so systemd supervises it and
/// journald collects its log.
#[must_use]
pub fn render_unit(spec: &ServiceSpec) -> String {
    let mut unit = String::from(
        "# Written by `sanctum daemon install-service`; remove with \
         `sanctum daemon uninstall-service`.\n\
         [Unit]\n\
         Description=Sanctum security daemon\n\
         \n\
         [Service]\n\
         Type=simple\n",
    );
    let _ = writeln!(
        unit,
        "ExecStart={} --foreground",
        quote(&spec.daemon.to_string_lossy())
    );
    for (name, value) in &spec.environment {
        let _ = writeln!(unit, "Environment={}", quote(&format!("{name}={value}")));
    }
    unit.push_str(
        "Restart=on-failure\n\
         RestartSec=2\n\
         RestartPreventExitStatus=4\n\
         \n\
         [Install]\n\
         WantedBy=default.target\n",
    );
    unit
}

/// Double-quotes a word for systemd: `\` and `"` escaped, `%` doubled (specifiers) and `$`
/// doubled (variable expansion), so any path survives verbatim.
#[must_use]
pub fn quote(word: &str) -> String {
    let mut quoted = String::from("\"");
    for c in word.chars() {
        match c {
            '\\' | '"' => {
                quoted.push('\\');
                quoted.push(c);
            }
            '%' => quoted.push_str("%%"),
            '$' => quoted.push_str("$$"),
            '\n' => quoted.push_str("\\n"),
            _ => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(environment: Vec<(&'static str, String)>) -> ServiceSpec {
        ServiceSpec {
            daemon: "/home/u/.local/bin/sanctum-daemon".into(),
            environment,
            log: "/home/u/.local/state/sanctum/daemon.log".into(),
        }
    }

    #[test]
    fn unit_runs_the_absolute_daemon_in_the_foreground_and_restarts_on_failure_only() {
        let unit = render_unit(&spec(Vec::new()));
        assert!(unit.contains("\nExecStart=\"/home/u/.local/bin/sanctum-daemon\" --foreground\n"));
        assert!(unit.contains("\nRestart=on-failure\n"));
        assert!(unit.contains("\nRestartSec=2\n"));
        assert!(unit.contains("\nRestartPreventExitStatus=4\n"));
        assert!(unit.contains("\n[Install]\nWantedBy=default.target\n"));
        assert!(!unit.contains("Environment="));
    }

    #[test]
    fn environment_is_passed_through_quoted() {
        let unit = render_unit(&spec(vec![("SANCTUM_SOCKET", "/tmp/a b/d.sock".into())]));
        assert!(unit.contains("\nEnvironment=\"SANCTUM_SOCKET=/tmp/a b/d.sock\"\n"));
    }

    #[test]
    fn quoting_neutralises_specifiers_variables_and_quotes() {
        assert_eq!(quote(r#"/a%b/$c/"d"\e"#), r#""/a%%b/$$c/\"d\"\\e""#);
    }
}
