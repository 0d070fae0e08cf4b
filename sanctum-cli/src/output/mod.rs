//! Everything about presenting results: colours, tables, human units, JSON.
//!
//! Results go to stdout, diagnostics to stderr. Nothing here decides *what* to print.

mod human;
mod style;
mod table;
mod time_zone;

use std::io::Write;

use serde::Serialize;

pub use human::{format_bytes, format_duration_ms, local_time, sanitize, sanitize_lines};
pub use style::{Paint, Style};
pub use table::{Cell, Table};

use crate::context::Context;
use crate::error::CliError;

/// Prints `value` as pretty JSON on stdout, followed by a newline.
///
/// # Errors
/// When stdout cannot be written (a closed pipe becomes [`CliError::BrokenPipe`]).
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Prints `text` on stdout as is (it should end with a newline).
///
/// # Errors
/// When stdout cannot be written.
pub fn print(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Prints a diagnostic line on stderr, prefixed with `sanctum: `.
pub fn note(context: &Context, text: &str) {
    diagnostic(&context.stderr.paint("sanctum:", Paint::Bold), text);
}

/// Prints a warning on stderr.
pub fn warn(context: &Context, text: &str) {
    diagnostic(
        &context.stderr.paint("sanctum: warning:", Paint::Yellow),
        text,
    );
}

/// Prints the error that ends the run on stderr.
pub fn report_error(context: &Context, error: &CliError) {
    let text = error.to_string();
    diagnostic(
        &context.stderr.paint("sanctum: error:", Paint::Red),
        text.trim_end(),
    );
}

/// Writes one diagnostic; a closed stderr is ignored (`eprintln!` would panic).
fn diagnostic(prefix: &str, text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{prefix} {text}");
}
