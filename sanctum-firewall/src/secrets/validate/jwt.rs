//! JSON Web Token structure: `base64url(header).base64url(payload).base64url(signature)`.
//!
//! A JWT is accepted only when its header decodes to a JSON object naming an `"alg"` and its
//! payload decodes to a JSON object; random dotted base64 does not pass.

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// URL-safe base64 that accepts both padded and unpadded input.
const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Decode one JWT segment; `None` when it is not base64url.
#[must_use]
pub fn decode_segment(segment: &[u8]) -> Option<Vec<u8>> {
    URL_SAFE_LENIENT.decode(segment).ok()
}

/// The three segments of `token`, if it has exactly two dots.
fn segments(token: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
    let mut parts = token.split(|&b| b == b'.');
    let header = parts.next()?;
    let payload = parts.next()?;
    let signature = parts.next()?;
    if parts.next().is_some() {
        return None;
    }
    Some((header, payload, signature))
}

fn is_json_object(bytes: &[u8]) -> bool {
    let trimmed = bytes.trim_ascii();
    trimmed.first() == Some(&b'{') && trimmed.last() == Some(&b'}')
}

/// Is `token` a structurally valid JWT (header with `"alg"`, payload a JSON object)?
#[must_use]
pub fn is_valid(token: &[u8]) -> bool {
    let Some((header, payload, _signature)) = segments(token) else {
        return false;
    };
    let Some(header) = decode_segment(header) else {
        return false;
    };
    if !is_json_object(&header) || memchr::memmem::find(&header, b"\"alg\"").is_none() {
        return false;
    }
    decode_segment(payload).is_some_and(|p| is_json_object(&p))
}

/// The decoded payload of a valid JWT, for claim-based classification.
#[must_use]
pub fn payload(token: &[u8]) -> Option<Vec<u8>> {
    let (_, payload, _) = segments(token)?;
    decode_segment(payload)
}

/// Does the JSON `payload` contain `"claim": "value"` (whitespace-tolerant)?
#[must_use]
pub fn has_claim(payload: &[u8], claim: &str, value: &str) -> bool {
    let key = format!("\"{claim}\"");
    let want = format!("\"{value}\"");
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&payload[from..], key.as_bytes()) {
        let rest = &payload[from + at + key.len()..];
        let rest = rest.trim_ascii_start();
        if let Some(rest) = rest.strip_prefix(b":")
            && rest.trim_ascii_start().starts_with(want.as_bytes())
        {
            return true;
        }
        from += at + key.len();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(bytes: &[u8]) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    }

    #[test]
    fn accepts_structured_jwt() {
        let token = format!(
            "{}.{}.{}",
            encode(br#"{"alg":"HS256","typ":"JWT"}"#),
            encode(br#"{"sub":"sanctum-fake","role": "anon"}"#),
            encode(b"fake-signature-bytes")
        );
        assert!(is_valid(token.as_bytes()));
        let p = payload(token.as_bytes()).unwrap_or_default();
        assert!(has_claim(&p, "role", "anon"));
        assert!(!has_claim(&p, "role", "service_role"));
    }

    #[test]
    fn rejects_lookalikes() {
        assert!(!is_valid(b"eyJhbGciOi.eyJzdWIi.sig"));
        let no_alg = format!("{}.{}.x", encode(br#"{"typ":"JWT"}"#), encode(b"{}"));
        assert!(!is_valid(no_alg.as_bytes()));
        let not_object = format!("{}.{}.x", encode(br#"{"alg":"none"}"#), encode(b"[1]"));
        assert!(!is_valid(not_object.as_bytes()));
        assert!(!is_valid(b"a.b"));
    }
}
