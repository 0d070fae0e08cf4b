//! The local time zone, resolved with one file read.
//!
//! `jiff::tz::TimeZone::system()` first indexes the whole zoneinfo tree (about forty
//! directory reads, roughly a millisecond) before it looks at `/etc/localtime`: more than
//! the whole socket round trip of `sanctum status`. The CLI needs only the rules of the one
//! zone in force, so it reads that `TZif` file itself and asks jiff only when it cannot.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jiff::tz::TimeZone;

/// Where system zoneinfo databases live, in the order the C library looks.
const ZONEINFO_DIRS: [&str; 3] = [
    "/usr/share/zoneinfo",
    "/usr/lib/zoneinfo",
    "/usr/share/lib/zoneinfo",
];

/// The user's time zone (`TZ`, else `/etc/localtime`), resolved once per process.
pub fn local_time_zone() -> TimeZone {
    static LOCAL: OnceLock<TimeZone> = OnceLock::new();
    LOCAL.get_or_init(resolve).clone()
}

fn resolve() -> TimeZone {
    let from_env = std::env::var("TZ").ok().filter(|tz| !tz.is_empty());
    let resolved = match from_env {
        Some(tz) => from_tz_variable(&tz),
        None => read_tzif(Path::new("/etc/localtime"), "Local"),
    };
    resolved.unwrap_or_else(TimeZone::system)
}

/// `TZ` may be `:Name`, `Name`, an absolute `TZif` path, or a POSIX rule like `EST5EDT`.
fn from_tz_variable(tz: &str) -> Option<TimeZone> {
    let name = tz.strip_prefix(':').unwrap_or(tz);
    if Path::new(name).is_absolute() {
        return read_tzif(Path::new(name), name);
    }
    if !name.split('/').any(|part| part == "..") {
        let custom = std::env::var_os("TZDIR").map(PathBuf::from);
        let dirs = custom
            .into_iter()
            .chain(ZONEINFO_DIRS.iter().map(PathBuf::from));
        for dir in dirs {
            if let Some(zone) = read_tzif(&dir.join(name), name) {
                return Some(zone);
            }
        }
    }
    TimeZone::posix(name).ok()
}

fn read_tzif(path: &Path, name: &str) -> Option<TimeZone> {
    let data = std::fs::read(path).ok()?;
    TimeZone::tzif(name, &data).ok()
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;

    #[test]
    fn posix_rules_and_missing_names_resolve_without_the_database() {
        let zone = from_tz_variable("EST5EDT,M3.2.0,M11.1.0").unwrap();
        let winter: Timestamp = "2025-01-15T12:00:00Z".parse().unwrap();
        assert_eq!(winter.to_zoned(zone).offset().seconds(), -5 * 3600);
        assert!(from_tz_variable("../../etc/passwd").is_none());
    }

    #[test]
    fn a_tzif_file_is_read_directly_when_the_system_has_one() {
        let Some(dir) = ZONEINFO_DIRS
            .iter()
            .map(Path::new)
            .find(|dir| dir.join("Etc/UTC").is_file())
        else {
            return; // no system zoneinfo here: nothing to compare against
        };
        let zone = read_tzif(&dir.join("Etc/UTC"), "Etc/UTC").unwrap();
        assert_eq!(Timestamp::UNIX_EPOCH.to_zoned(zone).offset().seconds(), 0);
    }
}
