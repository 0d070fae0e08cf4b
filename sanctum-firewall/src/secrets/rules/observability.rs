//! Observability providers: Datadog (by context), New Relic, Sentry, Grafana.

use crate::secrets::kind::Confidence;
use crate::secrets::rules::Rule;
use crate::secrets::rules::support::{
    B64URL, HEX, UPPER_ALNUM, assign, context, exact, has, simple, token,
};
use crate::secrets::sample::{Sample, alphabet};
use crate::secrets::validate::entropy;

/// A fake Sentry org-token payload: base64 of a JSON object.
fn sentry_payload() -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD_NO_PAD
        .encode(br#"{"iat":1700000000.0,"url":"https://sentry.invalid","region_url":"https://sentry.invalid","org":"sanctum-fake"}"#)
}

pub(crate) const RULES: &[Rule] = &[
    context!(
        id: "datadog_api_key",
        name: "Datadog API key",
        provider: "Datadog",
        format: "32 hex characters assigned to a `datadog…api_key` / `DD_API_KEY` key",
        tier: Context,
        key: |k| (has(k, "datadog") || k.starts_with("dd")) && has(k, "apikey"),
        check: |v| (exact(v, 32, alphabet::HEX_LOWER) && entropy::above_floor(v)).then_some(Confidence::High),
        sample: |s| assign("DD_API_KEY", s.body(alphabet::HEX_LOWER, 32)),
        near_miss: |s| format!("DD_API_KEY={}\n", s.body(alphabet::HEX_LOWER, 31)),
    ),
    context!(
        id: "datadog_app_key",
        name: "Datadog application key",
        provider: "Datadog",
        format: "40 hex characters assigned to a `datadog…app_key` / `DD_APP_KEY` key",
        tier: Context,
        key: |k| (has(k, "datadog") || k.starts_with("dd")) && (has(k, "appkey") || has(k, "applicationkey")),
        check: |v| (exact(v, 40, alphabet::HEX_LOWER) && entropy::above_floor(v)).then_some(Confidence::High),
        sample: |s| assign("DD_APP_KEY", s.body(alphabet::HEX_LOWER, 40)),
        near_miss: |s| format!("DD_APP_KEY={}\n", s.body(alphabet::HEX_LOWER, 39)),
    ),
    simple!(
        id: "newrelic_user_api_key",
        name: "New Relic user API key",
        provider: "New Relic",
        format: "`NRAK-` + 27 uppercase alphanumerics",
        prefix: "NRAK-", body: UPPER_ALNUM, len: 27..=27, sample: 27,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "newrelic_insert_key",
        name: "New Relic insights insert key",
        provider: "New Relic",
        format: "`NRII-` + 32 URL-safe characters",
        prefix: "NRII-", body: B64URL, len: 32..=32, sample: 32,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "newrelic_admin_api_key",
        name: "New Relic admin API key",
        provider: "New Relic",
        format: "`NRAA-` + 27 hex characters",
        prefix: "NRAA-", body: HEX, len: 27..=27, sample: 27,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "newrelic_browser_key",
        name: "New Relic browser key",
        provider: "New Relic",
        format: "`NRJS-` + 19 hex characters (embedded in web pages by design)",
        prefix: "NRJS-", body: HEX, len: 19..=19, sample: 19,
        class: Public, confidence: High,
    ),
    token!(
        id: "sentry_org_token",
        name: "Sentry organization auth token",
        provider: "Sentry",
        format: "`sntrys_` + base64 JSON claims (`eyJ…`) + `_` + 43 base64 characters",
        anchors: ["sntrys_"],
        back: 0..=0,
        pattern: r"sntrys_eyJ[A-Za-z0-9+/=]{40,}_[A-Za-z0-9+/]{43}",
        secret_after: None,
        class: Secret,
        check: |_| Some(Confidence::High),
        shown: 7,
        sample: |s| Sample::bare(format!("sntrys_{}_{}", sentry_payload(), s.body(alphabet::BASE64, 43))),
        near_miss: |s| format!("sntrys_{}_{}", sentry_payload(), s.body(alphabet::BASE64, 20)),
    ),
    simple!(
        id: "sentry_user_token",
        name: "Sentry user auth token",
        provider: "Sentry",
        format: "`sntryu_` + 64 hex characters",
        prefix: "sntryu_", body: HEX, len: 64..=64, sample: 64,
        class: Secret, confidence: High,
    ),
    token!(
        id: "grafana_service_account_token",
        name: "Grafana service account token",
        provider: "Grafana",
        format: "`glsa_` + 32 base62 characters + `_` + 8 hex characters",
        anchors: ["glsa_"],
        back: 0..=0,
        pattern: r"glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: |_| Some(Confidence::High),
        shown: 5,
        sample: |s| Sample::bare(format!("glsa_{}_{}", s.body(alphabet::BASE62, 32), s.random(alphabet::HEX_LOWER, 8))),
        near_miss: |s| format!("glsa_{}_{}", s.body(alphabet::BASE62, 32), s.random(alphabet::HEX_LOWER, 4)),
    ),
    token!(
        id: "grafana_cloud_token",
        name: "Grafana Cloud access policy token",
        provider: "Grafana",
        format: "`glc_` + base64 (32 or more characters)",
        anchors: ["glc_"],
        back: 0..=0,
        pattern: r"glc_[A-Za-z0-9+/]{32,}={0,2}",
        secret_after: None,
        class: Secret,
        check: |v| v.get(4..).filter(|b| entropy::token_body_ok(b)).map(|_| Confidence::High),
        shown: 4,
        sample: |s| Sample::bare(format!("glc_{}", s.body(alphabet::BASE64, 120))),
        near_miss: |s| format!("glc_{}", s.body(alphabet::BASE64, 20)),
    ),
];

#[cfg(test)]
mod tests {
    #[test]
    fn sentry_payload_is_json_base64() {
        assert!(super::sentry_payload().starts_with("eyJ"));
        let _ = super::B64URL;
    }
}
