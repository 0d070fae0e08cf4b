//! The `sanctum` binary: sets a private umask, parses the command line and hands over to
//! [`sanctum_cli::run`]. Everything else lives in the library so it can be tested.

use std::process::ExitCode;

use clap::Parser;
use nix::sys::stat::{Mode, umask};

fn main() -> ExitCode {
    // Anything this process creates (config, service files, logs) is private to the user.
    umask(Mode::from_bits_truncate(0o077));
    let cli = sanctum_cli::Cli::parse();
    ExitCode::from(sanctum_cli::run(cli))
}
