//! `sanctum pth …`: judge Python start-up files (`*.pth`, `sitecustomize.py`,
//! `usercustomize.py`, `*.start`) in-process, without the daemon.
//!
//! Read-only audits: these commands never move, change or run a file. The daemon's
//! sentinel uses the same analysis to quarantine critical files as they are written.

pub mod check;
pub mod scan;

use clap::Subcommand;
use sanctum_sentinel::Verdict;

use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;

/// Judge Python start-up files: one file, or every environment on this machine.
///
/// Python runs code from `.pth` files (lines starting with `import`), `sitecustomize.py`,
/// `usercustomize.py` and (3.15+) `*.start` files in its site directories at every start,
/// before your program. A malicious package can plant one there. These commands read such
/// files and say what they would run: `benign` (paths and known installer shims only),
/// `suspicious` (code Sanctum does not recognise) or `critical` (decodes and runs data,
/// spawns processes, touches the network, hides what it does…). Nothing is executed.
///
/// Exit status: 0 everything benign, 1 something suspicious or critical, 2 a file could not
/// be read or the arguments are wrong.
#[derive(Debug, clap::Args)]
pub struct PthArgs {
    /// What to judge.
    #[command(subcommand)]
    pub command: PthCommand,
}

/// The pth subcommands.
#[derive(Debug, Subcommand)]
#[expect(
    missing_docs,
    reason = "a doc comment on a variant would override the help text on its Args type"
)]
pub enum PthCommand {
    Check(check::CheckArgs),
    Scan(scan::ScanArgs),
}

/// Runs one pth subcommand.
///
/// # Errors
/// Whatever the subcommand reports.
pub fn run(args: &PthArgs, context: &Context) -> Result<ExitStatus, CliError> {
    match &args.command {
        PthCommand::Check(args) => check::run(args, context),
        PthCommand::Scan(args) => scan::run(args, context),
    }
}

/// The exit status for a worst verdict: success only when everything is benign.
fn status_for(worst: Verdict) -> ExitStatus {
    if worst == Verdict::Benign {
        ExitStatus::Success
    } else {
        ExitStatus::Failed
    }
}

/// A verdict's colour in human output.
fn paint_for(verdict: Verdict) -> crate::output::Paint {
    use crate::output::Paint;
    match verdict {
        Verdict::Benign => Paint::Green,
        Verdict::Suspicious => Paint::Yellow,
        Verdict::Critical => Paint::Red,
    }
}
