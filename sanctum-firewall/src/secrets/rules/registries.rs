//! Package registry tokens. Publishing tokens are supply-chain keys: a leaked one lets an
//! attacker ship code to everyone downstream. (Registries are named by ecosystem only;
//! their hosts are never spelled here.)

use crate::secrets::kind::{Class, Confidence, Kind};
use crate::secrets::rules::support::{B62, B64URL, HEX, LOWER_ALNUM, simple};
use crate::secrets::rules::{Gen, Matcher, Miss, Pattern, Rule, Tier, TokenSpec};
use crate::secrets::sample::{Sample, alphabet};
use crate::secrets::validate::checksum::{crc32_base62, github_style_ok};

pub(crate) const RULES: &[Rule] = &[
    Rule {
        kind: Kind {
            id: "npm_access_token",
            name: "npm access token",
            provider: "npm",
            format: "`npm_` + 36 base62 characters; the last 6 are the base62 CRC32 of the 30 before them",
            class: Class::Secret,
        },
        tier: Tier::Specific,
        matcher: Matcher::Token(TokenSpec {
            anchors: &["pm_"],
            back_min: 1,
            back_max: 1,
            pattern: Pattern::Simple {
                prefix: "npm_",
                body: B62,
                min: 36,
                max: 36,
            },
            secret_after: None,
        }),
        check: |v| {
            v.get(4..)
                .filter(|b| github_style_ok(b))
                .map(|_| Confidence::High)
        },
        refine: None,
        shown: 4,
        sample: Gen::Custom(|s| {
            let random = s.body(alphabet::BASE62, 30);
            let check = crc32_base62(random.as_bytes());
            Sample::bare(format!("npm_{random}{}", String::from_utf8_lossy(&check)))
        }),
        near_miss: Miss::Custom(|s| {
            let random = s.body(alphabet::BASE62, 30);
            format!("npm_{random}000000")
        }),
    },
    simple!(
        id: "pypi_api_token",
        name: "PyPI API token",
        provider: "PyPI",
        format: "`pypi-` + a base64url macaroon starting `AgE` (50 or more characters)",
        prefix: "pypi-AgE", body: B64URL, len: 50..=400, sample: 170,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "cargo_registry_token",
        name: "Rust crate registry API token",
        provider: "Rust crate registry",
        format: "`cio` + 32 base62 characters",
        prefix: "cio", body: B62, len: 32..=32, sample: 32,
        class: Secret, confidence: Medium,
    ),
    simple!(
        id: "rubygems_api_key",
        name: "RubyGems API key",
        provider: "RubyGems",
        format: "`rubygems_` + 48 hex characters",
        prefix: "rubygems_", body: HEX, len: 48..=48, sample: 48,
        class: Secret, confidence: High,
        anchor: "ygems_", back: 3,
    ),
    simple!(
        id: "dockerhub_pat",
        name: "Docker Hub personal access token",
        provider: "Docker",
        format: "`dckr_pat_` + 27 URL-safe characters (27-40 accepted)",
        prefix: "dckr_pat_", body: B64URL, len: 27..=40, sample: 27,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "dockerhub_org_token",
        name: "Docker Hub organization access token",
        provider: "Docker",
        format: "`dckr_oat_` + 32 URL-safe characters (27-40 accepted)",
        prefix: "dckr_oat_", body: B64URL, len: 27..=40, sample: 32,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "nuget_api_key",
        name: "NuGet API key",
        provider: "NuGet",
        format: "`oy2` + 43 lowercase alphanumerics",
        prefix: "oy2", body: LOWER_ALNUM, len: 43..=43, sample: 43,
        class: Secret, confidence: Medium,
    ),
];
