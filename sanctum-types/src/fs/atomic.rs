//! Atomic replacement of a file, so a crash leaves either the old or the new content.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::Error;

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` with the given mode via a temp file in the same directory,
/// fsyncs it, renames it over `path`, and fsyncs the directory.
///
/// # Errors
/// [`Error::Io`] naming the step that failed; the temp file is removed on failure.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(
        ".{name}.tmp.{}.{}",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&temp)
            .map_err(Error::io("create", &temp))?;
        // The umask narrowed `mode` at creation; files meant to be shared (a git hook, a
        // managed settings file read by every user) need exactly the mode asked for.
        file.set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(Error::io("chmod", &temp))?;
        file.write_all(bytes).map_err(Error::io("write", &temp))?;
        file.sync_all().map_err(Error::io("fsync", &temp))?;
        std::fs::rename(&temp, path).map_err(Error::io("rename into place", path))?;
        // The rename is durable only once the directory entry is flushed.
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(Error::io("fsync", dir))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn replaces_content_with_the_requested_mode_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new", 0o600).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn failure_names_the_path_and_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("is-a-dir");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("x"), "keep").unwrap();
        let error = write_atomic(&target, b"new", 0o600).unwrap_err();
        assert!(error.to_string().contains("is-a-dir"), "{error}");
        assert_eq!(std::fs::read_to_string(target.join("x")).unwrap(), "keep");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
