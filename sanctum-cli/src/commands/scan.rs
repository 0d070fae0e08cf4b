//! `sanctum scan`: find credentials in files, stdin, the git index or git history.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::ValueEnum;
use sanctum_firewall::secrets::{Confidence, Detector};
use sanctum_types::config::ScanSettings;

use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::locations::load_config;
use crate::output::{Paint, Table, note, print, print_json, report_error, warn};
use crate::scanning::files::{Scanner, WalkOptions, scan_roots};
use crate::scanning::noise::{NoisePolicy, PathAllowlist};
use crate::scanning::pre_commit::{self, Installed};
use crate::scanning::progress::Progress;
use crate::scanning::report::{human, jsonl, sarif};
use crate::scanning::{Collector, Origin, Outcome, baseline, git, scan_text};

/// Find credentials in files, standard input, staged changes or git history
///
/// Walks the PATHs (default: the current directory) in parallel. It honours .gitignore,
/// .ignore and .sanctumignore files and skips hidden files, binary files and files larger
/// than `scan.max_file_bytes` unless asked; the summary says what was skipped. Findings show
/// a redacted preview and a fingerprint, never the secret.
///
/// Accepting findings: a `sanctum:allow` comment on the line (or `sanctum:allow-next-line`
/// above it; `sanctum:allow(jwt)` limits it to kinds), the `scan.allow_paths`,
/// `scan.allow_kinds` and `scan.allow_fingerprints` config lists, or a baseline file.
///
/// Examples:
///   sanctum scan                         scan the current directory
///   sanctum scan --staged                what a commit would add (pre-commit)
///   sanctum scan --install-pre-commit    run that before every commit
///   sanctum scan --history 50 --json     lines added by the last 50 commits
///   kubectl logs web | sanctum scan --stdin
///   sanctum scan --baseline .sanctum-baseline.json --update-baseline
///
/// Exit status: 0 nothing found, 1 findings, 2 error (bad arguments, an unreadable path,
/// not a git repository). Findings are still printed when the exit status is 2.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "each flag is an independent command-line switch"
)]
pub struct ScanArgs {
    /// Files or directories to scan [default: .]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Scan standard input.
    #[arg(long, conflicts_with_all = ["paths", "staged", "history"])]
    pub stdin: bool,
    /// Scan the lines added by the changes staged for commit.
    #[arg(long, conflicts_with_all = ["paths", "history"])]
    pub staged: bool,
    /// Scan the lines added by each of the last N commits.
    #[arg(long, value_name = "N", conflicts_with = "paths")]
    pub history: Option<u32>,
    /// Install a git pre-commit hook running `sanctum scan --staged`, then exit.
    #[arg(long, exclusive = true)]
    pub install_pre_commit: bool,
    /// Print the credential kinds the detector knows, then exit.
    #[arg(long, conflicts_with_all = ["paths", "stdin", "staged", "history", "sarif", "baseline"])]
    pub list_kinds: bool,
    /// Print one JSON object per finding per line (file, line, column, kind, confidence,
    /// preview, fingerprint, ...).
    #[arg(long, conflicts_with = "sarif")]
    pub json: bool,
    /// Print a SARIF 2.1.0 log for code-scanning UIs.
    #[arg(long)]
    pub sarif: bool,
    /// Report only findings whose fingerprint is not in FILE.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write every current finding into the --baseline FILE (replacing it) and exit 0.
    #[arg(long, requires = "baseline")]
    pub update_baseline: bool,
    /// Also scan hidden files and directories (never `.git`).
    #[arg(long)]
    pub hidden: bool,
    /// Do not honour .gitignore, .ignore and .sanctumignore files.
    #[arg(long)]
    pub no_ignore: bool,
    /// Follow symbolic links (loops are detected and skipped).
    #[arg(long, short = 'L')]
    pub follow: bool,
    /// Also scan files that look binary.
    #[arg(long)]
    pub binary: bool,
    /// Also report placeholders (`YOUR_API_KEY`, `${TOKEN}`) and public values.
    #[arg(long)]
    pub all: bool,
    /// Report only findings at least this sure.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_confidence: Option<ConfidenceArg>,
    /// Skip files larger than this (bytes, or with K, M, G) [default: `scan.max_file_bytes`].
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_file_size: Option<u64>,
    /// Scanning threads [default: one per CPU].
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Never show the progress line.
    #[arg(long)]
    pub no_progress: bool,
}

/// `--min-confidence` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConfidenceArg {
    /// Everything.
    Low,
    /// Provider shapes and high-entropy values in a secret context.
    Medium,
    /// Distinctive prefixes with checksums or rigid structure.
    High,
}

impl From<ConfidenceArg> for Confidence {
    fn from(value: ConfidenceArg) -> Self {
        match value {
            ConfidenceArg::Low => Self::Low,
            ConfidenceArg::Medium => Self::Medium,
            ConfidenceArg::High => Self::High,
        }
    }
}

/// Runs the scan and prints the report.
///
/// # Errors
/// Bad arguments or config, or output that cannot be written.
pub fn run(args: &ScanArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let detector = Detector::shared().map_err(|error| CliError::Internal(error.into()))?;
    if args.list_kinds {
        return list_kinds(detector, args.json, context);
    }
    let cwd = std::env::current_dir()
        .map_err(|error| CliError::Failed(format!("cannot read the current directory: {error}")))?;
    if args.install_pre_commit {
        return install_pre_commit(&cwd, context);
    }

    let settings = load_config(context.paths()?)?.config.scan;
    let policy = noise_policy(args, detector, &settings)?;
    let max_file_bytes = args.max_file_size.unwrap_or(settings.max_file_bytes);
    let human_output = !args.json && !args.sarif;

    let started = Instant::now();
    let outcome = if args.stdin {
        if std::io::stdin().is_terminal() {
            note(context, "reading standard input; end it with Ctrl-D");
        }
        scan_stdin(detector, &policy, max_file_bytes)?
    } else if args.staged || args.history.is_some() {
        let root = git::toplevel(&cwd)?;
        let texts = match args.history {
            Some(count) => git::history(&root, count)?,
            None => git::staged(&root)?,
        };
        let allow = PathAllowlist::new(&root, &settings.allow_paths)?;
        scan_diffs(detector, &policy, &allow, texts, max_file_bytes)
    } else {
        let roots = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        let progress = Progress::new(human_output && !args.no_progress);
        let outcome = scan_roots(
            &roots,
            &WalkOptions {
                hidden: args.hidden,
                no_ignore: args.no_ignore,
                follow_links: args.follow,
                binary: args.binary,
                max_file_bytes,
                threads: args.threads.unwrap_or(0),
            },
            &Scanner {
                detector,
                policy: &policy,
                allow_paths: &settings.allow_paths,
                progress: &progress,
            },
        )?;
        progress.finish();
        outcome
    };
    let seconds = started.elapsed().as_secs_f64();
    finish(args, context, detector, &outcome, seconds)
}

/// Reports problems, then writes the baseline or prints the findings; the exit status.
fn finish(
    args: &ScanArgs,
    context: &Context,
    detector: &Detector,
    outcome: &Outcome,
    seconds: f64,
) -> Result<ExitStatus, CliError> {
    for warning in &outcome.summary.warnings {
        warn(context, warning);
    }
    for error in &outcome.summary.errors {
        report_error(context, &CliError::Failed(error.clone()));
    }
    if args.update_baseline
        && let Some(path) = &args.baseline
    {
        let count = baseline::write(path, &outcome.baseline_candidates)?;
        note(
            context,
            &format!(
                "recorded {count} finding(s) in {}; later scans with `--baseline {}` report only new ones",
                path.display(),
                path.display()
            ),
        );
        return Ok(if outcome.summary.errors.is_empty() {
            ExitStatus::Success
        } else {
            ExitStatus::Usage
        });
    }
    print_outcome(args, context, detector, outcome, seconds)?;
    Ok(if !outcome.summary.errors.is_empty() {
        ExitStatus::Usage
    } else if outcome.findings.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Failed
    })
}

/// The finding filters: config allowlists, flags and the baseline.
fn noise_policy(
    args: &ScanArgs,
    detector: &Detector,
    settings: &ScanSettings,
) -> Result<NoisePolicy, CliError> {
    let mut policy = NoisePolicy::from_config(
        detector,
        &settings.allow_kinds,
        &settings.allow_fingerprints,
    )?;
    policy.include_all_classes = args.all;
    policy.min_confidence = args.min_confidence.map(Confidence::from);
    if let Some(path) = &args.baseline {
        match baseline::read(path)? {
            Some(fingerprints) => policy.baseline = fingerprints,
            None if args.update_baseline => {}
            None => {
                return Err(CliError::Usage(format!(
                    "the baseline {} does not exist; create it with `--baseline {} --update-baseline`",
                    path.display(),
                    path.display()
                )));
            }
        }
    }
    Ok(policy)
}

fn print_outcome(
    args: &ScanArgs,
    context: &Context,
    detector: &Detector,
    outcome: &Outcome,
    seconds: f64,
) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    if args.json {
        jsonl::write(&mut stdout, &outcome.findings)
    } else if args.sarif {
        sarif::write(&mut stdout, &outcome.findings, detector)
    } else {
        stdout.write_all(human::findings(&outcome.findings, context.stdout).as_bytes())?;
        if !outcome.findings.is_empty() {
            stdout.write_all(b"\n")?;
        }
        stdout.flush()?;
        let summary = human::summary(&outcome.findings, &outcome.summary, seconds, context.stderr);
        std::io::stderr().write_all(summary.as_bytes())?;
        Ok(())
    }
}

/// Standard input, read whole up to the size cap.
fn scan_stdin(
    detector: &Detector,
    policy: &NoisePolicy,
    max_bytes: u64,
) -> Result<Outcome, CliError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(CliError::Usage(format!(
            "standard input is larger than {max_bytes} bytes; raise the cap with --max-file-size"
        )));
    }
    let collector = Collector::default();
    let origin = Origin {
        file: "-".to_owned(),
        commit: None,
    };
    collector.add(
        scan_text(detector, policy, &origin, &bytes),
        bytes.len() as u64,
    );
    Ok(collector.finish())
}

/// The added lines of each diff, with line numbers mapped back to the files.
fn scan_diffs(
    detector: &Detector,
    policy: &NoisePolicy,
    allow: &PathAllowlist,
    texts: Vec<git::DiffText>,
    max_bytes: u64,
) -> Outcome {
    let collector = Collector::default();
    for diff in texts {
        if allow.allows(Path::new(&diff.origin.file), false) {
            collector.note(|s| s.skipped.allowed_path += 1);
            continue;
        }
        if diff.text.len() as u64 > max_bytes {
            collector.note(|s| s.skipped.too_large += 1);
            continue;
        }
        let mut result = scan_text(detector, policy, &diff.origin, &diff.text);
        for located in result.reported.iter_mut().chain(&mut result.candidates) {
            located.finding.line = diff.file_line(located.finding.line);
        }
        collector.add(result, diff.text.len() as u64);
    }
    collector.finish()
}

fn install_pre_commit(cwd: &Path, context: &Context) -> Result<ExitStatus, CliError> {
    let binary =
        std::env::current_exe().map_err(|error| CliError::Internal(anyhow::Error::new(error)))?;
    let (verb, hook) = match pre_commit::install(cwd, &binary)? {
        Installed::Created(hook) => ("installed", hook),
        Installed::Updated(hook) => ("updated", hook),
    };
    print(&format!(
        "{} {verb} {}: commits that add credentials are now blocked.\n",
        context.stdout.paint("✓", Paint::Green),
        hook.display()
    ))?;
    Ok(ExitStatus::Success)
}

fn list_kinds(detector: &Detector, json: bool, context: &Context) -> Result<ExitStatus, CliError> {
    let mut kinds: Vec<_> = detector.kinds().collect();
    kinds.sort_by_key(|kind| (kind.provider, kind.id));
    if json {
        print_json(&kinds)?;
        return Ok(ExitStatus::Success);
    }
    let mut table = Table::new().with_header(&["KIND", "PROVIDER", "NAME"]);
    for kind in kinds {
        table.row([kind.id, kind.provider, kind.name]);
    }
    print(&table.render(context.stdout))?;
    Ok(ExitStatus::Success)
}

/// `1234`, `512K`, `10M`, `1G` (binary multiples).
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, multiplier) = match text.char_indices().last() {
        Some((at, 'k' | 'K')) => (&text[..at], 1u64 << 10),
        Some((at, 'm' | 'M')) => (&text[..at], 1 << 20),
        Some((at, 'g' | 'G')) => (&text[..at], 1 << 30),
        _ => (text, 1),
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|number| number.checked_mul(multiplier))
        .ok_or_else(|| format!("`{text}` is not a size (a number of bytes, or with K, M or G)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_suffixes() {
        assert_eq!(parse_size("1234"), Ok(1234));
        assert_eq!(parse_size("512K"), Ok(512 * 1024));
        assert_eq!(parse_size("10m"), Ok(10 * 1024 * 1024));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("99999999999999G").is_err());
    }
}
