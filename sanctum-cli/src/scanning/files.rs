//! Scanning file trees: the `ignore` crate's parallel walker (the one ripgrep uses) decides
//! what to visit — `.gitignore`, `.ignore` and `.sanctumignore` files, hidden files,
//! symlinks — and each walker thread reads and scans the files it visits.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use ignore::{WalkBuilder, WalkState};
use sanctum_firewall::secrets::Detector;

use super::noise::{NoisePolicy, PathAllowlist};
use super::progress::Progress;
use super::{Collector, Origin, Outcome, display_path, scan_text};
use crate::error::CliError;

/// Ignore files honoured besides git's: lets a project exclude paths from scans only.
pub const SANCTUM_IGNORE_FILE: &str = ".sanctumignore";
/// How much of a file is checked for a NUL byte to decide it is binary (as git does).
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// What the walk visits and reads.
#[derive(Debug, Clone)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "mirrors independent command-line switches"
)]
pub struct WalkOptions {
    /// Also visit hidden files and directories (`.git` never).
    pub hidden: bool,
    /// Do not honour ignore files.
    pub no_ignore: bool,
    /// Follow symbolic links (loops are detected and skipped).
    pub follow_links: bool,
    /// Scan files that look binary too.
    pub binary: bool,
    /// Skip files larger than this.
    pub max_file_bytes: u64,
    /// Walker threads; 0 = one per CPU.
    pub threads: usize,
}

/// Everything a walk needs besides its options.
#[derive(Debug)]
pub struct Scanner<'a> {
    /// The shared detector.
    pub detector: &'a Detector,
    /// Finding-level noise rules.
    pub policy: &'a NoisePolicy,
    /// `scan.allow_paths`.
    pub allow_paths: &'a [String],
    /// Where progress is shown.
    pub progress: &'a Progress,
}

/// Scans every file under `roots`.
///
/// # Errors
/// [`CliError::Usage`] when a root does not exist; [`CliError::Config`] for a bad glob.
/// Files that cannot be read do not stop the scan: they are listed in the summary's errors.
pub fn scan_roots(
    roots: &[PathBuf],
    options: &WalkOptions,
    scanner: &Scanner<'_>,
) -> Result<Outcome, CliError> {
    let mut allowlists = Vec::with_capacity(roots.len());
    for root in roots {
        let metadata = std::fs::metadata(root)
            .map_err(|error| CliError::Usage(format!("cannot scan {}: {error}", root.display())))?;
        let base = if metadata.is_dir() {
            root.clone()
        } else {
            root.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        allowlists.push((
            base.clone(),
            PathAllowlist::new(&base, scanner.allow_paths)?,
        ));
    }
    let Some((first, rest)) = roots.split_first() else {
        return Ok(Outcome::default());
    };
    let mut builder = WalkBuilder::new(first);
    for root in rest {
        builder.add(root);
    }
    builder
        .standard_filters(!options.no_ignore)
        .hidden(!options.hidden)
        .require_git(false)
        .follow_links(options.follow_links)
        .threads(options.threads)
        .filter_entry(|entry| entry.file_name() != ".git");
    if !options.no_ignore {
        builder.add_custom_ignore_filename(SANCTUM_IGNORE_FILE);
    }

    let collector = Collector::default();
    builder.build_parallel().run(|| {
        let collector = &collector;
        let allowlists = &allowlists;
        Box::new(move |entry| {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    record_walk_error(collector, &error);
                    return WalkState::Continue;
                }
            };
            let path = entry.path();
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            let allowed = allowlists
                .iter()
                .find(|(base, _)| path.starts_with(base))
                .is_some_and(|(_, allow)| allow.allows(path, is_dir));
            if allowed {
                collector.note(|s| s.skipped.allowed_path += 1);
                return if is_dir {
                    WalkState::Skip
                } else {
                    WalkState::Continue
                };
            }
            if entry.file_type().is_some_and(|t| t.is_file()) {
                scan_file(path, options, scanner, collector);
            }
            WalkState::Continue
        })
    });
    Ok(collector.finish())
}

/// Reads and scans one regular file, recording why when it is skipped.
fn scan_file(path: &Path, options: &WalkOptions, scanner: &Scanner<'_>, collector: &Collector) {
    let shown = display_path(path);
    let bytes = match read_capped(path, options.max_file_bytes) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            collector.note(|s| s.skipped.too_large += 1);
            return;
        }
        Err(error) => {
            collector.note(|s| {
                s.skipped.unreadable += 1;
                s.errors.push(format!("cannot read {shown}: {error}"));
            });
            return;
        }
    };
    if !options.binary && looks_binary(&bytes) {
        collector.note(|s| s.skipped.binary += 1);
        return;
    }
    let origin = Origin {
        file: shown,
        commit: None,
    };
    let result = scan_text(scanner.detector, scanner.policy, &origin, &bytes);
    let total = collector.add(result, bytes.len() as u64);
    scanner.progress.file_done(total);
}

/// The whole file, or `None` if it is larger than `cap` (checked before and while reading,
/// so a file that grows mid-scan cannot exhaust memory).
fn read_capped(path: &Path, cap: u64) -> std::io::Result<Option<Vec<u8>>> {
    let file = File::open(path)?;
    let length = file.metadata()?.len();
    if length > cap {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Ok(None);
    }
    Ok(Some(bytes))
}

/// A NUL byte near the start means binary, as git and ripgrep decide.
#[must_use]
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_SNIFF_BYTES)].contains(&0)
}

fn record_walk_error(collector: &Collector, error: &ignore::Error) {
    let text = error.to_string();
    let is_loop = matches!(innermost(error), ignore::Error::Loop { .. });
    collector.note(|s| {
        s.skipped.unreadable += 1;
        if is_loop {
            s.warnings.push(format!("skipped a symlink loop: {text}"));
        } else {
            s.errors.push(text);
        }
    });
}

/// The error under the path / depth / line wrappers `ignore` adds.
fn innermost(error: &ignore::Error) -> &ignore::Error {
    match error {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => innermost(err),
        other => other,
    }
}
