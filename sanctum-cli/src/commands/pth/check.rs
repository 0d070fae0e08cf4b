//! `sanctum pth check PATH`: judge one start-up file and show what each line would do.

use std::fmt::Write as _;
use std::path::PathBuf;

use sanctum_sentinel::startup::{analyze_bytes, read_bounded};
use sanctum_sentinel::{LineRole, Report, StartupFileKind};
use serde::Serialize;

use super::{paint_for, status_for};
use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::output::{Cell, Table, print, print_json, sanitize};

/// Judge one Python start-up file and show what each line would do.
///
/// The kind of file comes from its name (`*.pth`, `sitecustomize.py`, `usercustomize.py`,
/// `*.start`); use --kind for a copy under another name. Prints the verdict, then every line
/// Python acts on with its role (path entry or executed code), its verdict and the reasons.
/// Text from the file is escaped: control characters are shown as `\u{..}`.
///
/// Exit status: 0 benign, 1 suspicious or critical, 2 the file cannot be read.
///
/// Examples:
///   sanctum pth check ~/.venv/lib/python3.12/site-packages/distutils-precedence.pth
///   sanctum pth check --json suspicious.pth
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct CheckArgs {
    /// The file to judge.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Judge it as this kind of file instead of guessing from its name.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Print one JSON object: `{"path", "verdict", "kind", "sha256", "size", "reasons",
    /// "lines": [{"line", "offset", "role", "versions", "text", "verdict", "reasons"}]}`.
    #[arg(long)]
    pub json: bool,
}

/// `--kind` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    /// A `.pth` file: path lines, and `import` lines that are executed.
    Pth,
    /// `sitecustomize.py` / `usercustomize.py`: a module imported at start.
    Customize,
    /// A PEP 829 `.start` file: entry points called at start.
    Start,
}

/// The JSON printed by `--json`: the report with the path in front.
#[derive(Debug, Serialize)]
struct CheckedFile<'a> {
    path: &'a PathBuf,
    #[serde(flatten)]
    report: &'a Report,
}

/// Judges the file and prints the report.
///
/// # Errors
/// [`CliError::Usage`] (exit 2) when the kind cannot be guessed or the file cannot be read.
pub fn run(args: &CheckArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let kind = match args.kind {
        Some(KindArg::Pth) => StartupFileKind::Pth,
        Some(KindArg::Customize) => StartupFileKind::Customize,
        Some(KindArg::Start) => StartupFileKind::Start,
        None => StartupFileKind::of(&args.path).ok_or_else(|| {
            CliError::Usage(format!(
                "{} is not named like a start-up file (*.pth, sitecustomize.py, \
                 usercustomize.py, *.start): pass --kind pth|customize|start",
                args.path.display()
            ))
        })?,
    };
    let bytes = read_bounded(&args.path).map_err(|error| CliError::Usage(error.to_string()))?;
    let report = analyze_bytes(kind, &bytes, args.path.parent());
    if args.json {
        print_json(&CheckedFile {
            path: &args.path,
            report: &report,
        })?;
    } else {
        print(&render(&args.path, &report, context))?;
    }
    Ok(status_for(report.verdict))
}

/// The verdict line, then one row per line with its reasons below.
fn render(path: &std::path::Path, report: &Report, context: &Context) -> String {
    let style = context.stdout;
    let mut text = format!(
        "{}: {} ({} file, {} bytes, sha256 {})\n",
        sanitize(&path.display().to_string()),
        style.paint(report.verdict.as_str(), paint_for(report.verdict)),
        report.kind.name(),
        report.size,
        report.sha256
    );
    for reason in &report.reasons {
        let _ = writeln!(text, "  {}", sanitize(&reason.message));
    }
    if report.lines.is_empty() {
        text.push_str("nothing that Python acts on\n");
        return text;
    }
    let mut table = Table::new().with_header(&["LINE", "ROLE", "VERDICT", "TEXT"]);
    for line in &report.lines {
        table.row([
            Cell::plain(line.line.to_string()),
            Cell::plain(role_name(line.role)),
            Cell::painted(line.verdict.as_str(), paint_for(line.verdict)),
            // Already escaped by the analyser; sanitize once more for safety.
            Cell::plain(sanitize(&line.text)),
        ]);
        for reason in &line.reasons {
            table.row([
                Cell::plain(""),
                Cell::plain(""),
                Cell::plain(""),
                Cell::plain(format!("  {}", sanitize(&reason.message))),
            ]);
        }
    }
    text.push('\n');
    text.push_str(&table.render(style));
    text
}

fn role_name(role: LineRole) -> &'static str {
    match role {
        LineRole::Executed => "executed",
        LineRole::Path => "path",
        LineRole::EntryPoint => "entry point",
        LineRole::Module => "module",
        LineRole::Ignored => "ignored",
    }
}
