//! `sanctum pth scan`: a one-off audit of every Python environment of the user.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sanctum_sentinel::discover::{CommandProbe, DiscoveryContext, PythonEnvironment, discover};
use sanctum_sentinel::startup::scan_site_dir;
use sanctum_sentinel::{Report, Verdict};
use serde::Serialize;

use super::{paint_for, status_for};
use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::locations::load_config;
use crate::output::{Cell, Table, note, print, print_json, sanitize, warn};

/// Judge the start-up files of every Python environment on this machine.
///
/// Finds your environments the way the daemon does, without running Python except to ask
/// an interpreter on PATH whose layout shows no site directory: interpreters on PATH,
/// pyenv, conda/mamba, uv (Pythons and tools), pipx, the user site-packages, and
/// virtualenvs under your project folders and `sentinel.venv_roots` (down to
/// `sentinel.venv_depth`). Then judges every start-up file in their site directories and
/// prints the ones that are not benign, with their verdict and reasons. Runs in-process: the
/// daemon is not needed, and nothing is moved or changed (the daemon's sentinel is what
/// quarantines).
///
/// Exit status: 0 everything benign, 1 something suspicious or critical, 2 a file or
/// directory could not be read (the others are still judged).
///
/// Examples:
///   sanctum pth scan
///   sanctum pth scan --json | jq '.files[] | select(.verdict != "benign")'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ScanArgs {
    /// Print JSON: `{"environments": [...], "files": [{"path", "environment", "verdict",
    /// "report"}], "errors": [{"path", "error"}], "summary": {...}}`, every file included.
    #[arg(long)]
    pub json: bool,
}

/// One judged file.
#[derive(Debug, Serialize)]
struct ScannedFile {
    path: PathBuf,
    environment: PathBuf,
    verdict: Verdict,
    report: Report,
}

/// A file or directory that could not be read.
#[derive(Debug, Serialize)]
struct ScanError {
    path: PathBuf,
    error: String,
}

/// Counts by verdict.
#[derive(Debug, Default, Serialize)]
struct Summary {
    environments: usize,
    site_dirs: usize,
    files: usize,
    benign: usize,
    suspicious: usize,
    critical: usize,
    errors: usize,
}

/// Everything `--json` prints.
#[derive(Debug, Serialize)]
struct ScanResult {
    environments: Vec<PythonEnvironment>,
    files: Vec<ScannedFile>,
    errors: Vec<ScanError>,
    summary: Summary,
}

/// Discovers, judges and prints.
///
/// # Errors
/// When the home directory is unknown or stdout cannot be written.
pub fn run(args: &ScanArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let paths = context.paths()?;
    let settings = match load_config(paths) {
        Ok(loaded) => loaded.config.sentinel,
        Err(error) => {
            warn(
                context,
                &format!(
                    "the configuration is invalid ({}); scanning with the built-in defaults",
                    error.to_string().lines().next().unwrap_or_default()
                ),
            );
            sanctum_types::config::defaults().sentinel
        }
    };
    let environment: HashMap<String, String> = std::env::vars().collect();
    let discovery_context =
        DiscoveryContext::new(&paths.home, environment).with_settings(&settings);
    let discovery = discover(&discovery_context, &CommandProbe);
    let result = scan(discovery.environments);
    let worst = result
        .files
        .iter()
        .map(|file| file.verdict)
        .max()
        .unwrap_or(Verdict::Benign);
    if args.json {
        print_json(&result)?;
    } else {
        print(&render(&result, context))?;
        for error in &result.errors {
            warn(
                context,
                &format!("cannot read {}: {}", error.path.display(), error.error),
            );
        }
    }
    if worst != Verdict::Benign {
        return Ok(status_for(worst));
    }
    if !result.errors.is_empty() {
        return Ok(ExitStatus::Usage);
    }
    if !args.json && result.environments.is_empty() {
        note(context, "no Python environment found");
    }
    Ok(ExitStatus::Success)
}

/// Judges every start-up file of every site directory (each directory once).
fn scan(environments: Vec<PythonEnvironment>) -> ScanResult {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen_dirs: Vec<&Path> = Vec::new();
    for environment in &environments {
        for dir in &environment.site_dirs {
            if seen_dirs.contains(&dir.as_path()) {
                continue;
            }
            seen_dirs.push(dir);
            match scan_site_dir(dir) {
                Ok(results) => {
                    for (path, result) in results {
                        match result {
                            Ok(report) => files.push(ScannedFile {
                                path,
                                environment: environment.root.clone(),
                                verdict: report.verdict,
                                report,
                            }),
                            Err(error) => errors.push(ScanError {
                                path,
                                error: error.to_string(),
                            }),
                        }
                    }
                }
                Err(error) => errors.push(ScanError {
                    path: dir.clone(),
                    error: error.to_string(),
                }),
            }
        }
    }
    let count = |verdict| files.iter().filter(|file| file.verdict == verdict).count();
    let summary = Summary {
        environments: environments.len(),
        site_dirs: seen_dirs.len(),
        files: files.len(),
        benign: count(Verdict::Benign),
        suspicious: count(Verdict::Suspicious),
        critical: count(Verdict::Critical),
        errors: errors.len(),
    };
    ScanResult {
        environments,
        files,
        errors,
        summary,
    }
}

/// The summary line and a table of the files that are not benign, worst first.
fn render(result: &ScanResult, context: &Context) -> String {
    let summary = &result.summary;
    let mut text = format!(
        "{} environments, {} site directories, {} start-up files: {} critical, {} suspicious, {} benign\n",
        summary.environments,
        summary.site_dirs,
        summary.files,
        summary.critical,
        summary.suspicious,
        summary.benign
    );
    let mut flagged: Vec<&ScannedFile> = result
        .files
        .iter()
        .filter(|file| file.verdict != Verdict::Benign)
        .collect();
    if flagged.is_empty() {
        text.push_str("nothing suspicious or critical\n");
        return text;
    }
    flagged.sort_by(|a, b| b.verdict.cmp(&a.verdict).then_with(|| a.path.cmp(&b.path)));
    let mut table = Table::new().with_header(&["VERDICT", "FILE", "REASONS"]);
    for file in flagged {
        let mut codes: Vec<String> = Vec::new();
        for reason in file.report.all_reasons() {
            let code = reason.code.name();
            if reason.code.severity() != Verdict::Benign && !codes.contains(&code) {
                codes.push(code);
            }
        }
        table.row([
            Cell::painted(file.verdict.as_str(), paint_for(file.verdict)),
            Cell::plain(sanitize(&file.path.display().to_string())),
            Cell::plain(codes.join(", ")),
        ]);
    }
    text.push('\n');
    text.push_str(&table.render(context.stdout));
    text.push_str("\nsee what a file runs: sanctum pth check FILE\n");
    text
}
