//! The launchd agent (macOS), rendered as a property list.
//!
//! `KeepAlive { SuccessfulExit = false }` restarts the daemon only after a failure (launchd
//! has no equivalent of systemd's `RestartPreventExitStatus`, so `ThrottleInterval` keeps a
//! daemon that finds another instance running from spinning). The daemon runs with
//! `--foreground` so launchd supervises it directly; its stderr goes to the daemon log.

use std::fmt::Write as _;

use super::ServiceSpec;

/// The agent's label, also the plist's file stem.
pub const LABEL: &str = "dev.sanctum.daemon";

/// The property list.
#[must_use]
pub fn render_plist(spec: &ServiceSpec) -> String {
    let string = |text: &str| format!("<string>{}</string>", escape(text));
    let log = spec.log.to_string_lossy();
    let mut plist = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \
         \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n\
         <!-- Written by `sanctum daemon install-service`; remove with \
         `sanctum daemon uninstall-service`. -->\n\
         <plist version=\"1.0\">\n<dict>\n",
    );
    let _ = write!(plist, "  <key>Label</key>\n  {}\n", string(LABEL));
    let _ = write!(
        plist,
        "  <key>ProgramArguments</key>\n  <array>\n    {}\n    {}\n  </array>\n",
        string(&spec.daemon.to_string_lossy()),
        string("--foreground")
    );
    if !spec.environment.is_empty() {
        plist.push_str("  <key>EnvironmentVariables</key>\n  <dict>\n");
        for (name, value) in &spec.environment {
            let _ = write!(
                plist,
                "    <key>{}</key>\n    {}\n",
                escape(name),
                string(value)
            );
        }
        plist.push_str("  </dict>\n");
    }
    let _ = write!(
        plist,
        "  <key>RunAtLoad</key>\n  <true/>\n\
         \x20 <key>KeepAlive</key>\n  <dict>\n    <key>SuccessfulExit</key>\n    <false/>\n  </dict>\n\
         \x20 <key>ThrottleInterval</key>\n  <integer>10</integer>\n\
         \x20 <key>StandardOutPath</key>\n  {log}\n\
         \x20 <key>StandardErrorPath</key>\n  {log}\n\
         </dict>\n</plist>\n",
        log = string(&log)
    );
    plist
}

/// Escapes the five XML special characters.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_runs_at_load_and_restarts_only_after_failure() {
        let plist = render_plist(&ServiceSpec {
            daemon: "/Users/u/bin/sanctum-daemon".into(),
            environment: vec![("SANCTUM_CONFIG", "/Users/u/a&b.toml".into())],
            log: "/Users/u/state/daemon.log".into(),
        });
        assert!(plist.contains("<key>Label</key>\n  <string>dev.sanctum.daemon</string>"));
        assert!(plist.contains(
            "<string>/Users/u/bin/sanctum-daemon</string>\n    <string>--foreground</string>"
        ));
        assert!(plist.contains("<key>RunAtLoad</key>\n  <true/>"));
        assert!(plist.contains(
            "<key>KeepAlive</key>\n  <dict>\n    <key>SuccessfulExit</key>\n    <false/>"
        ));
        assert!(
            plist.contains("<key>SANCTUM_CONFIG</key>\n    <string>/Users/u/a&amp;b.toml</string>")
        );
        assert!(plist.contains(
            "<key>StandardErrorPath</key>\n  <string>/Users/u/state/daemon.log</string>"
        ));
        assert!(plist.ends_with("</dict>\n</plist>\n"));
    }

    #[test]
    fn escapes_xml_specials() {
        assert_eq!(
            escape(r#"<a & 'b' "c">"#),
            "&lt;a &amp; &apos;b&apos; &quot;c&quot;&gt;"
        );
    }
}
