//! Generic secrets: a value assigned to a secret-sounding key (`password=`, `api_key:`,
//! `"secret": …`, `TOKEN=`), and HTTP authorization credentials. These are the weakest
//! rules, tried after every provider rule; their values must pass the calibrated entropy
//! test (see `validate::entropy`), except passwords, which humans choose.

use crate::secrets::kind::Confidence;
use crate::secrets::rules::Rule;
use crate::secrets::rules::databases::fake_password;
use crate::secrets::rules::support::{assign, context, has};
use crate::secrets::sample::{Sample, alphabet};
use crate::secrets::validate::entropy;
use crate::secrets::validate::shape::class_count;

/// Key names that describe a secret without holding one (`token_url`, `password_file`).
const METADATA_SUFFIXES: &[&str] = &[
    "id",
    "ids",
    "name",
    "names",
    "file",
    "path",
    "dir",
    "url",
    "uri",
    "endpoint",
    "length",
    "len",
    "size",
    "count",
    "type",
    "field",
    "label",
    "enabled",
    "expiry",
    "expires",
    "expiresat",
    "expiresin",
    "timeout",
    "ttl",
    "header",
    "env",
    "format",
    "policy",
    "regex",
    "pattern",
    "prompt",
    "hint",
    "placeholder",
    "hash",
    "hashed",
    "digest",
    "version",
    "prefix",
    "suffix",
    "kind",
    "mode",
    "location",
    "provider",
    "source",
    "method",
    "param",
    "algorithm",
    "scope",
    "scopes",
    "usage",
    "limit",
    "max",
    "min",
    "required",
    "description",
    "desc",
    "help",
    "title",
    "message",
    "msg",
    "error",
    "exists",
    "valid",
    "config",
    "command",
    "cmd",
    "strategy",
    "store",
    "manager",
    "service",
    "class",
    "module",
    "rotation",
    "arn",
    "ref",
    "reference",
    "input",
    "output",
    "secretkeyref",
    "lifetime",
    "validity",
    "date",
    "time",
    "changed",
    "reset",
    "confirm",
    "confirmation",
    "strength",
    "rules",
    "chars",
];

/// Keys that contain a keyword but are not about secrets.
const NOT_SECRET_KEYS: &[&str] = &[
    "author",
    "authority",
    "oauthclientid",
    "tokenizer",
    "tokenize",
    "tokens",
    "maxtokens",
    "publickey",
    "publishable",
    "pubkey",
    "primarykey",
    "foreignkey",
    "sortkey",
    "partitionkey",
    "cachekey",
    "hotkey",
    "monkey",
    "turkey",
    "hockey",
    "jockey",
    "whiskey",
    "donkey",
    "keyboard",
    "keystroke",
    "keycode",
    "idempotencykey",
    "routingkey",
    "objectkey",
    "bucketkey",
    "translationkey",
    "i18nkey",
    "lookupkey",
    "passthrough",
    "passport",
    "compass",
    "bypass",
    "secretary",
    "keyword",
    "keywords",
    "csrftokenname",
    "tokentype",
    "nexttoken",
    "pagetoken",
    "nextpagetoken",
    "continuationtoken",
    "cursor",
];

/// Is this normalised key a candidate for any context rule at all? Checked once per
/// assignment by the engine before any rule's own key test.
pub(crate) fn generic_key(k: &str) -> bool {
    !NOT_SECRET_KEYS.iter().any(|n| has(k, n))
        && !METADATA_SUFFIXES
            .iter()
            .any(|s| k.len() > s.len() && k.ends_with(s))
}

/// Password values are chosen by humans: accept any non-placeholder of 6+ characters,
/// graded by strength.
fn password_value(v: &[u8]) -> Option<Confidence> {
    if v.len() < 6 || v.len() > 256 {
        return None;
    }
    if entropy::looks_random(v) || (v.len() >= 10 && class_count(v) >= 3) {
        Some(Confidence::Medium)
    } else {
        Some(Confidence::Low)
    }
}

/// Token-like values: 16+ characters without spaces that look random.
fn token_value(v: &[u8]) -> Option<Confidence> {
    let ok = (16..=512).contains(&v.len())
        && v.iter().all(|&b| b.is_ascii_graphic())
        && entropy::looks_random(v);
    ok.then_some(Confidence::Medium)
}

fn generic_password_key(k: &str) -> bool {
    has(k, "password")
        || has(k, "passwd")
        || has(k, "passphrase")
        || k.ends_with("pwd")
        || k.ends_with("pass")
}

fn generic_secret_key(k: &str) -> bool {
    has(k, "secret")
}

fn generic_api_key_key(k: &str) -> bool {
    has(k, "apikey")
        || has(k, "accesskey")
        || has(k, "privatekey")
        || has(k, "signingkey")
        || has(k, "encryptionkey")
        || has(k, "masterkey")
        || has(k, "authkey")
        || (k.ends_with("key") && k.len() > 3)
}

fn generic_token_key(k: &str) -> bool {
    has(k, "token")
}

fn generic_credential_key(k: &str) -> bool {
    has(k, "credential") || has(k, "auth") || k.ends_with("pat")
}

pub(crate) const RULES: &[Rule] = &[
    context!(
        id: "generic_password",
        name: "Password in an assignment",
        provider: "Generic",
        format: "a non-placeholder value of 6+ characters assigned to a `password` / `passwd` / `pwd` / `passphrase` key",
        tier: Generic,
        key: generic_password_key,
        check: password_value,
        sample: |s| assign("DB_PASSWORD", fake_password(s)),
        near_miss: |_| "DB_PASSWORD=${DB_PASSWORD}\n".to_owned(),
    ),
    context!(
        id: "generic_secret",
        name: "Secret in an assignment",
        provider: "Generic",
        format: "a random-looking value (calibrated entropy) of 16+ characters assigned to a `secret` key",
        tier: Generic,
        key: generic_secret_key,
        check: token_value,
        sample: |s| Sample::wrapped("client_secret: \"", s.body(alphabet::BASE62, 32), "\"\n"),
        near_miss: |_| "client_secret: \"client-secret-for-the-staging-environment\"\n".to_owned(),
    ),
    context!(
        id: "generic_api_key",
        name: "API key in an assignment",
        provider: "Generic",
        format: "a random-looking value (calibrated entropy) of 16+ characters assigned to an `api_key` / `*_key` key",
        tier: Generic,
        key: generic_api_key_key,
        check: token_value,
        sample: |s| Sample::wrapped("{\"api_key\": \"", s.body(alphabet::HEX_LOWER, 40), "\"}"),
        near_miss: |_| "{\"api_key\": \"the_api_key_for_the_sandbox\"}".to_owned(),
    ),
    context!(
        id: "generic_token",
        name: "Token in an assignment",
        provider: "Generic",
        format: "a random-looking value (calibrated entropy) of 16+ characters assigned to a `token` key",
        tier: Generic,
        key: generic_token_key,
        check: token_value,
        sample: |s| assign("export SERVICE_TOKEN", s.body(alphabet::BASE64URL, 48)),
        near_miss: |_| "export SERVICE_TOKEN=$(cat /run/secrets/service_token)\n".to_owned(),
    ),
    context!(
        id: "generic_credential",
        name: "Credential in an assignment",
        provider: "Generic",
        format: "a random-looking value (calibrated entropy) of 16+ characters assigned to a `credential` / `auth` key",
        tier: Generic,
        key: generic_credential_key,
        check: token_value,
        sample: |s| Sample::wrapped("service_credential = '", s.body(alphabet::BASE64, 44), "'\n"),
        near_miss: |_| "service_credential = 'short'\n".to_owned(),
    ),
    context!(
        id: "bearer_token",
        name: "HTTP bearer token",
        provider: "Generic",
        format: "`Bearer ` + a random-looking token of 16+ characters (headers, curl commands, logs)",
        tier: Generic,
        key: |_| false,
        check: token_value,
        sample: |s| Sample::wrapped("curl -H 'Authorization: Bearer ", s.body(alphabet::BASE64URL, 40), "' https://api.invalid/"),
        near_miss: |_| "Authorization: Bearer <token>\n".to_owned(),
    ),
    context!(
        id: "basic_auth_header",
        name: "HTTP basic authorization credentials",
        provider: "Generic",
        format: "`Basic ` + base64 of `user:password`, in an `Authorization` header",
        tier: Generic,
        key: |_| false,
        check: |v| {
            use base64::Engine as _;
            let decoded = base64::engine::general_purpose::STANDARD.decode(v).ok()?;
            let colon = decoded.iter().position(|&b| b == b':')?;
            let ok = colon > 0
                && decoded.len() > colon + 3
                && decoded.iter().all(|b| b.is_ascii_graphic() || *b == b' ');
            ok.then_some(Confidence::High)
        },
        sample: |s| {
            use base64::Engine as _;
            let creds = format!("sanctum_fake:{}", fake_password(s));
            Sample::wrapped(
                "Authorization: Basic ",
                base64::engine::general_purpose::STANDARD.encode(creds),
                "\n",
            )
        },
        near_miss: |_| "Authorization: Basic bm90LWEtcGFpcg==\n".to_owned(),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_classification() {
        let gate = |f: fn(&str) -> bool, k: &str| generic_key(k) && f(k);
        assert!(gate(generic_password_key, "dbpassword"));
        assert!(!gate(generic_password_key, "passwordfile"));
        assert!(!gate(generic_password_key, "bypass"));
        assert!(gate(generic_token_key, "githubtoken"));
        assert!(!gate(generic_token_key, "maxtokens"));
        assert!(!gate(generic_token_key, "tokenurl"));
        assert!(gate(generic_api_key_key, "stripekey"));
        assert!(gate(generic_api_key_key, "apikey"));
        assert!(!gate(generic_api_key_key, "primarykey"));
        assert!(!gate(generic_credential_key, "author"));
        assert!(gate(generic_secret_key, "clientsecret"));
        assert!(!gate(generic_secret_key, "secretname"));
    }

    #[test]
    fn values() {
        assert_eq!(password_value(b"hunter"), Some(Confidence::Low));
        assert_eq!(password_value(b"Xy7!kq2#Lm9"), Some(Confidence::Medium));
        assert_eq!(password_value(b"abc"), None);
        assert!(token_value(b"the_api_key_for_the_sandbox").is_none());
    }
}
