//! `sanctum-daemon`: parse the arguments and hand over to [`sanctum_daemon::run`].

use std::process::ExitCode;

use clap::Parser;
use nix::sys::stat::{Mode, umask};
use sanctum_daemon::{DaemonArgs, EXIT_OK, run};

fn main() -> ExitCode {
    // Everything we create is private, whatever the launcher's umask.
    umask(Mode::from_bits_truncate(0o077));
    let args = DaemonArgs::parse();
    match run(args) {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(error) => {
            eprintln!("sanctum-daemon: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}
