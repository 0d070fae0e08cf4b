//! Who wrote a start-up file, as far as can be told cheaply: the installer at work (from
//! [`crate::process`]) and the installed distribution whose `*.dist-info/RECORD` lists the
//! file.
//!
//! Both are context for a human reviewing a quarantined file. Neither is ever a reason to
//! leave critical code in place: a malicious package ships its `.pth` through an ordinary
//! installer and lists it in its own `RECORD`.

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::process::{ProcFs, find_installer};
use crate::quarantine::WriterInfo;

/// Most `*.dist-info` directories examined in one site directory.
const MAX_DISTRIBUTIONS: usize = 5000;
/// Most bytes read from one `RECORD`.
const MAX_RECORD_BYTES: u64 = 4 * 1024 * 1024;

/// A distribution that lists a file in its `RECORD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordOwner {
    /// The distribution name, as its `.dist-info` directory spells it.
    pub package: String,
    /// Its version.
    pub version: String,
}

/// The installed distribution in `site_dir` whose `RECORD` lists `file_name` (a file
/// directly in `site_dir`), looking for at most `budget`.
#[must_use]
pub fn record_owner(site_dir: &Path, file_name: &str, budget: Duration) -> Option<RecordOwner> {
    let started = Instant::now();
    let entries = std::fs::read_dir(site_dir).ok()?;
    for entry in entries.flatten().take(MAX_DISTRIBUTIONS) {
        if started.elapsed() >= budget {
            return None;
        }
        let name = entry.file_name();
        let Some(stem) = name
            .to_str()
            .and_then(|name| name.strip_suffix(".dist-info"))
        else {
            continue;
        };
        if record_lists(&entry.path().join("RECORD"), file_name) {
            let (package, version) = stem.split_once('-').unwrap_or((stem, ""));
            return Some(RecordOwner {
                package: package.to_owned(),
                version: version.to_owned(),
            });
        }
    }
    None
}

/// Whether the `RECORD` at `path` has a row for `file_name` (first CSV field, possibly
/// quoted).
fn record_lists(path: &Path, file_name: &str) -> bool {
    let mut bytes = Vec::new();
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    if file.take(MAX_RECORD_BYTES).read_to_end(&mut bytes).is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&bytes);
    text.lines().any(|line| {
        let first = match line.strip_prefix('"') {
            Some(quoted) => quoted.split('"').next().unwrap_or_default(),
            None => line.split(',').next().unwrap_or_default(),
        };
        first == file_name || first.strip_prefix("./") == Some(file_name)
    })
}

/// Everything knowable about who wrote `file`: the installer of user `uid` at work in its
/// environment (`env_root`) and the distribution listing it, within about `budget`.
#[must_use]
pub fn attribute_writer(
    proc: &ProcFs,
    uid: u32,
    file: &Path,
    env_root: Option<&Path>,
    budget: Duration,
) -> WriterInfo {
    let site_dir = file.parent().unwrap_or(Path::new("/"));
    let mut writer = WriterInfo::default();
    if let Some(installer) = find_installer(proc, uid, site_dir, env_root, budget) {
        writer.pid = Some(installer.pid);
        writer.process = Some(installer.process);
        writer.command_line = installer.command_line;
        writer.ancestors = installer.ancestors;
        writer.installer = Some(installer.installer.to_owned());
    }
    let name = file
        .file_name()
        .map(|name| name.to_string_lossy().into_owned());
    let owner = name.and_then(|name| record_owner(site_dir, &name, budget));
    writer.listed_in_record = Some(owner.is_some());
    if let Some(owner) = owner {
        writer.package = Some(owner.package);
        writer.version = Some(owner.version);
    }
    writer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_distribution_listing_a_file() {
        let site = tempfile::tempdir().unwrap();
        let dist = site.path().join("evil_pkg-1.2.3.dist-info");
        std::fs::create_dir(&dist).unwrap();
        std::fs::write(
            dist.join("RECORD"),
            "evil_pkg/__init__.py,sha256=x,10\nevil_pkg-init.pth,sha256=y,20\n\"odd,name.pth\",,\n",
        )
        .unwrap();
        let other = site.path().join("other-0.1.dist-info");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("RECORD"), "other/__init__.py,,\n").unwrap();
        let budget = Duration::from_secs(1);
        assert_eq!(
            record_owner(site.path(), "evil_pkg-init.pth", budget),
            Some(RecordOwner {
                package: "evil_pkg".into(),
                version: "1.2.3".into()
            })
        );
        assert_eq!(
            record_owner(site.path(), "odd,name.pth", budget).map(|o| o.package),
            Some("evil_pkg".into())
        );
        assert_eq!(record_owner(site.path(), "init.pth", budget), None);
        assert_eq!(
            record_owner(site.path(), "evil_pkg-init.pth", Duration::ZERO),
            None
        );
    }

    #[test]
    fn attribution_without_an_installer_still_reports_the_record() {
        let site = tempfile::tempdir().unwrap();
        let dist = site.path().join("pkg-2.0.dist-info");
        std::fs::create_dir(&dist).unwrap();
        std::fs::write(dist.join("RECORD"), "pkg.pth,,\n").unwrap();
        let empty_proc = tempfile::tempdir().unwrap();
        let writer = attribute_writer(
            &ProcFs::new(empty_proc.path()),
            0,
            &site.path().join("pkg.pth"),
            None,
            Duration::from_secs(1),
        );
        assert_eq!(writer.installer, None);
        assert_eq!(writer.listed_in_record, Some(true));
        assert_eq!(writer.package.as_deref(), Some("pkg"));
        assert_eq!(writer.version.as_deref(), Some("2.0"));
        let unlisted = attribute_writer(
            &ProcFs::new(empty_proc.path()),
            0,
            &site.path().join("stray.pth"),
            None,
            Duration::from_secs(1),
        );
        assert_eq!(unlisted.listed_in_record, Some(false));
    }
}
