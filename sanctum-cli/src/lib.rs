//! The stateless `sanctum` command line.
//!
//! Each command lives in its own file under [`commands`]; it parses into an `…Args` type,
//! does at most one round trip on the daemon's socket (or none), prints a table or JSON, and
//! returns an [`ExitStatus`]. Nothing here keeps state between runs: what must persist
//! belongs to the daemon or to files owned by `sanctum-types`.

pub mod agents;
pub mod audit_log;
mod cli;
pub mod commands;
mod context;
pub mod control;
mod error;
pub mod exit;
pub mod locations;
pub mod output;
pub mod scanning;
pub mod service;
pub mod shell;

pub use cli::Cli;
pub use context::Context;
pub use error::CliError;
pub use exit::ExitStatus;

/// Runs one parsed command line and returns the process exit code.
///
/// Errors are printed here, once, on stderr, so commands only describe them.
#[must_use]
pub fn run(cli: Cli) -> u8 {
    let context = Context::from_env();
    match commands::dispatch(cli.command, &context) {
        Ok(status) => status.code(),
        Err(CliError::BrokenPipe) => exit::OK,
        Err(error) => {
            let status = error.status();
            output::report_error(&context, &error);
            status.code()
        }
    }
}
