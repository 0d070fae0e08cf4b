//! `TestEnv`: a private HOME, XDG dirs and socket under /tmp, and the real binaries.
//!
//! Every command runs with `env_clear()` and only PATH kept, so nothing of the developer's
//! session leaks in — in particular no `DBUS_SESSION_BUS_ADDRESS` and a private
//! `XDG_RUNTIME_DIR`, so `systemctl --user` can never reach the developer's real user
//! manager. Dropping the env SIGKILLs any daemon still holding its lock.

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use sanctum_types::instance::{LockState, lock_state};
use sanctum_types::paths::sibling_with_suffix;

/// How long anything may take before a test gives up.
pub const DEADLINE: Duration = Duration::from_secs(15);

/// The `sanctum` binary under test.
pub fn sanctum_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_sanctum"))
}

/// The `sanctum-daemon` binary built into the same target dir.
pub fn daemon_bin() -> PathBuf {
    let path = sanctum_bin().with_file_name("sanctum-daemon");
    assert!(
        path.is_file(),
        "{} is missing: run `cargo build -p sanctum-daemon` (or `cargo test --workspace`, \
         which builds it) before these tests",
        path.display()
    );
    path
}

/// The test process's `PATH` with every Python interpreter hidden: each directory holding
/// a `python3*` is replaced by a mirror of symlinks to everything else in it.
///
/// A daemon started by a test discovers Python environments from `PATH`. Without this, its
/// sentinel would sweep the machine's own site-packages — and, running as root (as CI
/// does), quarantine any start-up file there it judges critical. Built once per test run,
/// under a path derived from `PATH`, and reused.
pub fn path_without_python() -> std::ffi::OsString {
    static PATH: std::sync::OnceLock<std::ffi::OsString> = std::sync::OnceLock::new();
    PATH.get_or_init(|| {
        let original = std::env::var_os("PATH").unwrap_or_default();
        let uid = nix::unistd::geteuid();
        let dirs: Vec<PathBuf> = std::env::split_paths(&original)
            .enumerate()
            .map(|(index, dir)| {
                let holds_python = std::fs::read_dir(&dir).is_ok_and(|entries| {
                    entries
                        .flatten()
                        .any(|entry| entry.file_name().to_string_lossy().starts_with("python"))
                });
                if !holds_python {
                    return dir;
                }
                // Named after the directory and its mtime: an install there makes a new one.
                let modified = std::fs::metadata(&dir)
                    .and_then(|meta| meta.modified())
                    .ok()
                    .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |age| age.as_secs());
                let mirror = std::env::temp_dir()
                    .join(format!("sanctum-test-path-{uid}"))
                    .join(format!(
                        "{index}-{modified}-{}",
                        dir.display().to_string().replace('/', "_")
                    ));
                if !mirror.is_dir() {
                    let staging = mirror.with_extension(format!("tmp{}", std::process::id()));
                    std::fs::create_dir_all(&staging).unwrap();
                    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                        let name = entry.file_name();
                        if !name.to_string_lossy().starts_with("python") {
                            let _ = std::os::unix::fs::symlink(entry.path(), staging.join(&name));
                        }
                    }
                    // Another test binary may have won the race; either copy is right.
                    if std::fs::rename(&staging, &mirror).is_err() {
                        let _ = std::fs::remove_dir_all(&staging);
                    }
                }
                mirror
            })
            .collect();
        std::env::join_paths(dirs).unwrap()
    })
    .clone()
}

/// Polls `condition` with short sleeps until it holds or `limit` passes.
pub fn wait_until(limit: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    loop {
        if condition() {
            return true;
        }
        if start.elapsed() > limit {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Whether `pid` is a live (not zombie) process.
pub fn process_alive(pid: u32) -> bool {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    !stat
        .rsplit_once(')')
        .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'))
}

/// The result of one finished command.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from_output(output: &Output) -> Self {
        Self {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Asserts the exit code, showing both streams when it differs.
    #[track_caller]
    pub fn expect_code(self, code: i32) -> Self {
        assert_eq!(
            self.code,
            Some(code),
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Parses stdout as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("stdout is not JSON ({error}):\n{}", self.stdout))
    }
}

/// A private HOME with XDG dirs and a short socket path, removed on drop.
pub struct TestEnv {
    dir: tempfile::TempDir,
    /// Extra environment for every command (on top of the hermetic base).
    extra: Vec<(String, String)>,
    /// Working directory of every command.
    cwd: PathBuf,
}

impl TestEnv {
    pub fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("sc")
            .tempdir_in("/tmp")
            .unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        Self {
            cwd: home,
            dir,
            extra: Vec::new(),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }
    pub fn home(&self) -> PathBuf {
        self.root().join("home")
    }
    pub fn config_home(&self) -> PathBuf {
        self.root().join("config")
    }
    pub fn config_file(&self) -> PathBuf {
        self.config_home().join("sanctum/config.toml")
    }
    pub fn state_dir(&self) -> PathBuf {
        self.root().join("state/sanctum")
    }
    pub fn audit_log(&self) -> PathBuf {
        self.state_dir().join("audit.ndjson")
    }
    pub fn socket(&self) -> PathBuf {
        self.root().join("run/d.sock")
    }
    pub fn lock_file(&self) -> PathBuf {
        sibling_with_suffix(&self.socket(), ".lock")
    }

    /// Adds an environment variable to every later command.
    pub fn set_env(&mut self, name: &str, value: &str) {
        self.extra.push((name.to_owned(), value.to_owned()));
    }

    /// Runs later commands in `dir`.
    pub fn set_cwd(&mut self, dir: &Path) {
        self.cwd = dir.to_path_buf();
    }

    /// Writes the user config file.
    pub fn write_config(&self, text: &str) {
        let path = self.config_file();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// `program` with the hermetic environment.
    pub fn command_for(&self, program: &Path) -> Command {
        let mut command = Command::new(program);
        command
            .env_clear()
            .env("PATH", path_without_python())
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.config_home())
            .env("XDG_STATE_HOME", self.root().join("state"))
            .env("XDG_CACHE_HOME", self.root().join("cache"))
            .env("XDG_RUNTIME_DIR", self.root().join("xdg-run"))
            .env("SANCTUM_SOCKET", self.socket())
            .env("SANCTUM_DAEMON_BIN", daemon_bin())
            .current_dir(&self.cwd)
            .stdin(Stdio::null());
        for (name, value) in &self.extra {
            command.env(name, value);
        }
        command
    }

    /// `sanctum args…`, not yet started.
    pub fn sanctum(&self, args: &[&str]) -> Command {
        let mut command = self.command_for(&sanctum_bin());
        command.args(args);
        command
    }

    /// Runs `sanctum args…` to completion (bounded by [`DEADLINE`]).
    pub fn run(&self, args: &[&str]) -> Run {
        run_bounded(self.sanctum(args))
    }

    /// Runs a shell script with `bash -c` in the hermetic environment.
    pub fn bash(&self, script: &str) -> Run {
        let mut command = self.command_for(Path::new("bash"));
        command.arg("-c").arg(script);
        run_bounded(command)
    }

    /// The pid recorded by the daemon holding the lock, if one does.
    pub fn daemon_pid(&self) -> Option<u32> {
        match lock_state(&self.lock_file()) {
            Ok(LockState::Held(pid)) => pid,
            _ => None,
        }
    }

    /// Whether a daemon answers (`sanctum daemon status` exits 0).
    pub fn daemon_answers(&self) -> bool {
        self.run(&["daemon", "status"]).code == Some(0)
    }

    /// Starts the daemon with `sanctum daemon start` and returns its pid.
    pub fn start_daemon(&self) -> u32 {
        let run = self.run(&["daemon", "start"]).expect_code(0);
        assert!(run.stdout.contains("started (pid"), "{run:?}");
        self.daemon_pid().expect("the lock names the daemon")
    }

    /// Live `sanctum-daemon` processes that use this env's socket.
    pub fn daemon_processes(&self) -> Vec<u32> {
        let daemon = daemon_bin().canonicalize().unwrap();
        let marker = format!("SANCTUM_SOCKET={}", self.socket().display());
        std::fs::read_dir("/proc")
            .unwrap()
            .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .filter(|pid| {
                let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
                let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
                exe.as_deref() == Some(daemon.as_path())
                    && environ
                        .split(|byte| *byte == 0)
                        .any(|entry| entry == marker.as_bytes())
                    && process_alive(*pid)
            })
            .collect()
    }

    /// Makes a file executable shell script at `name` in the env root.
    pub fn script(&self, name: &str, body: &str) -> PathBuf {
        let path = self.root().join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }
}

impl Drop for TestEnv {
    fn drop(&mut self) {
        let mut pids = self.daemon_processes_quietly();
        pids.extend(self.daemon_pid());
        for pid in pids {
            if let Ok(raw) = i32::try_from(pid) {
                let _ = kill(Pid::from_raw(raw), Signal::SIGKILL);
            }
        }
    }
}

impl TestEnv {
    fn daemon_processes_quietly(&self) -> Vec<u32> {
        if sanctum_bin().with_file_name("sanctum-daemon").is_file() {
            self.daemon_processes()
        } else {
            Vec::new()
        }
    }
}

/// Runs `command` with captured output; kills it and fails after [`DEADLINE`].
pub fn run_bounded(mut command: Command) -> Run {
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait_with_output());
    });
    if let Ok(output) = receiver.recv_timeout(DEADLINE) {
        Run::from_output(&output.unwrap())
    } else {
        let _ = kill(Pid::from_raw(i32::try_from(pid).unwrap()), Signal::SIGKILL);
        panic!("{command:?} did not finish within {DEADLINE:?}");
    }
}

/// A running child whose stdout lines arrive on a channel; killed on drop.
pub struct Streaming {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Streaming {
    pub fn spawn(mut command: Command) -> Self {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            let mut pending = Vec::new();
            let mut buffer = [0_u8; 4096];
            while let Ok(read) = stdout.read(&mut buffer) {
                if read == 0 {
                    break;
                }
                pending.extend_from_slice(&buffer[..read]);
                while let Some(end) = pending.iter().position(|byte| *byte == b'\n') {
                    let line: Vec<u8> = pending.drain(..=end).collect();
                    let text = String::from_utf8_lossy(&line).trim_end().to_owned();
                    if sender.send(text).is_err() {
                        return;
                    }
                }
            }
        });
        Self { child, lines }
    }

    /// The next line that satisfies `wanted`, waiting at most [`DEADLINE`].
    #[track_caller]
    pub fn expect_line(&self, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if wanted(&line) => return line,
                Ok(_) => {}
                Err(error) => panic!("no expected line within {DEADLINE:?}: {error}"),
            }
        }
    }
}

impl Drop for Streaming {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
