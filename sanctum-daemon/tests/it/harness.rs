//! `TestEnv` (a private HOME, XDG dirs and socket) and `TestDaemon` (a running binary that
//! is killed on drop), plus raw-socket helpers for protocol abuse.

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use sanctum_types::audit::{AuditFilter, AuditRecord, read_records};
use sanctum_types::ipc::{
    Client, DEFAULT_MAX_FRAME_BYTES, Hello, MAX_FRAME_BYTES_LIMIT, Request, Response, StatusReport,
    encode_frame, read_frame,
};

/// How long anything may take before a test gives up.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// Polls `condition` every 20 ms until it holds or `limit` passes; returns whether it held.
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

/// A private temp HOME with XDG dirs and a short socket path.
pub struct TestEnv {
    dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("sd")
            .tempdir_in("/tmp")
            .unwrap();
        Self { dir }
    }

    /// A fresh env whose user config is `text`.
    pub fn with_config(text: &str) -> Self {
        let env = Self::new();
        env.write_config(text);
        env
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn socket(&self) -> PathBuf {
        self.root().join("run/d.sock")
    }

    pub fn config_file(&self) -> PathBuf {
        self.root().join("config/sanctum/config.toml")
    }

    pub fn audit_log(&self) -> PathBuf {
        self.root().join("state/sanctum/audit.ndjson")
    }

    /// Replaces the config file atomically (temp + rename), as careful editors do.
    pub fn write_config(&self, text: &str) {
        let path = self.config_file();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let temp = path.with_file_name(".config.toml.tmp");
        std::fs::write(&temp, text).unwrap();
        std::fs::rename(&temp, &path).unwrap();
    }

    /// The daemon binary in `--foreground` mode with a cleared environment pointing into
    /// this env.
    pub fn command(&self) -> Command {
        let mut command = self.background_command();
        command.arg("--foreground");
        command
    }

    /// The daemon binary as `sanctum daemon start` runs it (no `--foreground`).
    pub fn background_command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_sanctum-daemon"));
        command
            .env_clear()
            .env("HOME", self.root())
            .env("XDG_CONFIG_HOME", self.root().join("config"))
            .env("XDG_STATE_HOME", self.root().join("state"))
            .env("XDG_CACHE_HOME", self.root().join("cache"))
            .env("XDG_RUNTIME_DIR", self.root().join("xdg-run"))
            .env("SANCTUM_SOCKET", self.socket())
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        command
    }

    /// Starts the daemon in the foreground and waits until it answers.
    pub fn start(&self) -> TestDaemon {
        self.start_with(self.command())
    }

    /// Starts `command` and waits until the daemon answers.
    pub fn start_with(&self, mut command: Command) -> TestDaemon {
        let stderr_path = self.root().join(format!(
            "daemon-{}.stderr",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        let stderr = std::fs::File::create(&stderr_path).unwrap();
        let child = command.stderr(stderr).spawn().unwrap();
        let mut daemon = TestDaemon {
            child,
            socket: self.socket(),
            stderr_path,
        };
        let ready = wait_until(DEADLINE, || {
            if let Ok(Some(status)) = daemon.child.try_wait() {
                panic!(
                    "daemon exited early with {status}: {}",
                    daemon.stderr_text()
                );
            }
            Client::connect(&daemon.socket, Duration::from_secs(1)).is_ok()
        });
        assert!(ready, "daemon never answered: {}", daemon.stderr_text());
        daemon
    }

    /// Every record of the audit log (all files), failing on any unparsable line.
    pub fn audit_records(&self) -> Vec<AuditRecord> {
        let (records, stats) = read_records(&self.audit_log(), &AuditFilter::default()).unwrap();
        assert_eq!(stats.skipped_lines, 0, "unparsable audit lines");
        records
    }
}

/// A running daemon; killed (SIGKILL) on drop if still alive.
pub struct TestDaemon {
    child: Child,
    socket: PathBuf,
    stderr_path: PathBuf,
}

impl TestDaemon {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn socket(&self) -> &Path {
        &self.socket
    }

    pub fn stderr_text(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }

    /// A connected client; retried while the daemon is busy (a test may have just released
    /// connections the daemon has not noticed closing yet).
    pub fn client(&self) -> Client {
        let mut result = None;
        wait_until(DEADLINE, || {
            match Client::connect(&self.socket, Duration::from_secs(5)) {
                Err(sanctum_types::ipc::IpcError::Refused {
                    code: sanctum_types::ipc::ErrorCode::Busy,
                    ..
                }) => false,
                other => {
                    result = Some(other);
                    true
                }
            }
        });
        result
            .expect("the daemon stayed busy")
            .unwrap_or_else(|error| panic!("cannot connect: {error}"))
    }

    pub fn status(&self) -> StatusReport {
        match self.client().request(&Request::Status).unwrap() {
            Response::Status(report) => *report,
            other => panic!("expected a status, got {other:?}"),
        }
    }

    /// Polls `status` until `condition` holds; returns the matching report.
    pub fn wait_for_status(
        &self,
        what: &str,
        condition: impl Fn(&StatusReport) -> bool,
    ) -> StatusReport {
        let mut last = None;
        let held = wait_until(DEADLINE, || {
            let report = self.status();
            let ok = condition(&report);
            last = Some(report);
            ok
        });
        assert!(held, "timed out waiting for {what}; last status: {last:#?}");
        last.unwrap()
    }

    pub fn signal(&self, signal: nix::sys::signal::Signal) {
        let pid = nix::unistd::Pid::from_raw(i32::try_from(self.pid()).unwrap());
        nix::sys::signal::kill(pid, signal).unwrap();
    }

    /// Waits (bounded) for the process to exit.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let mut status = None;
        let exited = wait_until(DEADLINE, || {
            status = self.child.try_wait().unwrap();
            status.is_some()
        });
        assert!(exited, "daemon did not exit: {}", self.stderr_text());
        status.unwrap()
    }

    /// SIGKILL, like a crash.
    pub fn kill_hard(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for TestDaemon {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A raw connection for protocol abuse, with a read timeout so a test cannot hang.
pub fn raw_connect(socket: &Path) -> UnixStream {
    let stream = UnixStream::connect(socket).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    stream
}

pub fn send(stream: &mut UnixStream, request: &Request) {
    stream
        .write_all(&encode_frame(request, DEFAULT_MAX_FRAME_BYTES).unwrap())
        .unwrap();
}

/// Sends `json` as one frame, whatever it contains.
pub fn send_raw_json(stream: &mut UnixStream, json: &str) {
    let mut frame = u32::try_from(json.len()).unwrap().to_be_bytes().to_vec();
    frame.extend_from_slice(json.as_bytes());
    stream.write_all(&frame).unwrap();
}

pub fn receive(stream: &mut UnixStream) -> Response {
    read_frame(stream, MAX_FRAME_BYTES_LIMIT).unwrap()
}

/// Sends a current `hello` and checks the reply.
pub fn greet(stream: &mut UnixStream) {
    send(stream, &Request::Hello(Hello::current()));
    assert!(matches!(receive(stream), Response::Hello(_)));
}

/// Asserts the daemon closed the connection (EOF), within the read timeout.
pub fn assert_closed(stream: &mut UnixStream) {
    let mut byte = [0_u8; 1];
    match stream.read(&mut byte) {
        Ok(0) => {}
        Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => {}
        other => panic!("expected the daemon to close the connection, got {other:?}"),
    }
}

/// The error code of an error reply (panics on anything else).
pub fn error_code(response: &Response) -> sanctum_types::ipc::ErrorCode {
    match response {
        Response::Error(error) => error.code,
        other => panic!("expected an error reply, got {other:?}"),
    }
}

/// Opens `count` greeted connections and keeps them. A connection turned away as busy is
/// retried (the daemon may not have noticed yet that an earlier client left).
pub fn hold_connections(socket: &Path, count: usize) -> Vec<UnixStream> {
    let mut held = Vec::new();
    while held.len() < count {
        let mut next = None;
        let opened = wait_until(DEADLINE, || {
            let mut stream = raw_connect(socket);
            send(&mut stream, &Request::Hello(Hello::current()));
            match receive(&mut stream) {
                Response::Hello(_) => {
                    next = Some(stream);
                    true
                }
                Response::Error(error) if error.code == sanctum_types::ipc::ErrorCode::Busy => {
                    false
                }
                other => panic!("unexpected reply to hello: {other:?}"),
            }
        });
        assert!(opened, "could not open connection {}", held.len() + 1);
        held.extend(next);
    }
    held
}

/// Asserts that one more connection is turned away as busy and closed.
pub fn assert_busy(socket: &Path) {
    let mut extra = raw_connect(socket);
    assert_eq!(
        error_code(&receive(&mut extra)),
        sanctum_types::ipc::ErrorCode::Busy
    );
    assert_closed(&mut extra);
}
