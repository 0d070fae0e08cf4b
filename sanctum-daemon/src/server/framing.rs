//! Reading and writing frames on the async side, with every read bounded in time.
//!
//! The wire format (4-byte big-endian length + JSON) and its validation come from
//! `sanctum_types::ipc`; this file adds what only a server needs: telling a clean close
//! from a truncated frame, an idle client from one that stalled mid-frame, and never
//! allocating a whole announced frame up front (a client may promise 8 MiB and send 10 bytes).

use std::io;
use std::time::Duration;

use sanctum_types::ipc::{
    FRAME_HEADER_BYTES, IpcError, MAX_FRAME_BYTES_LIMIT, Response, decode_frame_length,
    encode_frame,
};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::time::timeout;

/// Payload buffer reserved before any byte arrives; the rest grows as data does.
const INITIAL_PAYLOAD_CAPACITY: usize = 16 * 1024;

/// Why no frame was read.
#[derive(Debug)]
pub(crate) enum FrameError {
    /// The peer closed between frames: a normal end.
    Closed,
    /// Nothing arrived within the timeout, between frames.
    Idle,
    /// The peer stopped sending in the middle of a frame.
    Stalled,
    /// The peer closed in the middle of a frame.
    Truncated,
    /// The length prefix was 0 or above the limit; the stream cannot be re-synchronised.
    TooLarge(IpcError),
    /// The socket failed.
    Io(io::Error),
}

/// Reads one frame's payload. Both the header and the payload must arrive within
/// `limit` each.
pub(crate) async fn read_frame<R: AsyncRead + Unpin>(
    reader: &mut R,
    limit: Duration,
    max_bytes: u32,
) -> Result<Vec<u8>, FrameError> {
    let mut header = [0_u8; FRAME_HEADER_BYTES];
    let mut filled = 0;
    let header_read = timeout(limit, async {
        while filled < FRAME_HEADER_BYTES {
            let read = reader.read(&mut header[filled..]).await?;
            if read == 0 {
                return Ok(false);
            }
            filled += read;
        }
        Ok::<bool, io::Error>(true)
    })
    .await;
    match header_read {
        Ok(Ok(true)) => {}
        Ok(Ok(false)) if filled == 0 => return Err(FrameError::Closed),
        Ok(Ok(false)) => return Err(FrameError::Truncated),
        Ok(Err(error)) => return Err(FrameError::Io(error)),
        Err(_) if filled == 0 => return Err(FrameError::Idle),
        Err(_) => return Err(FrameError::Stalled),
    }
    let length = decode_frame_length(header, max_bytes).map_err(FrameError::TooLarge)?;
    let mut payload = Vec::with_capacity(length.min(INITIAL_PAYLOAD_CAPACITY));
    let announced = u64::try_from(length).unwrap_or(u64::MAX);
    match timeout(
        limit,
        (&mut *reader).take(announced).read_to_end(&mut payload),
    )
    .await
    {
        Ok(Ok(_)) if payload.len() == length => Ok(payload),
        Ok(Ok(_)) => Err(FrameError::Truncated),
        Ok(Err(error)) => Err(FrameError::Io(error)),
        Err(_) => Err(FrameError::Stalled),
    }
}

/// Writes one response frame within `limit` (a client that does not read cannot pin us).
pub(crate) async fn write_response<W: AsyncWrite + Unpin>(
    writer: &mut W,
    response: &Response,
    limit: Duration,
) -> io::Result<()> {
    let frame = encode_frame(response, MAX_FRAME_BYTES_LIMIT).map_err(io::Error::other)?;
    match timeout(limit, writer.write_all(&frame)).await {
        Ok(result) => result,
        Err(_) => Err(io::ErrorKind::TimedOut.into()),
    }
}

#[cfg(test)]
mod tests {
    use sanctum_types::ipc::{DEFAULT_MAX_FRAME_BYTES, Request, read_frame as read_sync};

    use super::*;

    const LIMIT: Duration = Duration::from_millis(100);

    #[tokio::test]
    async fn reads_a_frame_then_a_clean_close() {
        let (mut client, mut server) = tokio::io::duplex(1024);
        let frame = encode_frame(&Request::Ping, DEFAULT_MAX_FRAME_BYTES).unwrap();
        client.write_all(&frame).await.unwrap();
        drop(client);
        let payload = read_frame(&mut server, LIMIT, 1024).await.unwrap();
        assert_eq!(
            serde_json::from_slice::<Request>(&payload).unwrap(),
            Request::Ping
        );
        assert!(matches!(
            read_frame(&mut server, LIMIT, 1024).await,
            Err(FrameError::Closed)
        ));
    }

    #[tokio::test]
    async fn tells_idle_from_stalled_from_truncated() {
        let (_client, mut server) = tokio::io::duplex(1024);
        assert!(matches!(
            read_frame(&mut server, LIMIT, 1024).await,
            Err(FrameError::Idle)
        ));

        let (mut client, mut server) = tokio::io::duplex(1024);
        client.write_all(&[0, 0]).await.unwrap();
        assert!(matches!(
            read_frame(&mut server, LIMIT, 1024).await,
            Err(FrameError::Stalled)
        ));

        let (mut client, mut server) = tokio::io::duplex(1024);
        client.write_all(&[0, 0, 0, 100, b'{']).await.unwrap();
        assert!(matches!(
            read_frame(&mut server, LIMIT, 1024).await,
            Err(FrameError::Stalled)
        ));
        drop(client);

        let (mut client, mut server) = tokio::io::duplex(1024);
        client.write_all(&[0, 0, 0, 100, b'{']).await.unwrap();
        drop(client);
        assert!(matches!(
            read_frame(&mut server, LIMIT, 1024).await,
            Err(FrameError::Truncated)
        ));
    }

    #[tokio::test]
    async fn refuses_zero_and_oversized_lengths_without_reading_on() {
        for header in [[0, 0, 0, 0], 2000_u32.to_be_bytes()] {
            let (mut client, mut server) = tokio::io::duplex(1024);
            client.write_all(&header).await.unwrap();
            assert!(matches!(
                read_frame(&mut server, LIMIT, 1024).await,
                Err(FrameError::TooLarge(_))
            ));
        }
    }

    #[tokio::test]
    async fn a_response_is_one_decodable_frame() {
        let (mut server, client) = tokio::io::duplex(1024);
        write_response(&mut server, &Response::Pong, LIMIT)
            .await
            .unwrap();
        drop(server);
        let mut bytes = Vec::new();
        let mut client = client;
        client.read_to_end(&mut bytes).await.unwrap();
        let response: Response = read_sync(&mut bytes.as_slice(), 1024).unwrap();
        assert!(matches!(response, Response::Pong));
    }
}
