//! Infrastructure and developer tooling: `HashiCorp` Vault and Terraform Cloud, Doppler,
//! Postman, Pulumi.

use crate::secrets::kind::Confidence;
use crate::secrets::rules::Rule;
use crate::secrets::rules::support::{B62, B64URL, HEX, context, has, simple, token};
use crate::secrets::sample::{Sample, alphabet};
use crate::secrets::validate::entropy;

pub(crate) const RULES: &[Rule] = &[
    simple!(
        id: "vault_service_token",
        name: "HashiCorp Vault service token",
        provider: "HashiCorp",
        format: "`hvs.` + 90 or more URL-safe characters (24-400 accepted)",
        prefix: "hvs.", body: B64URL, len: 24..=400, sample: 91,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "vault_batch_token",
        name: "HashiCorp Vault batch token",
        provider: "HashiCorp",
        format: "`hvb.` + 100 or more URL-safe characters (24-600 accepted)",
        prefix: "hvb.", body: B64URL, len: 24..=600, sample: 138,
        class: Secret, confidence: High,
    ),
    context!(
        id: "vault_legacy_token",
        name: "HashiCorp Vault token (legacy format)",
        provider: "HashiCorp",
        format: "`s.` + 24 base62 characters assigned to a `vault…token` key (or `VAULT_TOKEN`)",
        tier: Context,
        key: |k| has(k, "vault") && has(k, "token"),
        check: |v| {
            let ok = v.len() == 26 && v.starts_with(b"s.") && v[2..].iter().all(u8::is_ascii_alphanumeric) && entropy::token_body_ok(&v[2..]);
            ok.then_some(Confidence::High)
        },
        sample: |s| Sample::wrapped("export VAULT_TOKEN=", format!("s.{}", s.body(alphabet::BASE62, 24)), "\n"),
        near_miss: |s| format!("export VAULT_TOKEN=s.{}\n", s.body(alphabet::BASE62, 12)),
    ),
    token!(
        id: "terraform_cloud_token",
        name: "Terraform Cloud / Enterprise API token",
        provider: "HashiCorp",
        format: "14 base62 characters + `.atlasv1.` + 60-70 URL-safe characters",
        anchors: ["atlasv1."],
        back: 15..=15,
        pattern: r"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_-]{60,70}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: |v| v.get(23..).filter(|b| entropy::token_body_ok(b)).map(|_| Confidence::High),
        shown: 0,
        sample: |s| Sample::bare(format!("{}.atlasv1.{}", s.body(alphabet::BASE62, 14), s.random(alphabet::BASE64URL, 67))),
        near_miss: |s| format!("{}.atlasv1.{}", s.body(alphabet::BASE62, 14), s.random(alphabet::BASE64URL, 30)),
    ),
    simple!(
        id: "doppler_personal_token",
        name: "Doppler personal token",
        provider: "Doppler",
        format: "`dp.pt.` + 43 base62 characters (40-44 accepted)",
        prefix: "dp.pt.", body: B62, len: 40..=44, sample: 43,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "doppler_service_token",
        name: "Doppler service token",
        provider: "Doppler",
        format: "`dp.st.` + an optional config name and 40-44 base62 characters",
        prefix: "dp.st.", body: B64URL, len: 40..=120, sample: 43,
        class: Secret, confidence: High,
    ),
    token!(
        id: "postman_api_key",
        name: "Postman API key",
        provider: "Postman",
        format: "`PMAK-` + 24 hex + `-` + 34 hex characters",
        anchors: ["PMAK-"],
        back: 0..=0,
        pattern: r"PMAK-[0-9a-f]{24}-[0-9a-f]{34}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: |_| Some(Confidence::High),
        shown: 5,
        sample: |s| Sample::bare(format!("PMAK-{}-{}", s.body(alphabet::HEX_LOWER, 24), s.random(alphabet::HEX_LOWER, 34))),
        near_miss: |s| format!("PMAK-{}-{}", s.body(alphabet::HEX_LOWER, 24), s.random(alphabet::HEX_LOWER, 20)),
    ),
    simple!(
        id: "pulumi_access_token",
        name: "Pulumi access token",
        provider: "Pulumi",
        format: "`pul-` + 40 hex characters",
        prefix: "pul-", body: HEX, len: 40..=40, sample: 40,
        class: Secret, confidence: High,
    ),
];

#[cfg(test)]
mod tests {
    #[test]
    fn bodies_exist() {
        assert_eq!(super::RULES.len(), 8);
        let _ = (super::B62, super::B64URL);
    }
}
