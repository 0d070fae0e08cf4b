//! Private (0700, owned by us) directories: the trust anchor for the socket and state.

use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::Path;

use crate::Error;

/// Creates `dir` (and parents) with mode 0700 if missing, then verifies that it is a real
/// directory owned by the effective uid; a group/other-accessible mode is tightened.
///
/// A directory owned by someone else is refused: in a shared temp dir another user could
/// otherwise pre-create it and read or replace our socket.
///
/// # Errors
/// [`Error::Io`] if it cannot be created or inspected, [`Error::UnsafePath`] if it is a
/// symlink, not a directory, or owned by another user.
pub fn ensure_private_dir(dir: &Path) -> Result<(), Error> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(Error::io("create directory", dir))?;
    let meta = std::fs::symlink_metadata(dir).map_err(Error::io("inspect", dir))?;
    if !meta.is_dir() {
        return Err(Error::UnsafePath {
            path: dir.to_path_buf(),
            reason: "expected a directory (symlinks are not followed)".into(),
        });
    }
    let me = nix::unistd::geteuid().as_raw();
    if meta.uid() != me {
        return Err(Error::UnsafePath {
            path: dir.to_path_buf(),
            reason: format!("owned by uid {}, not by you (uid {me})", meta.uid()),
        });
    }
    if !is_owner_only(meta.mode()) {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(Error::io("chmod 0700", dir))?;
    }
    Ok(())
}

/// Whether `path` exists, is owned by the effective uid and grants nothing to group/other.
#[must_use]
pub fn is_private(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|meta| {
        meta.uid() == nix::unistd::geteuid().as_raw() && is_owner_only(meta.mode())
    })
}

/// Whether permission bits grant nothing to group or others.
#[expect(
    clippy::verbose_bit_mask,
    reason = "octal permission bits read better than trailing_zeros"
)]
fn is_owner_only(mode: u32) -> bool {
    mode & 0o077 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_and_tightens() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a/b");
        ensure_private_dir(&dir).unwrap();
        assert!(is_private(&dir));
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(!is_private(&dir));
        ensure_private_dir(&dir).unwrap();
        assert!(is_private(&dir));
    }

    #[test]
    fn refuses_a_symlink() {
        let root = tempfile::tempdir().unwrap();
        let real = root.path().join("real");
        std::fs::create_dir(&real).unwrap();
        let link = root.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert!(matches!(
            ensure_private_dir(&link),
            Err(Error::UnsafePath { .. })
        ));
    }
}
