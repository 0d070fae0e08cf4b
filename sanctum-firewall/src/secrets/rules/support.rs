//! Building blocks for rule tables: body alphabets, a macro for the common "literal prefix +
//! body" token shape, and validators and generators shared by several providers.

use crate::secrets::kind::Confidence;
use crate::secrets::rules::Body;
use crate::secrets::sample::{Sample, Sampler, alphabet};

/// `A-Za-z0-9`.
pub(crate) const B62: Body = Body {
    class: "A-Za-z0-9",
    alphabet: alphabet::BASE62,
};
/// `a-z0-9`.
pub(crate) const LOWER_ALNUM: Body = Body {
    class: "a-z0-9",
    alphabet: alphabet::LOWER_ALNUM,
};
/// `A-Z0-9`.
pub(crate) const UPPER_ALNUM: Body = Body {
    class: "A-Z0-9",
    alphabet: alphabet::UPPER_ALNUM,
};
/// `0-9a-f`.
pub(crate) const HEX: Body = Body {
    class: "0-9a-f",
    alphabet: alphabet::HEX_LOWER,
};
/// URL-safe base64, `A-Za-z0-9_-`.
pub(crate) const B64URL: Body = Body {
    class: "A-Za-z0-9_-",
    alphabet: alphabet::BASE64URL,
};

#[expect(
    clippy::unnecessary_wraps,
    reason = "a rule validator: its signature is fixed"
)]
/// Accept with high confidence (the pattern and the generic body check said enough).
pub(crate) fn high(_: &[u8]) -> Option<Confidence> {
    Some(Confidence::High)
}

/// Does the (short, normalised) key `k` contain `word`? A plain loop: key names are short,
/// and this runs for every assignment, where a general substring searcher's setup costs
/// more than the search.
pub(crate) fn has(k: &str, word: &str) -> bool {
    let (k, w) = (k.as_bytes(), word.as_bytes());
    if w.is_empty() || w.len() > k.len() {
        return w.is_empty();
    }
    (0..=k.len() - w.len()).any(|i| k[i] == w[0] && &k[i..i + w.len()] == w)
}

/// Exactly `len` characters, all in `alphabet`.
pub(crate) fn exact(value: &[u8], len: usize, alphabet: &[u8]) -> bool {
    value.len() == len && value.iter().all(|b| alphabet.contains(b))
}

/// Is `value` a canonical UUID (8-4-4-4-12 hex)?
pub(crate) fn is_uuid(value: &[u8]) -> bool {
    value.len() == 36
        && value.iter().enumerate().all(|(i, &b)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        })
}

/// A context sample: `KEY=value` with a fake value.
pub(crate) fn assign(key: &str, value: String) -> Sample {
    Sample::wrapped(&format!("{key}="), value, "\n")
}

/// A fake UUID (the first group spells `fa4ec0de`).
pub(crate) fn fake_uuid(s: &mut Sampler) -> String {
    let h = |s: &mut Sampler, n| s.random(alphabet::HEX_LOWER, n);
    format!(
        "fa4ec0de-{}-4{}-a{}-{}",
        h(s, 4),
        h(s, 3),
        h(s, 3),
        h(s, 12)
    )
}

/// The common shape: `prefix` + `min..=max` body characters; `sample` is the generated body
/// length; class and confidence name [`Class`](crate::secrets::Class) and
/// [`Confidence`] variants. The trigger is the prefix, or `anchor` found `back` bytes into
/// the token when the prefix's first three bytes are common in ordinary text.
macro_rules! simple {
    (
        id: $id:literal,
        name: $name:literal,
        provider: $provider:literal,
        format: $format:literal,
        prefix: $prefix:literal,
        body: $body:expr,
        len: $min:literal ..= $max:literal,
        sample: $sample:literal,
        class: $class:ident,
        confidence: $conf:ident $(,)?
    ) => {
        $crate::secrets::rules::support::simple!(
            id: $id, name: $name, provider: $provider, format: $format,
            prefix: $prefix, body: $body, len: $min..=$max, sample: $sample,
            class: $class, confidence: $conf, anchor: $prefix, back: 0,
        )
    };
    (
        id: $id:literal,
        name: $name:literal,
        provider: $provider:literal,
        format: $format:literal,
        prefix: $prefix:literal,
        body: $body:expr,
        len: $min:literal ..= $max:literal,
        sample: $sample:literal,
        class: $class:ident,
        confidence: $conf:ident,
        anchor: $anchor:literal,
        back: $back:literal $(,)?
    ) => {
        $crate::secrets::rules::Rule {
            kind: $crate::secrets::kind::Kind {
                id: $id,
                name: $name,
                provider: $provider,
                format: $format,
                class: $crate::secrets::kind::Class::$class,
            },
            tier: $crate::secrets::rules::Tier::Specific,
            matcher: $crate::secrets::rules::Matcher::Token($crate::secrets::rules::TokenSpec {
                anchors: &[$anchor],
                back_min: $back,
                back_max: $back,
                pattern: $crate::secrets::rules::Pattern::Simple {
                    prefix: $prefix,
                    body: $body,
                    min: $min,
                    max: $max,
                },
                secret_after: None,
            }),
            check: |_| Some($crate::secrets::kind::Confidence::$conf),
            refine: None,
            shown: $prefix.len(),
            sample: $crate::secrets::rules::Gen::Auto($sample),
            near_miss: $crate::secrets::rules::Miss::Auto,
        }
    };
}
pub(crate) use simple;

/// A kind recognised by its key name; `key` tests the normalised key, `check` the value,
/// `sample` and `near_miss` are generator functions.
macro_rules! context {
    (
        id: $id:literal,
        name: $name:literal,
        provider: $provider:literal,
        format: $format:literal,
        tier: $tier:ident,
        key: $key:expr,
        check: $check:expr,
        sample: $sample:expr,
        near_miss: $miss:expr $(,)?
    ) => {
        $crate::secrets::rules::Rule {
            kind: $crate::secrets::kind::Kind {
                id: $id,
                name: $name,
                provider: $provider,
                format: $format,
                class: $crate::secrets::kind::Class::Secret,
            },
            tier: $crate::secrets::rules::Tier::$tier,
            matcher: $crate::secrets::rules::Matcher::Context(
                $crate::secrets::rules::ContextSpec { key: $key },
            ),
            check: $check,
            refine: None,
            shown: 0,
            sample: $crate::secrets::rules::Gen::Custom($sample),
            near_miss: $crate::secrets::rules::Miss::Custom($miss),
        }
    };
}
pub(crate) use context;

/// A token with a hand-written regex; `anchors` are its literal triggers and `back` how far
/// before an anchor the token starts.
macro_rules! token {
    (
        id: $id:literal,
        name: $name:literal,
        provider: $provider:literal,
        format: $format:literal,
        anchors: [$($anchor:literal),+ $(,)?],
        back: $bmin:literal ..= $bmax:literal,
        pattern: $pattern:literal,
        secret_after: $after:expr,
        class: $class:ident,
        check: $check:expr,
        shown: $shown:expr,
        sample: $sample:expr,
        near_miss: $miss:expr $(,)?
    ) => {
        $crate::secrets::rules::Rule {
            kind: $crate::secrets::kind::Kind {
                id: $id,
                name: $name,
                provider: $provider,
                format: $format,
                class: $crate::secrets::kind::Class::$class,
            },
            tier: $crate::secrets::rules::Tier::Specific,
            matcher: $crate::secrets::rules::Matcher::Token($crate::secrets::rules::TokenSpec {
                anchors: &[$($anchor),+],
                back_min: $bmin,
                back_max: $bmax,
                pattern: $crate::secrets::rules::Pattern::Regex($pattern),
                secret_after: $after,
            }),
            check: $check,
            refine: None,
            shown: $shown,
            sample: $crate::secrets::rules::Gen::Custom($sample),
            near_miss: $crate::secrets::rules::Miss::Custom($miss),
        }
    };
}
pub(crate) use token;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_word() {
        assert!(has("awssecretaccesskey", "secret"));
        assert!(!has("aws", "secret"));
        assert!(has("x", ""));
    }

    #[test]
    fn uuid_shape() {
        let mut s = Sampler::new(3);
        let u = fake_uuid(&mut s);
        assert!(is_uuid(u.as_bytes()));
        assert!(!is_uuid(b"not-a-uuid"));
        assert!(exact(b"abc", 3, b"abc") && !exact(b"abc", 4, b"abc"));
    }
}
