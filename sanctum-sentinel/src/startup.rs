//! Reading start-up files from disk and judging them by kind: the entry point for the
//! daemon's watcher (one changed file) and for `sanctum pth check|scan`.
//!
//! Reads are bounded (a file larger than the analysers accept is judged on its prefix and is
//! critical for its size) and follow symlinks, as Python does.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::report::{Report, StartupFileKind};
use crate::{SentinelError, customize, pth, start};

/// Most bytes read from one start-up file (one more than any analyser judges, so that an
/// oversized file is still recognised as such).
pub const MAX_READ_BYTES: u64 = pth::MAX_PTH_BYTES as u64 + 1;

/// Judges `content` as a file of `kind` living in `site_dir` (if known).
#[must_use]
pub fn analyze_bytes(kind: StartupFileKind, content: &[u8], site_dir: Option<&Path>) -> Report {
    match kind {
        StartupFileKind::Pth => pth::analyze_in(content, site_dir),
        StartupFileKind::Customize => customize::analyze(content),
        StartupFileKind::Start => start::analyze(content),
    }
}

/// Reads and judges the start-up file at `path`; `None` if its name is not one Python runs.
///
/// # Errors
/// [`SentinelError::Io`] if it cannot be opened or read.
pub fn analyze_file(path: &Path) -> Result<Option<Report>, SentinelError> {
    let Some(kind) = StartupFileKind::of(path) else {
        return Ok(None);
    };
    let content = read_bounded(path)?;
    Ok(Some(analyze_bytes(kind, &content, path.parent())))
}

/// Reads at most [`MAX_READ_BYTES`] of `path`.
///
/// # Errors
/// [`SentinelError::Io`] if it cannot be opened or read.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, SentinelError> {
    let file = std::fs::File::open(path).map_err(SentinelError::io("open", path))?;
    let mut content = Vec::new();
    file.take(MAX_READ_BYTES)
        .read_to_end(&mut content)
        .map_err(SentinelError::io("read", path))?;
    Ok(content)
}

/// The start-up files directly inside `site_dir` (non-recursive, like Python), sorted.
///
/// # Errors
/// [`SentinelError::Io`] if the directory cannot be listed.
pub fn startup_files(site_dir: &Path) -> Result<Vec<PathBuf>, SentinelError> {
    let entries = std::fs::read_dir(site_dir).map_err(SentinelError::io("list", site_dir))?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| StartupFileKind::of(path).is_some() && path.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// One file of a site-directory scan: its path and its report (or why it could not be read).
pub type ScannedFile = (PathBuf, Result<Report, SentinelError>);

/// Judges every start-up file in `site_dir`; unreadable files are returned as errors in
/// place so one bad file does not hide the others.
///
/// # Errors
/// [`SentinelError::Io`] if the directory cannot be listed.
pub fn scan_site_dir(site_dir: &Path) -> Result<Vec<ScannedFile>, SentinelError> {
    Ok(startup_files(site_dir)?
        .into_iter()
        .filter_map(|path| {
            let result = analyze_file(&path).transpose()?;
            Some((path, result))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::Verdict;

    #[test]
    fn scans_a_site_dir_by_kind() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ok.pth"), "/somewhere\n").unwrap();
        std::fs::write(dir.path().join("bad.pth"), "import os; os.system('true')\n").unwrap();
        std::fs::write(dir.path().join("sitecustomize.py"), "import os\n").unwrap();
        std::fs::write(dir.path().join("module.py"), "import subprocess\n").unwrap();
        let results = scan_site_dir(dir.path()).unwrap();
        let verdicts: Vec<(String, Verdict)> = results
            .into_iter()
            .map(|(p, r)| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    r.unwrap().verdict,
                )
            })
            .collect();
        assert_eq!(
            verdicts,
            [
                ("bad.pth".to_owned(), Verdict::Critical),
                ("ok.pth".to_owned(), Verdict::Benign),
                ("sitecustomize.py".to_owned(), Verdict::Benign),
            ]
        );
    }
}
