//! Amazon Web Services: access key ids (by prefix), secret access keys and session tokens
//! (by context or by the session token's fixed encoded header).

use crate::secrets::kind::Confidence;
use crate::secrets::rules::support::{context, fake_uuid, has, simple, token};
use crate::secrets::rules::{Body, Rule};
use crate::secrets::sample::{Sample, alphabet};
use crate::secrets::validate::entropy;

/// AWS key ids: RFC 4648 base32 (`A-Z2-7`).
const BASE32: Body = Body {
    class: "A-Z2-7",
    alphabet: alphabet::BASE32,
};

/// A secret access key: 40 characters of standard base64 alphabet, random-looking.
fn secret_key_ok(v: &[u8]) -> Option<Confidence> {
    let ok = v.len() == 40
        && v.iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
        && entropy::above_floor(v);
    ok.then_some(Confidence::High)
}

pub(crate) const RULES: &[Rule] = &[
    token!(
        id: "aws_access_key_id",
        name: "AWS access key id",
        provider: "AWS",
        format: "`AKIA` (or `ABIA`, `ACCA`) + 16 base32 characters; identifies a long-term key",
        anchors: ["AKIA", "ABIA", "ACCA"],
        back: 0..=0,
        pattern: r"(?:AKIA|ABIA|ACCA)[A-Z2-7]{16}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: |v| v.get(4..).filter(|b| entropy::token_body_ok(b)).map(|_| Confidence::High),
        shown: 4,
        sample: |s| Sample::bare(format!("AKIA{}", s.body(alphabet::BASE32, 16))),
        near_miss: |s| format!("AKIA{}", s.body(alphabet::BASE32, 12)),
    ),
    simple!(
        id: "aws_temporary_access_key_id",
        name: "AWS temporary (STS) access key id",
        provider: "AWS",
        format: "`ASIA` + 16 base32 characters; pairs with a session token",
        prefix: "ASIA", body: BASE32, len: 16..=16, sample: 16,
        class: Secret, confidence: High,
    ),
    context!(
        id: "aws_secret_access_key",
        name: "AWS secret access key",
        provider: "AWS",
        format: "40 base64-alphabet characters assigned to an `aws_secret_access_key`-like key",
        tier: Context,
        key: |k| (has(k, "aws") && has(k, "secret")) || has(k, "secretaccesskey"),
        check: secret_key_ok,
        sample: |s| Sample::wrapped("aws_secret_access_key = ", s.body(alphabet::BASE64, 40), "\n"),
        near_miss: |s| format!("aws_secret_access_key = {}\n", s.body(alphabet::BASE64, 39)),
    ),
    token!(
        id: "aws_session_token",
        name: "AWS session token",
        provider: "AWS",
        format: "base64 starting with a fixed encoded header (`IQoJb3JpZ2luX2Vj`, `FwoGZXIvYXdz`, `FQoGZXIvYXdz`), 100+ characters",
        anchors: ["IQoJb3JpZ2luX2Vj", "FwoGZXIvYXdz", "FQoGZXIvYXdz"],
        back: 0..=0,
        pattern: r"(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9+/]{20,}={0,2}",
        secret_after: None,
        class: Secret,
        check: |v| (v.len() >= 112).then_some(Confidence::High),
        shown: 12,
        sample: |s| Sample::wrapped("aws_session_token = ", format!("IQoJb3JpZ2luX2Vj{}", s.body(alphabet::BASE64, 300)), "\n"),
        near_miss: |s| format!("IQoJb3JpZ2luX2Vj{}", s.body(alphabet::BASE64, 60)),
    ),
    token!(
        id: "aws_mws_auth_token",
        name: "Amazon MWS auth token",
        provider: "AWS",
        format: "`amzn.mws.` + a UUID",
        anchors: ["amzn.mws."],
        back: 0..=0,
        pattern: r"amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: |_| Some(Confidence::High),
        shown: 9,
        sample: |s| Sample::bare(format!("amzn.mws.{}", fake_uuid(s))),
        near_miss: |s| format!("amzn.mws.{}", &fake_uuid(s)[..30]),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_key_shape() {
        assert!(secret_key_ok(b"SanctumFakeq8Zr2LmW0pXv7TnB4Kd/9s+Yw1Jh3").is_some());
        assert!(secret_key_ok(b"short").is_none());
    }
}
