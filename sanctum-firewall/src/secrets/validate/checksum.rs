//! Checksums embedded in credential formats.
//!
//! GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm (`npm_`) tokens end with six
//! base62 characters holding the CRC32 of the random part (the characters between the prefix
//! and the checksum), left-padded with `0`. Checking it rejects nearly every look-alike
//! without a network call.

use crate::secrets::sample::alphabet::BASE62;

/// Encode `value` in base62 (GitHub's digit order `0-9A-Z a-z`), left-padded to six digits.
#[must_use]
pub fn base62_crc(value: u32) -> [u8; 6] {
    let mut out = [b'0'; 6];
    let mut v = value;
    for slot in out.iter_mut().rev() {
        *slot = BASE62[(v % 62) as usize];
        v /= 62;
    }
    out
}

/// The six-character checksum GitHub and npm append to `random`.
#[must_use]
pub fn crc32_base62(random: &[u8]) -> [u8; 6] {
    base62_crc(crc32fast::hash(random))
}

/// Is `body` (prefix removed) a random part followed by its valid CRC32/base62 checksum?
#[must_use]
pub fn github_style_ok(body: &[u8]) -> bool {
    if body.len() < 7 {
        return false;
    }
    let (random, check) = body.split_at(body.len() - 6);
    crc32_base62(random) == check
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base62_padding_and_digits() {
        assert_eq!(&base62_crc(0), b"000000");
        assert_eq!(&base62_crc(61), b"00000z");
        assert_eq!(&base62_crc(62), b"000010");
        assert_eq!(&base62_crc(u32::MAX), b"4gfFC3");
    }

    #[test]
    fn checksum_round_trip() {
        let random = b"SanctumFake0123456789abcdefghi";
        let mut body = random.to_vec();
        body.extend_from_slice(&crc32_base62(random));
        assert!(github_style_ok(&body));
        let last = body.len() - 1;
        body[last] = if body[last] == b'A' { b'B' } else { b'A' };
        assert!(!github_style_ok(&body));
        assert!(!github_style_ok(b"short"));
    }
}
