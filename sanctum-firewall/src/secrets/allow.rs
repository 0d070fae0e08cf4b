//! The inline allow marker: a `sanctum:allow` comment on a finding's line (or
//! `sanctum:allow-next-line` on the line above) tells `scan` a human accepted it.
//!
//! The marker may name kinds: `sanctum:allow(jwt, generic_token)` only allows those kinds;
//! a bare `sanctum:allow` allows any kind on that line. This module only reads text; whether
//! to honour markers (e.g. not in hook decisions, where an attacker controls the text) is the
//! caller's policy.

use crate::secrets::location::LineCursor;

/// The marker text.
pub const ALLOW_MARKER: &str = "sanctum:allow";
/// The marker that applies to the following line.
pub const ALLOW_NEXT_LINE_MARKER: &str = "sanctum:allow-next-line";

/// Does the line holding byte `offset` (or the line above, with `-next-line`) carry an allow
/// marker covering `kind_id`?
#[must_use]
pub fn is_allowed_inline(input: &[u8], offset: usize, kind_id: &str) -> bool {
    let mut cursor = LineCursor::new(input);
    cursor.locate(offset);
    let line = cursor.current_line();
    if marker_allows(&input[line.clone()], ALLOW_MARKER, kind_id) {
        return true;
    }
    if line.start == 0 {
        return false;
    }
    let above_end = line.start - 1;
    let above_start = memchr::memrchr(b'\n', &input[..above_end]).map_or(0, |i| i + 1);
    marker_allows(
        &input[above_start..above_end],
        ALLOW_NEXT_LINE_MARKER,
        kind_id,
    )
}

/// Does `line` contain `marker` (not followed by `-` unless `marker` is the next-line form),
/// optionally restricted to a parenthesised kind list containing `kind_id`?
fn marker_allows(line: &[u8], marker: &str, kind_id: &str) -> bool {
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&line[from..], marker.as_bytes()) {
        let rest = &line[from + at + marker.len()..];
        from += at + marker.len();
        if rest.first() == Some(&b'-') {
            continue;
        }
        let Some(list) = rest.strip_prefix(b"(") else {
            return true;
        };
        let Some(close) = memchr::memchr(b')', list) else {
            continue;
        };
        if list[..close]
            .split(|&b| b == b',')
            .any(|k| k.trim_ascii() == kind_id.as_bytes())
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_line_marker() {
        let text = b"a\nkey = x # sanctum:allow\nb";
        assert!(is_allowed_inline(text, 8, "generic_api_key"));
        assert!(!is_allowed_inline(text, 0, "generic_api_key"));
    }

    #[test]
    fn kind_list_and_next_line() {
        let text = b"// sanctum:allow-next-line(jwt)\ntoken = x\ny = z // sanctum:allow(jwt, npm_access_token)";
        assert!(is_allowed_inline(text, 33, "jwt"));
        assert!(!is_allowed_inline(text, 33, "generic_token"));
        assert!(is_allowed_inline(text, 45, "npm_access_token"));
        assert!(!is_allowed_inline(text, 45, "generic_token"));
    }
}
