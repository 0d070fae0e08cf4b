//! `sanctum init`: create the user config, and print the shell hook.

use std::path::Path;

use anyhow::Context as _;
use sanctum_types::config::RECOMMENDED;
use sanctum_types::fs::{ensure_private_dir, write_atomic};

use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::locations::xdg_config_home;
use crate::output::{Paint, print};
use crate::shell::{Shell, render_snippet};

/// Create the config file and set up the shell hook that starts the daemon
///
/// Without --shell: writes the recommended configuration (with comments) to the user config
/// file if there is none yet — an existing file is never touched — and explains the line to
/// add to your shell's rc file.
///
/// With --shell: prints only the hook snippet, for
///   bash: eval "$(sanctum init --shell bash)"   in ~/.bashrc
///   zsh:  eval "$(sanctum init --shell zsh)"    in ~/.zshrc
///   fish: sanctum init --shell fish | source    in ~/.config/fish/config.fish
/// The snippet starts sanctum-daemon in the background when it is not running. It prints
/// nothing, returns at once (the prompt never waits for the daemon), and is safe to run in
/// many shells at the same time.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct InitArgs {
    /// Print the hook snippet for this shell instead of setting up.
    #[arg(long, value_enum, value_name = "SHELL")]
    pub shell: Option<Shell>,
}

/// Prints the snippet, or creates the config and explains the hook.
///
/// # Errors
/// When the config file cannot be written or this executable cannot be located.
pub fn run(args: &InitArgs, context: &Context) -> Result<ExitStatus, CliError> {
    if let Some(shell) = args.shell {
        let exe = std::env::current_exe().context("cannot locate the running sanctum binary")?;
        print(&render_snippet(shell, &exe))?;
        return Ok(ExitStatus::Success);
    }
    let paths = context.paths()?;
    let created = create_config(&paths.config_file)?;
    let style = context.stdout;
    let config = paths.config_file.display();
    let mut text = if created {
        format!(
            "{} {config} (the recommended settings, with comments)\n",
            style.paint("created", Paint::Green)
        )
    } else {
        format!(
            "{} {config} (it already exists; left unchanged)\n",
            style.paint("kept", Paint::Bold)
        )
    };
    text.push('\n');
    text.push_str(&hook_instructions(&paths.home));
    print(&text)?;
    Ok(ExitStatus::Success)
}

/// Writes [`RECOMMENDED`] to `path` unless it exists. Returns whether it was created.
fn create_config(path: &Path) -> Result<bool, CliError> {
    if path.exists() {
        return Ok(false);
    }
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        ensure_private_dir(dir)?;
    }
    write_atomic(path, RECOMMENDED.as_bytes(), 0o600)?;
    Ok(true)
}

/// How to install the hook for the user's shell (all three when `$SHELL` is unknown).
fn hook_instructions(home: &Path) -> String {
    let config_home = xdg_config_home(home);
    let describe = |shell: Shell| {
        format!(
            "    {}\n  in {}\n",
            shell.hook_line(),
            shell.rc_file(home, &config_home).display()
        )
    };
    let body = if let Some(shell) = Shell::from_env() {
        format!(
            "To start sanctum-daemon automatically, add this line to your {} config:\n\n{}",
            shell.name(),
            describe(shell)
        )
    } else {
        let all: Vec<String> = [Shell::Bash, Shell::Zsh, Shell::Fish]
            .into_iter()
            .map(describe)
            .collect();
        format!(
            "To start sanctum-daemon automatically, add the line for your shell:\n\n{}",
            all.join("\n")
        )
    };
    format!(
        "{body}\nThen open a new shell, or run `sanctum daemon start` now. \
         `sanctum doctor` checks the whole setup.\n"
    )
}
