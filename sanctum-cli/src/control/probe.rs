//! One-shot questions to the daemon: is it there, and what is its status.

use std::path::Path;
use std::time::Duration;

use sanctum_types::ipc::{Client, HelloReply, IpcError, Request, Response, StatusReport};

/// Connects, shakes hands and pings. Returns the daemon's identity when it answers.
///
/// # Errors
/// [`IpcError::NotRunning`] when nobody listens, [`IpcError::Incompatible`] on a protocol
/// mismatch, or any transport error.
pub fn ping(socket: &Path, timeout: Duration) -> Result<HelloReply, IpcError> {
    let mut client = Client::connect(socket, timeout)?;
    match client.request(&Request::Ping)? {
        Response::Pong => Ok(client.daemon().clone()),
        other => Err(IpcError::UnexpectedReply(format!("{other:?}"))),
    }
}

/// One `Status` round trip.
///
/// # Errors
/// As [`ping`].
pub fn status(socket: &Path, timeout: Duration) -> Result<StatusReport, IpcError> {
    let mut client = Client::connect(socket, timeout)?;
    match client.request(&Request::Status)? {
        Response::Status(report) => Ok(*report),
        other => Err(IpcError::UnexpectedReply(format!("{other:?}"))),
    }
}
