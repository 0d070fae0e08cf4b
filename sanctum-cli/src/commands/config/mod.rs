//! `sanctum config …`: the effective configuration, where it lives, editing and validation.

pub mod edit;
pub mod path;
pub mod show;
pub mod validate;

use clap::Subcommand;
use sanctum_types::config::RECOMMENDED;

use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::output::print;

/// Show, locate, edit or validate the configuration.
///
/// Without a subcommand, shows the effective configuration (like `sanctum config show`).
///
/// Layers, lowest first: the built-in defaults (printed by --recommended) < the user file
/// (`sanctum config path`) < a project's .sanctum/config.toml, which may only make Sanctum
/// stricter < environment variables. The daemon reloads the user file when it changes.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ConfigArgs {
    /// Print the recommended configuration (the built-in defaults, with comments) verbatim.
    #[arg(long, conflicts_with_all = ["show_origin", "json"])]
    pub recommended: bool,
    /// Options of the default `show`.
    #[command(flatten)]
    pub show: show::ShowArgs,
    /// What to do; `show` when omitted.
    #[command(subcommand)]
    pub command: Option<ConfigCommand>,
}

/// The config subcommands.
#[derive(Debug, Subcommand)]
#[expect(
    missing_docs,
    reason = "a doc comment on a variant would override the help text on its Args type"
)]
pub enum ConfigCommand {
    Show(show::ShowArgs),
    Path(path::PathArgs),
    Edit(edit::EditArgs),
    Validate(validate::ValidateArgs),
}

/// Runs one config subcommand (or `show`).
///
/// # Errors
/// Whatever the subcommand reports.
pub fn run(args: ConfigArgs, context: &Context) -> Result<ExitStatus, CliError> {
    if args.recommended {
        print(RECOMMENDED)?;
        return Ok(ExitStatus::Success);
    }
    match args.command {
        None => show::run(&args.show, context),
        Some(ConfigCommand::Show(show)) => show::run(&show, context),
        Some(ConfigCommand::Path(path)) => path::run(&path, context),
        Some(ConfigCommand::Edit(edit)) => edit::run(&edit, context),
        Some(ConfigCommand::Validate(validate)) => validate::run(&validate, context),
    }
}
