//! Length-prefixed JSON frames (see the module doc of [`crate::ipc`]).

use std::io::{Read, Write};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::IpcError;

/// Bytes in the length prefix.
pub const FRAME_HEADER_BYTES: usize = 4;
/// The default cap on one frame's payload: large enough for a big hook payload.
pub const DEFAULT_MAX_FRAME_BYTES: u32 = 8 * 1024 * 1024;
/// The highest cap a config may set; keeps one client from pinning much memory.
pub const MAX_FRAME_BYTES_LIMIT: u32 = 64 * 1024 * 1024;

/// Serialises `message` into one frame (header + JSON), refusing payloads above `max`.
///
/// # Errors
/// [`IpcError::FrameTooLarge`] or [`IpcError::Encode`].
pub fn encode_frame<T: Serialize>(message: &T, max: u32) -> Result<Vec<u8>, IpcError> {
    let mut frame = vec![0_u8; FRAME_HEADER_BYTES];
    serde_json::to_writer(&mut frame, message).map_err(IpcError::Encode)?;
    let length = frame.len() - FRAME_HEADER_BYTES;
    let length =
        u32::try_from(length)
            .ok()
            .filter(|&n| n <= max)
            .ok_or(IpcError::FrameTooLarge {
                length: length as u64,
                max,
            })?;
    frame[..FRAME_HEADER_BYTES].copy_from_slice(&length.to_be_bytes());
    Ok(frame)
}

/// Validates a length prefix and returns the payload size to read.
///
/// # Errors
/// [`IpcError::FrameTooLarge`] for 0 or anything above `max`.
pub fn decode_frame_length(header: [u8; FRAME_HEADER_BYTES], max: u32) -> Result<usize, IpcError> {
    let length = u32::from_be_bytes(header);
    if length == 0 || length > max {
        return Err(IpcError::FrameTooLarge {
            length: u64::from(length),
            max,
        });
    }
    Ok(length as usize)
}

/// Writes one frame with a single `write_all`, so a frame is never interleaved.
///
/// # Errors
/// Encoding errors and [`IpcError::Io`].
pub fn write_frame<W: Write, T: Serialize>(
    writer: &mut W,
    message: &T,
    max: u32,
) -> Result<(), IpcError> {
    let frame = encode_frame(message, max)?;
    writer.write_all(&frame).map_err(IpcError::from_io)?;
    writer.flush().map_err(IpcError::from_io)
}

/// Reads one frame and decodes it as `T`.
///
/// # Errors
/// [`IpcError::Closed`] on a clean EOF before the header, [`IpcError::Timeout`],
/// [`IpcError::FrameTooLarge`], [`IpcError::Malformed`], or [`IpcError::Io`].
pub fn read_frame<R: Read, T: DeserializeOwned>(reader: &mut R, max: u32) -> Result<T, IpcError> {
    let mut header = [0_u8; FRAME_HEADER_BYTES];
    let mut filled = 0;
    while filled < FRAME_HEADER_BYTES {
        match reader.read(&mut header[filled..]) {
            Ok(0) if filled == 0 => return Err(IpcError::Closed),
            Ok(0) => return Err(IpcError::Truncated),
            Ok(n) => filled += n,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(IpcError::from_io(error)),
        }
    }
    let length = decode_frame_length(header, max)?;
    let mut payload = vec![0_u8; length];
    reader
        .read_exact(&mut payload)
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::UnexpectedEof => IpcError::Truncated,
            _ => IpcError::from_io(error),
        })?;
    serde_json::from_slice(&payload).map_err(IpcError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ipc::{Request, Response};

    #[test]
    fn round_trips_through_a_buffer() {
        let frame = encode_frame(&Request::Status, DEFAULT_MAX_FRAME_BYTES).unwrap();
        assert_eq!(
            &frame[..4],
            &u32::try_from(frame.len() - 4).unwrap().to_be_bytes()
        );
        let decoded: Request = read_frame(&mut frame.as_slice(), DEFAULT_MAX_FRAME_BYTES).unwrap();
        assert_eq!(decoded, Request::Status);
    }

    #[test]
    fn rejects_zero_and_oversized_lengths() {
        assert!(matches!(
            decode_frame_length([0; 4], 10),
            Err(IpcError::FrameTooLarge { .. })
        ));
        assert!(matches!(
            decode_frame_length(11_u32.to_be_bytes(), 10),
            Err(IpcError::FrameTooLarge {
                length: 11,
                max: 10
            })
        ));
        assert_eq!(decode_frame_length(10_u32.to_be_bytes(), 10).unwrap(), 10);
        assert!(matches!(
            encode_frame(&Request::Status, 3),
            Err(IpcError::FrameTooLarge { .. })
        ));
    }

    #[test]
    fn distinguishes_eof_truncation_and_garbage() {
        let empty: &[u8] = &[];
        assert!(matches!(
            read_frame::<_, Request>(&mut &*empty, 100),
            Err(IpcError::Closed)
        ));
        let half: &[u8] = &[0, 0];
        assert!(matches!(
            read_frame::<_, Request>(&mut &*half, 100),
            Err(IpcError::Truncated)
        ));
        let short: &[u8] = &[0, 0, 0, 9, b'{'];
        assert!(matches!(
            read_frame::<_, Request>(&mut &*short, 100),
            Err(IpcError::Truncated)
        ));
        let garbage: &[u8] = &[0, 0, 0, 3, b'a', b'b', b'c'];
        assert!(matches!(
            read_frame::<_, Request>(&mut &*garbage, 100),
            Err(IpcError::Malformed(_))
        ));
    }

    #[test]
    fn unknown_types_decode_to_their_catch_all() {
        let request: Request = serde_json::from_str(r#"{"type":"from_the_future","x":1}"#).unwrap();
        assert_eq!(request, Request::Unknown);
        let response: Response = serde_json::from_str(r#"{"type":"from_the_future"}"#).unwrap();
        assert!(matches!(response, Response::Unknown));
    }
}
