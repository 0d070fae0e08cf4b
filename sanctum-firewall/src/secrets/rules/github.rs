//! GitHub tokens. The `gh?_` family carries a CRC32/base62 checksum in its last six
//! characters, so a wrong checksum is a near miss, not a finding.

use crate::secrets::kind::{Class, Confidence, Kind};
use crate::secrets::rules::support::{B62, token};
use crate::secrets::rules::{Gen, Matcher, Miss, Pattern, Rule, Tier, TokenSpec};
use crate::secrets::sample::{Sample, Sampler, alphabet};
use crate::secrets::validate::checksum::{crc32_base62, github_style_ok};

/// Checksum check for `gh?_` tokens: the body after the 4-byte prefix.
fn checksum(secret: &[u8]) -> Option<Confidence> {
    secret
        .get(4..)
        .filter(|body| github_style_ok(body))
        .map(|_| Confidence::High)
}

/// A valid fake `prefix` token: 30 fake characters and their checksum.
fn with_checksum(s: &mut Sampler, prefix: &str) -> Sample {
    let random = s.body(alphabet::BASE62, 30);
    let check = crc32_base62(random.as_bytes());
    Sample::bare(format!(
        "{prefix}{random}{}",
        String::from_utf8_lossy(&check)
    ))
}

/// The same shape with a checksum that does not match.
fn bad_checksum(s: &mut Sampler, prefix: &str) -> String {
    let random = s.body(alphabet::BASE62, 30);
    let mut check = crc32_base62(random.as_bytes());
    check[5] = if check[5] == b'A' { b'B' } else { b'A' };
    format!("{prefix}{random}{}", String::from_utf8_lossy(&check))
}

macro_rules! classic {
    ($id:literal, $name:literal, $prefix:literal, $what:literal, $sample:expr, $miss:expr) => {
        Rule {
            kind: Kind {
                id: $id,
                name: $name,
                provider: "GitHub",
                format: concat!(
                    "`",
                    $prefix,
                    "` + 36 base62 characters (",
                    $what,
                    "); the last 6 are the base62 CRC32 of the 30 before them"
                ),
                class: Class::Secret,
            },
            tier: Tier::Specific,
            matcher: Matcher::Token(TokenSpec {
                anchors: &[$prefix],
                back_min: 0,
                back_max: 0,
                pattern: Pattern::Simple {
                    prefix: $prefix,
                    body: B62,
                    min: 36,
                    max: 36,
                },
                secret_after: None,
            }),
            check: checksum,
            refine: None,
            shown: 4,
            sample: Gen::Custom($sample),
            near_miss: Miss::Custom($miss),
        }
    };
}

pub(crate) const RULES: &[Rule] = &[
    classic!(
        "github_pat_classic",
        "GitHub personal access token (classic)",
        "ghp_",
        "personal access token",
        |s| with_checksum(s, "ghp_"),
        |s| bad_checksum(s, "ghp_")
    ),
    classic!(
        "github_oauth_token",
        "GitHub OAuth access token",
        "gho_",
        "OAuth app token",
        |s| with_checksum(s, "gho_"),
        |s| bad_checksum(s, "gho_")
    ),
    classic!(
        "github_user_to_server_token",
        "GitHub App user-to-server token",
        "ghu_",
        "GitHub App acting for a user",
        |s| with_checksum(s, "ghu_"),
        |s| bad_checksum(s, "ghu_")
    ),
    classic!(
        "github_server_to_server_token",
        "GitHub App installation token",
        "ghs_",
        "GitHub App installation",
        |s| with_checksum(s, "ghs_"),
        |s| bad_checksum(s, "ghs_")
    ),
    classic!(
        "github_refresh_token",
        "GitHub App refresh token",
        "ghr_",
        "refresh token",
        |s| with_checksum(s, "ghr_"),
        |s| bad_checksum(s, "ghr_")
    ),
    token!(
        id: "github_pat_fine_grained",
        name: "GitHub fine-grained personal access token",
        provider: "GitHub",
        format: "`github_pat_` + 22 base62 characters + `_` + 59 base62 characters",
        anchors: ["b_pat_"],
        back: 5..=5,
        pattern: r"github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: |s| {
            s.get(11..)
                .filter(|b| crate::secrets::validate::entropy::token_body_ok(b))
                .map(|_| Confidence::High)
        },
        shown: 11,
        sample: |s| Sample::bare(format!(
            "github_pat_{}_{}",
            s.body(alphabet::BASE62, 22),
            s.random(alphabet::BASE62, 59)
        )),
        near_miss: |s| format!(
            "github_pat_{}_{}",
            s.body(alphabet::BASE62, 22),
            s.random(alphabet::BASE62, 58)
        ),
    ),
];
