//! Atlassian (Jira, Confluence) API tokens and Bitbucket app passwords / access tokens.

use crate::secrets::rules::Body;
use crate::secrets::rules::Rule;
use crate::secrets::rules::support::{B62, simple};
use crate::secrets::sample::alphabet;

/// Atlassian token bodies: URL-safe base64 with `=` (they end in `=` + an 8-hex checksum).
const ATL: Body = Body {
    class: "A-Za-z0-9_=-",
    alphabet: alphabet::BASE64URL,
};

pub(crate) const RULES: &[Rule] = &[
    simple!(
        id: "atlassian_api_token",
        name: "Atlassian API token",
        provider: "Atlassian",
        format: "`ATATT3` + about 180 URL-safe characters ending in `=` and 8 hex (150-300 accepted)",
        prefix: "ATATT3", body: ATL, len: 150..=300, sample: 186,
        class: Secret, confidence: High,
        anchor: "ATT3", back: 2,
    ),
    simple!(
        id: "bitbucket_app_password",
        name: "Bitbucket app password",
        provider: "Atlassian",
        format: "`ATBB` + 32 base62 characters (28-40 accepted)",
        prefix: "ATBB", body: B62, len: 28..=40, sample: 32,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "bitbucket_access_token",
        name: "Bitbucket repository, project or workspace access token",
        provider: "Atlassian",
        format: "`ATCTT3` + about 180 URL-safe characters (150-300 accepted)",
        prefix: "ATCTT3", body: ATL, len: 150..=300, sample: 186,
        class: Secret, confidence: High,
    ),
];
