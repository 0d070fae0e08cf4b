//! Small byte-level predicates shared by validators: alphabets, character classes, lengths.

/// Bytes that can appear in an unquoted token: letters, digits and `_-.+/=~`.
#[must_use]
pub fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'+' | b'/' | b'=' | b'~')
}

/// Is every byte of `bytes` in `alphabet`?
#[must_use]
pub fn all_in(bytes: &[u8], alphabet: &[u8]) -> bool {
    bytes.iter().all(|b| alphabet.contains(b))
}

/// Is `bytes` non-empty and entirely ASCII hex digits?
#[must_use]
pub fn is_hex(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.iter().all(u8::is_ascii_hexdigit)
}

/// How many of the classes lower, upper, digit, other-printable appear in `bytes`.
#[must_use]
pub fn class_count(bytes: &[u8]) -> usize {
    let lower = bytes.iter().any(u8::is_ascii_lowercase);
    let upper = bytes.iter().any(u8::is_ascii_uppercase);
    let digit = bytes.iter().any(u8::is_ascii_digit);
    let other = bytes
        .iter()
        .any(|b| b.is_ascii_punctuation() || !b.is_ascii());
    [lower, upper, digit, other].iter().filter(|&&x| x).count()
}

/// The longest run of one repeated byte in `bytes`.
#[must_use]
pub fn longest_repeat(bytes: &[u8]) -> usize {
    let mut best = 0;
    let mut run = 0;
    let mut prev = None;
    for &b in bytes {
        if Some(b) == prev {
            run += 1;
        } else {
            run = 1;
            prev = Some(b);
        }
        best = best.max(run);
    }
    best
}

/// How many distinct byte values `bytes` uses.
#[must_use]
pub fn distinct(bytes: &[u8]) -> usize {
    let mut seen = [false; 256];
    let mut n = 0;
    for &b in bytes {
        if !seen[usize::from(b)] {
            seen[usize::from(b)] = true;
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predicates() {
        assert!(is_token_byte(b'~') && !is_token_byte(b' '));
        assert!(all_in(b"abc", b"cba") && !all_in(b"abd", b"abc"));
        assert!(is_hex(b"00ff") && !is_hex(b"") && !is_hex(b"0g"));
        assert_eq!(class_count(b"aB3!"), 4);
        assert_eq!(class_count(b"abc"), 1);
        assert_eq!(longest_repeat(b"abbbcc"), 3);
        assert_eq!(distinct(b"aabbc"), 3);
    }
}
