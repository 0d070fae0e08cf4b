//! `sanctum config validate`: check config files and list every problem.

use std::fmt::Write as _;

use std::path::PathBuf;

use sanctum_types::config::validate_file;
use serde::Serialize;

use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::locations::project_config;
use crate::output::{Paint, print, print_json};

/// Check configuration files and report every problem.
///
/// Without FILE: checks the user config file and, when one applies to the current
/// directory, the project's .sanctum/config.toml. Every problem is listed as
/// `file:line: `key`: reason`, not just the first. Exits 3 when there is any problem.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// A file to check instead of the user and project configs.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Check FILE as a project config (which may only set keys that can tighten).
    #[arg(long, requires = "file")]
    pub project: bool,
    /// Print JSON: `{"ok": bool, "files": [{"path", "kind", "ok", "problems": [...]}]}`.
    #[arg(long)]
    pub json: bool,
}

/// The result for one file.
#[derive(Debug, Serialize)]
struct FileReport {
    path: PathBuf,
    kind: &'static str,
    ok: bool,
    problems: Vec<Problem>,
}

/// One problem, in machine-readable form.
#[derive(Debug, Serialize)]
struct Problem {
    source: String,
    line: Option<usize>,
    key: String,
    reason: String,
    message: String,
}

/// Validates and reports.
///
/// # Errors
/// When stdout cannot be written.
pub fn run(args: &ValidateArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let mut targets: Vec<(PathBuf, bool)> = Vec::new();
    let mut notes = Vec::new();
    if let Some(file) = &args.file {
        targets.push((file.clone(), args.project));
    } else {
        let paths = context.paths()?;
        if paths.config_file.exists() {
            targets.push((paths.config_file.clone(), false));
        } else {
            notes.push(format!(
                "{}: no such file (the built-in defaults apply; create it with `sanctum init`)",
                paths.config_file.display()
            ));
        }
        if let Some(project) = project_config(paths) {
            targets.push((project, true));
        }
    }
    let reports: Vec<FileReport> = targets
        .into_iter()
        .map(|(path, project)| check(path, project))
        .collect();
    let ok = reports.iter().all(|report| report.ok);
    if args.json {
        print_json(&serde_json::json!({ "ok": ok, "files": reports }))?;
    } else {
        let style = context.stdout;
        let mut text = String::new();
        for note in notes {
            text.push_str(&note);
            text.push('\n');
        }
        for report in &reports {
            if report.ok {
                let _ = writeln!(
                    text,
                    "{}: {}",
                    report.path.display(),
                    style.paint("ok", Paint::Green)
                );
            }
            for problem in &report.problems {
                text.push_str(&style.paint(&problem.message, Paint::Red));
                text.push('\n');
            }
        }
        let count: usize = reports.iter().map(|report| report.problems.len()).sum();
        if count > 0 {
            let _ = writeln!(
                text,
                "{count} problem{} found",
                if count == 1 { "" } else { "s" }
            );
        }
        print(&text)?;
    }
    Ok(if ok {
        ExitStatus::Success
    } else {
        ExitStatus::Config
    })
}

fn check(path: PathBuf, project: bool) -> FileReport {
    let problems = match validate_file(&path, project) {
        Ok(()) => Vec::new(),
        Err(sanctum_types::Error::Config(problems)) => problems
            .0
            .into_iter()
            .map(|problem| Problem {
                message: problem.to_string(),
                source: problem.source,
                line: problem.line,
                key: problem.key,
                reason: problem.reason,
            })
            .collect(),
        Err(other) => vec![Problem {
            source: path.display().to_string(),
            line: None,
            key: String::new(),
            reason: other.to_string(),
            message: other.to_string(),
        }],
    };
    FileReport {
        kind: if project { "project" } else { "user" },
        ok: problems.is_empty(),
        problems,
        path,
    }
}
