//! The blocking client used by the CLI, the hooks and the benches.
//!
//! Blocking `std` I/O on purpose: a hook process lives for about a millisecond, and starting
//! an async runtime would cost more than the round trip itself.

use std::io;
use std::path::Path;
use std::time::Duration;

use interprocess::local_socket::prelude::*;
use interprocess::local_socket::{GenericFilePath, Stream};

use super::frame::{read_frame, write_frame};
use super::{
    DEFAULT_MAX_FRAME_BYTES, ErrorCode, Hello, HelloReply, IpcError, MAX_FRAME_BYTES_LIMIT,
    Request, Response,
};
use crate::version::{PROTOCOL_VERSION, VERSION};

/// How long a reply may take before the client gives up.
pub const DEFAULT_REPLY_TIMEOUT: Duration = Duration::from_secs(5);

/// A connection that has completed the `Hello` handshake.
#[derive(Debug)]
pub struct Client {
    stream: Stream,
    daemon: HelloReply,
}

impl Client {
    /// Connects to `socket` and performs the handshake.
    ///
    /// # Errors
    /// [`IpcError::NotRunning`] when nobody listens, [`IpcError::Incompatible`] when the
    /// daemon speaks another protocol revision, or any transport error.
    pub fn connect(socket: &Path, reply_timeout: Duration) -> Result<Self, IpcError> {
        let name =
            socket
                .to_fs_name::<GenericFilePath>()
                .map_err(|source| IpcError::NotRunning {
                    socket: socket.to_path_buf(),
                    source,
                })?;
        let stream = Stream::connect(name).map_err(|source| match source.kind() {
            io::ErrorKind::NotFound | io::ErrorKind::ConnectionRefused => IpcError::NotRunning {
                socket: socket.to_path_buf(),
                source,
            },
            _ => IpcError::Io(source),
        })?;
        stream
            .set_recv_timeout(Some(reply_timeout))
            .map_err(IpcError::Io)?;
        stream
            .set_send_timeout(Some(reply_timeout))
            .map_err(IpcError::Io)?;
        let mut client = Self {
            stream,
            daemon: HelloReply {
                protocol: 0,
                version: String::new(),
                pid: 0,
            },
        };
        match client.exchange(&Request::Hello(Hello::current()))? {
            Response::Hello(reply) if reply.protocol == PROTOCOL_VERSION => {
                client.daemon = reply;
                Ok(client)
            }
            Response::Hello(reply) => Err(incompatible(reply.protocol, reply.version)),
            Response::Error(error) if error.code == ErrorCode::Incompatible => Err(incompatible(
                error.protocol.unwrap_or_default(),
                error.version.unwrap_or_else(|| "unknown".into()),
            )),
            Response::Error(error) => Err(IpcError::Refused {
                code: error.code,
                message: error.message,
            }),
            other => Err(IpcError::UnexpectedReply(format!("{other:?}"))),
        }
    }

    /// The daemon's identity from the handshake.
    #[must_use]
    pub fn daemon(&self) -> &HelloReply {
        &self.daemon
    }

    /// Sends one request and returns its reply; a typed error reply becomes
    /// [`IpcError::Refused`].
    ///
    /// # Errors
    /// Transport errors, or the daemon's refusal.
    pub fn request(&mut self, request: &Request) -> Result<Response, IpcError> {
        match self.exchange(request)? {
            Response::Error(error) => Err(IpcError::Refused {
                code: error.code,
                message: error.message,
            }),
            response => Ok(response),
        }
    }

    fn exchange(&mut self, request: &Request) -> Result<Response, IpcError> {
        write_frame(&mut self.stream, request, DEFAULT_MAX_FRAME_BYTES)?;
        read_frame(&mut self.stream, MAX_FRAME_BYTES_LIMIT)
    }
}

fn incompatible(daemon_protocol: u32, daemon_version: String) -> IpcError {
    IpcError::Incompatible {
        daemon_version,
        daemon_protocol,
        cli_version: VERSION.to_owned(),
        cli_protocol: PROTOCOL_VERSION,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_socket_means_not_running() {
        let dir = tempfile::tempdir().unwrap();
        let error =
            Client::connect(&dir.path().join("nope.sock"), DEFAULT_REPLY_TIMEOUT).unwrap_err();
        assert!(error.is_not_running(), "{error:?}");
        assert!(error.to_string().contains("sanctum daemon start"));
    }

    #[test]
    fn a_stale_socket_file_means_not_running() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stale.sock");
        drop(std::os::unix::net::UnixListener::bind(&path).unwrap());
        let error = Client::connect(&path, DEFAULT_REPLY_TIMEOUT).unwrap_err();
        assert!(error.is_not_running(), "{error:?}");
    }
}
