//! The top-level command line: global help, version and the list of commands.

use clap::Parser;

use crate::commands::Command;
use crate::exit;

/// Sanctum guards your machine while AI assistants work on it.
///
/// `sanctum` is the stateless command line of Sanctum: it talks to sanctum-daemon, the
/// per-user background service, over a private Unix socket. Start with `sanctum init`, then
/// `sanctum doctor` to check the setup.
#[derive(Debug, Parser)]
#[command(
    name = "sanctum",
    version,
    after_help = exit::HELP,
    after_long_help = exit::HELP,
    max_term_width = 100,
    subcommand_required = true,
    arg_required_else_help = true
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn top_level_help_documents_every_exit_code() {
        let help = Cli::command().render_long_help().to_string();
        for code in [
            exit::OK,
            exit::FAILED,
            exit::USAGE,
            exit::CONFIG,
            exit::DAEMON_UNAVAILABLE,
            exit::DAEMON_INCOMPATIBLE,
            exit::INTERNAL,
        ] {
            assert!(
                help.lines()
                    .any(|line| line.trim_start().starts_with(&format!("{code} "))),
                "exit code {code} is not documented in:\n{help}"
            );
        }
    }
}
