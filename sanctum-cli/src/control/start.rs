//! Launching the daemon detached, and (optionally) waiting until it answers.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use sanctum_types::fs::{ensure_private_dir, open_append};
use sanctum_types::instance::{LockState, lock_state};
use sanctum_types::ipc::IpcError;
use sanctum_types::paths::Paths;

use super::{PROBE_TIMEOUT, START_TIMEOUT, daemon_binary, ping};
use crate::error::CliError;
use crate::output::sanitize;

/// The daemon's exit code when another instance holds the lock.
const EXIT_ALREADY_RUNNING: i32 = 4;
/// How many log lines to quote when the daemon dies during startup.
const LOG_LINES_QUOTED: usize = 20;

/// What `start` found or did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartOutcome {
    /// A daemon already answered; nothing was launched (or ours lost the race to it).
    AlreadyRunning {
        /// Its pid.
        pid: u32,
    },
    /// We launched a daemon and it answers.
    Started {
        /// Its pid.
        pid: u32,
    },
    /// We launched a daemon and did not wait for it (`--no-wait`).
    Launched {
        /// Its pid.
        pid: u32,
    },
    /// Another daemon holds the lock but does not answer yet (it is probably starting);
    /// with `--no-wait` we leave it be.
    Starting {
        /// Its pid, when recorded.
        pid: Option<u32>,
    },
}

/// Starts the daemon unless one answers. With `wait`, returns only once the new daemon
/// answers a ping (at most [`START_TIMEOUT`]).
///
/// # Errors
/// [`CliError::DaemonIncompatible`] if a daemon of another protocol answers;
/// [`CliError::DaemonUnavailable`] if the binary is missing, exits during startup (quoting
/// its log) or does not answer in time.
pub fn start(paths: &Paths, wait: bool) -> Result<StartOutcome, CliError> {
    match ping(&paths.socket, PROBE_TIMEOUT) {
        Ok(daemon) => return Ok(StartOutcome::AlreadyRunning { pid: daemon.pid }),
        Err(error @ IpcError::Incompatible { .. }) => return Err(error.into()),
        Err(_) => {}
    }
    if !wait && let Ok(LockState::Held(pid)) = lock_state(&paths.lock_file()) {
        return Ok(StartOutcome::Starting { pid });
    }
    let binary = daemon_binary()?;
    ensure_private_dir(&paths.state_dir)?;
    let log_path = paths.daemon_log();
    let log = open_append(&log_path)?;
    let log_offset = log.metadata().map_or(0, |meta| meta.len());
    let mut child = Command::new(&binary)
        .stdin(Stdio::null())
        .stdout(
            log.try_clone()
                .context("cannot duplicate the daemon log handle")?,
        )
        .stderr(log)
        .spawn()
        .with_context(|| format!("cannot run {}", binary.display()))?;
    if !wait {
        return Ok(StartOutcome::Launched { pid: child.id() });
    }
    wait_for_answer(paths, &mut child, log_offset)
}

/// Polls until the daemon answers, the child dies, or the deadline passes.
fn wait_for_answer(
    paths: &Paths,
    child: &mut Child,
    log_offset: u64,
) -> Result<StartOutcome, CliError> {
    let deadline = Instant::now() + START_TIMEOUT;
    let mut lost_race = false;
    let mut pause = Duration::from_millis(5);
    loop {
        match ping(&paths.socket, PROBE_TIMEOUT) {
            // The daemon does not fork (it only calls setsid), so another pid answering
            // means another start won the race.
            Ok(daemon) if lost_race || daemon.pid != child.id() => {
                return Ok(StartOutcome::AlreadyRunning { pid: daemon.pid });
            }
            Ok(daemon) => return Ok(StartOutcome::Started { pid: daemon.pid }),
            Err(error @ IpcError::Incompatible { .. }) => return Err(error.into()),
            Err(_) => {}
        }
        if !lost_race && let Some(status) = child.try_wait()? {
            if status.code() == Some(EXIT_ALREADY_RUNNING) {
                // Another start won the race; wait for that one to answer instead.
                lost_race = true;
            } else {
                return Err(startup_failure(status, &paths.daemon_log(), log_offset));
            }
        }
        if Instant::now() >= deadline {
            return Err(CliError::DaemonUnavailable(not_answering(
                paths,
                child.id(),
                lost_race,
            )));
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

fn not_answering(paths: &Paths, child: u32, lost_race: bool) -> String {
    let seconds = START_TIMEOUT.as_secs();
    let pid = if lost_race {
        match lock_state(&paths.lock_file()) {
            Ok(LockState::Held(Some(pid))) => pid.to_string(),
            _ => "unknown".to_owned(),
        }
    } else {
        child.to_string()
    };
    format!(
        "sanctum-daemon (pid {pid}) did not answer on {} within {seconds} s; see its log {} \
         and try `sanctum daemon restart`",
        paths.socket.display(),
        paths.daemon_log().display()
    )
}

fn startup_failure(status: ExitStatus, log: &Path, offset: u64) -> CliError {
    let how = match status.code() {
        Some(code) => format!("exited with code {code}"),
        None => "was killed by a signal".to_owned(),
    };
    let lines = log_lines_since(log, offset);
    let quoted = if lines.is_empty() {
        String::from("\n  (it wrote nothing to its log)")
    } else {
        lines.iter().fold(String::new(), |mut quoted, line| {
            quoted.push_str("\n  ");
            quoted.push_str(line);
            quoted
        })
    };
    CliError::DaemonUnavailable(format!(
        "sanctum-daemon {how} while starting:{quoted}\nfull log: {}",
        log.display()
    ))
}

/// The last lines written to `log` after `offset`, made safe for a terminal.
fn log_lines_since(log: &Path, offset: u64) -> Vec<String> {
    let mut text = Vec::new();
    let read = std::fs::File::open(log).and_then(|mut file| {
        file.seek(SeekFrom::Start(offset))?;
        file.take(64 * 1024).read_to_end(&mut text)
    });
    if read.is_err() {
        return Vec::new();
    }
    let text = String::from_utf8_lossy(&text);
    let lines: Vec<String> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(sanitize)
        .collect();
    lines[lines.len().saturating_sub(LOG_LINES_QUOTED)..].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_the_log_written_after_the_offset() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("daemon.log");
        std::fs::write(&log, "old line\n").unwrap();
        let offset = std::fs::metadata(&log).unwrap().len();
        std::fs::write(&log, "old line\nerror: bad\n\nsecond\x1b[2J\n").unwrap();
        assert_eq!(log_lines_since(&log, offset), ["error: bad", "second [2J"]);
        assert!(log_lines_since(&dir.path().join("none"), 0).is_empty());
    }
}
