//! Recognises values that look like credentials but are not live ones: documentation
//! examples, template variables, environment references and obvious dummies.
//!
//! A placeholder is reported as [`Class::Placeholder`](super::Class::Placeholder), never as a
//! secret, so `YOUR_API_KEY` in a README does not block anything while a real key does.
//! The checks look only at the candidate value, never at the surrounding file.

use std::sync::OnceLock;

use crate::secrets::validate::shape::{distinct, longest_repeat};

/// Substrings (compared case-insensitively) that mark a documentation example or a dummy.
const MARKERS: &[&[u8]] = &[
    b"example",
    b"your",
    b"xxxx",
    b"****",
    b"....",
    "\u{2026}".as_bytes(),
    b"changeme",
    b"change_me",
    b"change-me",
    b"placeholder",
    b"redacted",
    b"dummy",
    b"insert",
    b"replace",
    b"todo",
    b"fixme",
    b"notreal",
    b"not_real",
    b"not-real",
    b"notasecret",
    b"not_a_secret",
    b"12345678",
    b"abcdefgh",
    b"<",
    b">",
    b"{{",
    b"}}",
];

/// Whole values (compared case-insensitively) that are never real credentials.
const WHOLE: &[&[u8]] = &[
    b"password",
    b"passw0rd",
    b"pass",
    b"passwd",
    b"secret",
    b"token",
    b"apikey",
    b"api_key",
    b"admin",
    b"root",
    b"guest",
    b"default",
    b"none",
    b"null",
    b"nil",
    b"undefined",
    b"empty",
    b"test",
    b"testing",
    b"demo",
    b"sample",
    b"foo",
    b"bar",
    b"baz",
    b"foobar",
    b"qwerty",
    b"letmein",
    b"abc123",
    b"hunter2",
    b"tbd",
    b"hidden",
    b"masked",
    b"value",
    b"string",
    b"required",
    b"optional",
    b"secret123",
    b"password123",
    b"pa55word",
    b"s3cr3t",
];

/// Prefixes and fragments of references to a value stored elsewhere (environment,
/// template engines, secret managers): the text names the secret, it does not contain it.
const REFERENCES: &[&[u8]] = &[
    b"process.env",
    b"os.environ",
    b"os.getenv",
    b"getenv(",
    b"env(",
    b"env[",
    b"env.",
    b"secrets.",
    b"vars.",
    b"ref+",
    b"vault:",
    b"op://",
    b"arn:aws:secretsmanager",
    b"!ref",
    b"<%",
    b"@value(",
];

/// One case-insensitive automaton over [`MARKERS`], built on first use: placeholder checks
/// run for every candidate, and one automaton pass beats a loop of substring searches.
fn markers() -> Option<&'static aho_corasick::AhoCorasick> {
    static MARKER_SET: OnceLock<Option<aho_corasick::AhoCorasick>> = OnceLock::new();
    MARKER_SET
        .get_or_init(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(MARKERS)
                .ok()
        })
        .as_ref()
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    needle.len() <= haystack.len()
        && haystack
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Is `value` a reference to a secret kept elsewhere (`$VAR`, `${VAR}`, `%VAR%`,
/// `process.env.X`, `os.environ[...]`, `${{ secrets.X }}`, a secret-manager URI)?
#[must_use]
pub fn is_reference(value: &[u8]) -> bool {
    let v = value.trim_ascii();
    if v.first() == Some(&b'$') {
        return true;
    }
    if v.len() >= 3 && v.first() == Some(&b'%') && v.last() == Some(&b'%') {
        return true;
    }
    REFERENCES.iter().any(|r| contains_ignore_case(v, r))
}

/// Is `value` a placeholder, a documentation example, a reference or an obvious dummy?
#[must_use]
pub fn is_placeholder(value: &[u8]) -> bool {
    let v = value.trim_ascii();
    if v.is_empty() || is_reference(v) {
        return true;
    }
    if WHOLE.iter().any(|w| v.eq_ignore_ascii_case(w)) {
        return true;
    }
    let marked = match markers() {
        Some(set) => set.is_match(v),
        None => MARKERS.iter().any(|m| contains_ignore_case(v, m)),
    };
    if marked {
        return true;
    }
    let repeat_limit = if v.len() >= 12 {
        5
    } else {
        (v.len() / 2).max(3)
    };
    if longest_repeat(v) >= repeat_limit {
        return true;
    }
    v.len() >= 10 && distinct(v) <= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documentation_values_are_placeholders() {
        for v in [
            "YOUR_API_KEY",
            "sk-...",
            "sk-xxxxxxxxxxxxxxxxxxxxxxxx",
            "<token>",
            "${GITHUB_TOKEN}",
            "$OPENAI_API_KEY",
            "%APPDATA_SECRET%",
            "os.environ[\"TOKEN\"]",
            "process.env.STRIPE_KEY",
            "${{ secrets.NPM_TOKEN }}",
            "changeme",
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "aaaaaaaaaaaaaaaaaaaa",
            "abababababababab",
            "password",
            "********",
            "insert-key-here",
        ] {
            assert!(is_placeholder(v.as_bytes()), "{v} should be a placeholder");
        }
    }

    #[test]
    fn random_values_are_not_placeholders() {
        for v in [
            "SanctumFakeq8Zr2LmW0pXv7TnB4Kd",
            "fa4ec0de9b1c7e2a55d03f6e8a41b2c9",
            "hR7#kq2!Vm9$wLx",
            "Sanctum-Fake-9f2K",
        ] {
            assert!(
                !is_placeholder(v.as_bytes()),
                "{v} should not be a placeholder"
            );
        }
    }
}
