//! Process liveness and signals by pid, plus the bounded polling every wait uses.

use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

/// Whether process `pid` exists and is not a zombie.
///
/// A zombie (dead, not yet reaped — common for a detached daemon in a container whose
/// init does not reap) counts as gone: it holds no lock and serves nothing.
#[must_use]
pub fn is_alive(pid: u32) -> bool {
    let Some(target) = to_pid(pid) else {
        return false;
    };
    match kill(target, None) {
        Err(Errno::ESRCH) => false,
        Ok(()) | Err(_) => !is_zombie(pid),
    }
}

/// Sends `signal` to `pid`. Returns `false` when the process is already gone.
///
/// # Errors
/// Other failures (e.g. `EPERM`).
pub fn send_signal(pid: u32, signal: Signal) -> Result<bool, Errno> {
    let Some(target) = to_pid(pid) else {
        return Ok(false);
    };
    match kill(target, signal) {
        Ok(()) => Ok(true),
        Err(Errno::ESRCH) => Ok(false),
        Err(error) => Err(error),
    }
}

/// Polls `done` with short, growing sleeps until it returns `true` or `limit` passes.
/// Returns whether it became true.
pub fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    let mut pause = Duration::from_millis(5);
    loop {
        if done() {
            return true;
        }
        let now = Instant::now();
        if now >= deadline {
            return false;
        }
        std::thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// A pid we may signal. 0 and 1 are refused: 0 would mean our own process group, 1 is init.
fn to_pid(pid: u32) -> Option<Pid> {
    i32::try_from(pid)
        .ok()
        .filter(|&raw| raw > 1)
        .map(Pid::from_raw)
}

/// Linux: the state letter of `/proc/<pid>/stat` is `Z`. Elsewhere: never.
fn is_zombie(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_own_process_is_alive_and_pid_zero_never_is() {
        assert!(is_alive(std::process::id()));
        assert!(!is_alive(0));
        assert!(!is_alive(u32::MAX));
    }

    #[test]
    fn a_reaped_child_is_gone() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(!is_alive(pid));
    }

    #[test]
    fn an_unreaped_child_counts_as_gone() {
        let child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        assert!(wait_until(Duration::from_secs(5), || !is_alive(pid)));
        drop(child);
    }

    #[test]
    fn wait_until_gives_up_at_the_deadline() {
        let start = Instant::now();
        assert!(!wait_until(Duration::from_millis(30), || false));
        assert!(start.elapsed() >= Duration::from_millis(30));
        assert!(wait_until(Duration::from_secs(1), || true));
    }
}
