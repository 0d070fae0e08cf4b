//! `sanctum completions <shell>`: the completion script for a shell, on stdout.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;

/// Print a shell completion script
///
/// Load it for the current shell, for example:
///   bash: source <(sanctum completions bash)
///   zsh:  sanctum completions zsh > "${fpath[1]}/_sanctum"
///   fish: sanctum completions fish > ~/.config/fish/completions/sanctum.fish
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct CompletionsArgs {
    /// The shell to generate completions for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Writes the script to stdout.
///
/// # Errors
/// When stdout cannot be written.
pub fn run(args: &CompletionsArgs, _context: &Context) -> Result<ExitStatus, CliError> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "sanctum", &mut script);
    crate::output::print(&String::from_utf8_lossy(&script))?;
    Ok(ExitStatus::Success)
}
