//! Productivity and collaboration tools: Linear, Notion, Figma.

use crate::secrets::rules::Rule;
use crate::secrets::rules::support::{B62, B64URL, HEX, simple};

pub(crate) const RULES: &[Rule] = &[
    simple!(
        id: "linear_api_key",
        name: "Linear personal API key",
        provider: "Linear",
        format: "`lin_api_` + 40 base62 characters",
        prefix: "lin_api_", body: B62, len: 40..=40, sample: 40,
        class: Secret, confidence: High,
        anchor: "n_api_", back: 2,
    ),
    simple!(
        id: "linear_oauth_token",
        name: "Linear OAuth access token",
        provider: "Linear",
        format: "`lin_oauth_` + 64 hex characters",
        prefix: "lin_oauth_", body: HEX, len: 64..=64, sample: 64,
        class: Secret, confidence: High,
        anchor: "n_oauth_", back: 2,
    ),
    simple!(
        id: "notion_integration_token",
        name: "Notion integration token (legacy)",
        provider: "Notion",
        format: "`secret_` + 43 base62 characters",
        prefix: "secret_", body: B62, len: 43..=43, sample: 43,
        class: Secret, confidence: Medium,
        anchor: "ecret_", back: 1,
    ),
    simple!(
        id: "notion_token",
        name: "Notion integration token",
        provider: "Notion",
        format: "`ntn_` + about 46 base62 characters (40-50 accepted)",
        prefix: "ntn_", body: B62, len: 40..=50, sample: 46,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "figma_pat",
        name: "Figma personal access token",
        provider: "Figma",
        format: "`figd_` + 40 URL-safe characters (38-48 accepted)",
        prefix: "figd_", body: B64URL, len: 38..=48, sample: 40,
        class: Secret, confidence: High,
        anchor: "igd_", back: 1,
    ),
];
