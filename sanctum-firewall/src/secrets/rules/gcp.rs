//! Google Cloud: API keys, OAuth client secrets and access tokens. Service-account private
//! keys are found as PEM blocks and re-labelled when they sit in a `"private_key"` field
//! (see `keys.rs` and the block matcher).

use crate::secrets::kind::{Class, Confidence, Kind};
use crate::secrets::rules::support::{B64URL, simple};
use crate::secrets::rules::{Body, Gen, Matcher, Miss, Rule, Tier};
use crate::secrets::sample::{Sample, alphabet};

/// OAuth access tokens: URL-safe base64 plus `.`.
const DOTTED: Body = Body {
    class: "A-Za-z0-9_.-",
    alphabet: alphabet::BASE64URL,
};

pub(crate) const RULES: &[Rule] = &[
    simple!(
        id: "gcp_api_key",
        name: "Google API key",
        provider: "Google",
        format: "`AIza` + 35 URL-safe characters",
        prefix: "AIza", body: B64URL, len: 35..=35, sample: 35,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "gcp_oauth_client_secret",
        name: "Google OAuth client secret",
        provider: "Google",
        format: "`GOCSPX-` + 28 URL-safe characters",
        prefix: "GOCSPX-", body: B64URL, len: 28..=28, sample: 28,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "gcp_oauth_access_token",
        name: "Google OAuth access token",
        provider: "Google",
        format: "`ya29.` + 50 or more URL-safe characters and dots",
        prefix: "ya29.", body: DOTTED, len: 50..=2048, sample: 120,
        class: Secret, confidence: High,
    ),
    Rule {
        kind: Kind {
            id: "gcp_service_account_key",
            name: "Google Cloud service account private key",
            provider: "Google",
            format: "a PKCS#8 PEM private key in the `\"private_key\"` field of a service-account JSON file",
            class: Class::Secret,
        },
        tier: Tier::Specific,
        matcher: Matcher::Derived,
        check: |_| Some(Confidence::High),
        refine: None,
        shown: 0,
        sample: Gen::Custom(|s| {
            let pem = crate::secrets::rules::keys::fake_pem(s, "PRIVATE KEY", "\\n");
            Sample::wrapped(
                "{\"type\": \"service_account\", \"private_key\": \"",
                pem,
                "\\n\", \"client_email\": \"fake@sanctum.invalid\"}",
            )
        }),
        near_miss: Miss::Custom(|s| {
            format!(
                "{{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n{}\"}}",
                s.body(alphabet::BASE64, 20)
            )
        }),
    },
];
