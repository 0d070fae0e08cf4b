//! An in-process daemon on a temp socket for the benches, shut down over the socket on drop.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use sanctum_daemon::{Daemon, DaemonError, DaemonOptions};
use sanctum_types::ipc::{Client, Request};
use sanctum_types::paths::Paths;

/// How long a bench client waits for a reply.
pub const REPLY_TIMEOUT: Duration = Duration::from_secs(10);

/// A real server (same code as the binary) running on its own thread and runtime.
pub struct BenchServer {
    socket: PathBuf,
    thread: Option<JoinHandle<Result<(), DaemonError>>>,
    _dir: tempfile::TempDir,
}

impl BenchServer {
    /// Binds a daemon in a fresh temp dir (built-in default config) and runs it.
    ///
    /// # Panics
    /// If the daemon cannot bind.
    pub fn start() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("sdb")
            .tempdir_in("/tmp")
            .expect("temp dir");
        let root = dir.path();
        let paths = Paths {
            home: root.to_path_buf(),
            config_file: root.join("config/config.toml"),
            state_dir: root.join("state"),
            cache_dir: root.join("cache"),
            socket: root.join("run/d.sock"),
        };
        let mut options = DaemonOptions::new(paths);
        // Hermetic: no PATH, so the sentinel never discovers (and, as root, quarantines
        // from) this machine's own Python environments.
        options.environment = std::collections::HashMap::new();
        let daemon = Daemon::bind(options).expect("bind the daemon");
        let socket = daemon.socket().to_path_buf();
        let thread = std::thread::spawn(move || daemon.run());
        Self {
            socket,
            thread: Some(thread),
            _dir: dir,
        }
    }

    /// The socket to connect to.
    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// A handshaken client.
    ///
    /// # Panics
    /// If the daemon does not answer.
    pub fn client(&self) -> Client {
        Client::connect(self.socket(), REPLY_TIMEOUT).expect("connect")
    }
}

impl Drop for BenchServer {
    fn drop(&mut self) {
        if let Ok(mut client) = Client::connect(&self.socket, REPLY_TIMEOUT) {
            let _ = client.request(&Request::Shutdown);
        }
        if let Some(thread) = self.thread.take() {
            match thread.join() {
                Ok(Ok(())) => {}
                Ok(Err(error)) => eprintln!("daemon failed: {error}"),
                Err(_) => eprintln!("daemon thread panicked"),
            }
        }
    }
}
