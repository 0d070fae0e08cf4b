//! The machinery behind `sanctum scan`: where text comes from (a file tree, stdin, the git
//! index, git history), which findings are noise, and how results are printed.
//!
//! The detector itself lives in `sanctum_firewall::secrets`; this module only feeds it and
//! keeps the bookkeeping a user needs to trust a clean result (what was skipped and why).

pub mod baseline;
pub mod files;
pub mod git;
pub mod noise;
pub mod pre_commit;
pub mod progress;
pub mod report;

use std::sync::Mutex;

use sanctum_firewall::secrets::{Detector, Finding};
use serde::Serialize;

use noise::{Judgement, NoisePolicy};

/// Where a piece of scanned text came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Origin {
    /// The file, relative to the scanned directory when it was found by walking, as given
    /// otherwise; `-` for stdin.
    pub file: String,
    /// The commit that added the text (`--history`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
}

/// One finding, located in its source.
#[derive(Debug, Clone, Serialize)]
pub struct Located {
    /// Where.
    #[serde(flatten)]
    pub origin: Origin,
    /// What; line numbers are those of the file (not of a diff).
    #[serde(flatten)]
    pub finding: Finding,
}

/// Why a file was not scanned. Counted and reported, so "no findings" is never silently
/// "nothing was read".
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Looked binary (a NUL byte near the start).
    pub binary: u64,
    /// Larger than the size cap.
    pub too_large: u64,
    /// Matched an `allow_paths` glob.
    pub allowed_path: u64,
    /// Could not be read (permissions, vanished mid-scan, a symlink loop).
    pub unreadable: u64,
}

/// Why findings were left out of the report.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Suppressed {
    /// A `sanctum:allow` comment on (or above) the line.
    pub inline: u64,
    /// `scan.allow_kinds` or `scan.allow_fingerprints`.
    pub config: u64,
    /// Recorded in the `--baseline` file.
    pub baseline: u64,
    /// Placeholders, public values or below `--min-confidence`.
    pub filtered: u64,
}

/// Totals of one scan.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    /// Files (or diffs, or stdin) whose text was scanned.
    pub files: u64,
    /// Bytes scanned.
    pub bytes: u64,
    /// Files not scanned, by reason.
    pub skipped: Skipped,
    /// Findings not reported, by reason.
    pub suppressed: Suppressed,
    /// Problems worth telling the user (unreadable paths, git errors); any makes the scan
    /// incomplete and the exit status 2.
    pub errors: Vec<String>,
    /// Things worth a note that do not make the scan incomplete (a symlink loop: its target
    /// is scanned through its real path).
    pub warnings: Vec<String>,
}

/// A complete scan result, in report order (by file, then position).
#[derive(Debug, Default)]
pub struct Outcome {
    /// What to report.
    pub findings: Vec<Located>,
    /// Bookkeeping.
    pub summary: Summary,
    /// Every finding before the baseline filter, for `--update-baseline`.
    pub baseline_candidates: Vec<Located>,
}

impl Outcome {
    /// Sorts findings into a stable order: path, commit, line, column.
    pub fn sort(&mut self) {
        let key = |l: &Located| {
            (
                l.origin.file.clone(),
                l.origin.commit.clone(),
                l.finding.line,
                l.finding.column,
            )
        };
        self.findings.sort_by_key(key);
        self.baseline_candidates.sort_by_key(key);
    }
}

/// Scans one text and sorts its findings into reported and suppressed.
#[must_use]
pub fn scan_text(
    detector: &Detector,
    policy: &NoisePolicy,
    origin: &Origin,
    text: &[u8],
) -> TextResult {
    let mut result = TextResult::default();
    for finding in detector.scan(text) {
        let judgement = policy.judge(text, &finding);
        let located = || Located {
            origin: origin.clone(),
            finding: finding.clone(),
        };
        match judgement {
            Judgement::Report => {
                result.candidates.push(located());
                result.reported.push(located());
            }
            Judgement::Baseline => {
                result.candidates.push(located());
                result.suppressed.baseline += 1;
            }
            Judgement::Inline => result.suppressed.inline += 1,
            Judgement::Config => result.suppressed.config += 1,
            Judgement::Filtered => result.suppressed.filtered += 1,
        }
    }
    result
}

/// The findings of one text.
#[derive(Debug, Default)]
pub struct TextResult {
    /// To report.
    pub reported: Vec<Located>,
    /// Reported plus baselined: what `--update-baseline` records.
    pub candidates: Vec<Located>,
    /// Counts of the rest.
    pub suppressed: Suppressed,
}

/// Gathers results from the walker's threads.
#[derive(Debug, Default)]
pub struct Collector {
    outcome: Mutex<Outcome>,
}

impl Collector {
    /// Adds one scanned text of `bytes` bytes; returns the running byte total.
    pub fn add(&self, result: TextResult, bytes: u64) -> u64 {
        let mut outcome = self.lock();
        outcome.summary.files += 1;
        outcome.summary.bytes += bytes;
        let suppressed = &mut outcome.summary.suppressed;
        suppressed.inline += result.suppressed.inline;
        suppressed.config += result.suppressed.config;
        suppressed.baseline += result.suppressed.baseline;
        suppressed.filtered += result.suppressed.filtered;
        outcome.findings.extend(result.reported);
        outcome.baseline_candidates.extend(result.candidates);
        outcome.summary.bytes
    }

    /// Runs `update` on the summary (skip counts, errors).
    pub fn note(&self, update: impl FnOnce(&mut Summary)) {
        update(&mut self.lock().summary);
    }

    /// The sorted outcome.
    #[must_use]
    pub fn finish(self) -> Outcome {
        let mut outcome = self
            .outcome
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        outcome.sort();
        outcome
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Outcome> {
        // A panicking walker thread cannot leave the counters half-updated in a way that
        // matters more than losing the whole scan would.
        self.outcome
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A path as shown to users: without a leading `./`, lossy for non-UTF-8 names.
#[must_use]
pub fn display_path(path: &std::path::Path) -> String {
    let path = path.strip_prefix(".").unwrap_or(path);
    if path.as_os_str().is_empty() {
        return ".".to_owned();
    }
    path.to_string_lossy().into_owned()
}
