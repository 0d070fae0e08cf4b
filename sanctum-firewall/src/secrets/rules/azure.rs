//! Microsoft Azure: storage account keys and Service Bus / Event Hubs keys inside connection
//! strings, SAS tokens in URLs, Entra ID (Azure AD) client secrets and Azure DevOps PATs in
//! context.

use base64::Engine as _;

use crate::secrets::kind::Confidence;
use crate::secrets::rules::Rule;
use crate::secrets::rules::support::{assign, context, has, token};
use crate::secrets::sample::{Sample, Sampler, alphabet};
use crate::secrets::validate::entropy;

/// Does `v` decode (standard base64) to exactly `bytes` bytes?
fn decodes_to(v: &[u8], bytes: usize) -> bool {
    base64::engine::general_purpose::STANDARD
        .decode(v)
        .is_ok_and(|d| d.len() == bytes)
}

/// A fake standard-base64 key of `bytes` random bytes (marker first).
fn fake_key(s: &mut Sampler, bytes: usize) -> String {
    let mut raw = b"SanctumFake".to_vec();
    while raw.len() < bytes {
        raw.push(u8::try_from(s.below(256)).unwrap_or(0));
    }
    raw.truncate(bytes);
    base64::engine::general_purpose::STANDARD.encode(raw)
}

/// Entra ID client secrets: 3 chars, a digit, `Q~`, then 31-34 characters.
fn entra_secret_ok(v: &[u8]) -> bool {
    let body_ok = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'~' | b'.' | b'-');
    (37..=40).contains(&v.len())
        && v.iter().all(body_ok)
        && v[3].is_ascii_digit()
        && &v[4..6] == b"Q~"
}

fn entra_secret(s: &mut Sampler) -> String {
    format!("Fak{}Q~{}", s.below(10), s.body(alphabet::BASE62, 34))
}

pub(crate) const RULES: &[Rule] = &[
    token!(
        id: "azure_storage_account_key",
        name: "Azure storage account key",
        provider: "Microsoft Azure",
        format: "`AccountKey=` + 88 base64 characters (64 bytes) in a storage or Cosmos DB connection string",
        anchors: ["tKey="],
        back: 6..=6,
        pattern: r"AccountKey=[A-Za-z0-9+/]{86}==",
        secret_after: Some("AccountKey="),
        class: Secret,
        check: |v| decodes_to(v, 64).then_some(Confidence::High),
        shown: 0,
        sample: |s| Sample::wrapped(
            "DefaultEndpointsProtocol=https;AccountName=sanctumfake;AccountKey=",
            fake_key(s, 64),
            ";EndpointSuffix=core.windows.net",
        ),
        near_miss: |s| format!("DefaultEndpointsProtocol=https;AccountName=sanctumfake;AccountKey={};", fake_key(s, 40)),
    ),
    token!(
        id: "azure_shared_access_key",
        name: "Azure Service Bus / Event Hubs shared access key",
        provider: "Microsoft Azure",
        format: "`SharedAccessKey=` + 44 base64 characters (32 bytes) in a connection string",
        anchors: ["dAccessKey="],
        back: 5..=5,
        pattern: r"SharedAccessKey=[A-Za-z0-9+/]{43}=",
        secret_after: Some("SharedAccessKey="),
        class: Secret,
        check: |v| decodes_to(v, 32).then_some(Confidence::High),
        shown: 0,
        sample: |s| Sample::wrapped(
            "Endpoint=sb://sanctumfake.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=",
            fake_key(s, 32),
            "\n",
        ),
        near_miss: |s| format!("SharedAccessKey={};", fake_key(s, 20)),
    ),
    token!(
        id: "azure_sas_token",
        name: "Azure shared access signature (SAS) token",
        provider: "Microsoft Azure",
        format: "a query string with `sv=<date>` … `sig=` + a URL-encoded base64 signature",
        anchors: ["sv=20"],
        back: 0..=0,
        pattern: r"sv=20[0-9]{2}-[0-9]{2}-[0-9]{2}&[A-Za-z0-9%&=:._+-]*?sig=[A-Za-z0-9%+/=]{40,}",
        secret_after: Some("sig="),
        class: Secret,
        check: |v| (v.len() <= 160 && entropy::token_body_ok(v)).then_some(Confidence::High),
        shown: 0,
        sample: |s| Sample::wrapped(
            "https://sanctumfake.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig=",
            format!("{}%3D", s.body(alphabet::BASE62, 43)),
            "",
        ),
        near_miss: |s| format!("?sv=2022-11-02&sp=r&sig={}", s.body(alphabet::BASE62, 20)),
    ),
    context!(
        id: "azure_client_secret",
        name: "Azure Entra ID (AD) client secret",
        provider: "Microsoft Azure",
        format: "assigned to an Azure / AAD client-secret key: `xxxNQ~` + 31-34 characters, or another high-entropy value",
        tier: Context,
        key: |k| (has(k, "azure") || has(k, "aad") || has(k, "entra") || has(k, "arm")) && (has(k, "secret") || has(k, "password")),
        check: |v| {
            if entra_secret_ok(v) {
                Some(Confidence::High)
            } else if v.len() >= 24 && entropy::looks_random(v) {
                Some(Confidence::Medium)
            } else {
                None
            }
        },
        sample: |s| assign("AZURE_CLIENT_SECRET", entra_secret(s)),
        near_miss: |_| "AZURE_CLIENT_SECRET=client-secret-name\n".to_owned(),
    ),
    context!(
        id: "azure_devops_pat",
        name: "Azure DevOps personal access token",
        provider: "Microsoft Azure",
        format: "52 lowercase base32 characters (or the 84-character format) assigned to an Azure DevOps / ADO token key",
        tier: Context,
        key: |k| (has(k, "azuredevops") || has(k, "ado") || has(k, "azdo") || has(k, "vsts")) && (has(k, "pat") || has(k, "token")),
        check: |v| {
            let legacy = v.len() == 52 && v.iter().all(|b| b.is_ascii_lowercase() || (b'2'..=b'7').contains(b));
            let modern = v.len() == 84 && v.iter().all(u8::is_ascii_alphanumeric);
            ((legacy || modern) && entropy::token_body_ok(v)).then_some(Confidence::High)
        },
        sample: |s| assign("AZURE_DEVOPS_PAT", s.body(b"abcdefghijklmnopqrstuvwxyz234567", 52)),
        near_miss: |s| format!("AZURE_DEVOPS_PAT={}\n", s.body(b"abcdefghijklmnopqrstuvwxyz234567", 40)),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entra_shape() {
        let mut s = Sampler::new(9);
        assert!(entra_secret_ok(entra_secret(&mut s).as_bytes()));
        assert!(!entra_secret_ok(b"not-a-secret"));
        assert!(decodes_to(fake_key(&mut s, 64).as_bytes(), 64));
    }
}
