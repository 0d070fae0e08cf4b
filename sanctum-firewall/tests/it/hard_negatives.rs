//! Text that looks random but is not a credential must produce no secret finding: hashes,
//! UUIDs, lockfiles, images, public keys, minified code.

use base64::Engine as _;
use sanctum_firewall::secrets::sample::{Sampler, alphabet};

use crate::support::{describe, secrets};

fn assert_clean(label: &str, text: &str) {
    let found = secrets(text);
    assert!(found.is_empty(), "{label}: [{}]", describe(&found));
}

#[test]
fn git_shas_and_digests() {
    let mut s = Sampler::new(1);
    for _ in 0..50 {
        let sha1 = s.random(alphabet::HEX_LOWER, 40);
        let sha256 = s.random(alphabet::HEX_LOWER, 64);
        let sha512 = s.random(alphabet::HEX_LOWER, 128);
        assert_clean(
            "git log",
            &format!("commit {sha1}\nMerge: {} {}\n", &sha1[..7], &sha256[..7]),
        );
        assert_clean("sha256sum", &format!("{sha256}  target/release/sanctum\n"));
        assert_clean("sha512", &format!("SHA512 ({sha512}) = ok\n"));
        assert_clean(
            "docker digest",
            &format!("image: ghcr.invalid/app@sha256:{sha256}\n"),
        );
        assert_clean("checksum key", &format!("checksum = \"{sha256}\"\n"));
    }
}

#[test]
fn sri_integrity_and_lockfiles() {
    let mut s = Sampler::new(2);
    for _ in 0..30 {
        let raw: Vec<u8> = (0..64)
            .map(|_| u8::try_from(s.below(256)).unwrap_or(0))
            .collect();
        let b64 = base64::engine::general_purpose::STANDARD.encode(&raw);
        let sha = s.random(alphabet::HEX_LOWER, 64);
        assert_clean(
            "sri",
            &format!(
                "<script src=\"/app.js\" integrity=\"sha512-{b64}\" crossorigin=\"anonymous\"></script>"
            ),
        );
        assert_clean(
            "package-lock",
            &format!(
                "\"node_modules/left-pad\": {{\n  \"version\": \"1.3.0\",\n  \"resolved\": \"https://registry.invalid/left-pad/-/left-pad-1.3.0.tgz\",\n  \"integrity\": \"sha512-{b64}\"\n}}"
            ),
        );
        assert_clean(
            "yarn.lock",
            &format!("left-pad@^1.3.0:\n  version \"1.3.0\"\n  integrity sha512-{b64}\n"),
        );
        assert_clean(
            "Cargo.lock",
            &format!(
                "[[package]]\nname = \"serde\"\nversion = \"1.0.200\"\nsource = \"registry+https://index.invalid/\"\nchecksum = \"{sha}\"\n"
            ),
        );
        assert_clean(
            "poetry.lock",
            &format!(
                "files = [\n    {{file = \"requests-2.31.0-py3-none-any.whl\", hash = \"sha256:{sha}\"}},\n]\n"
            ),
        );
    }
}

#[test]
fn uuids_in_ordinary_contexts() {
    let mut s = Sampler::new(3);
    for _ in 0..50 {
        let uuid = format!(
            "{}-{}-4{}-a{}-{}",
            s.random(alphabet::HEX_LOWER, 8),
            s.random(alphabet::HEX_LOWER, 4),
            s.random(alphabet::HEX_LOWER, 3),
            s.random(alphabet::HEX_LOWER, 3),
            s.random(alphabet::HEX_LOWER, 12)
        );
        assert_clean(
            "log",
            &format!("INFO request_id={uuid} user_id={uuid} status=200"),
        );
        assert_clean(
            "json",
            &format!("{{\"id\": \"{uuid}\", \"parent\": \"{uuid}\"}}"),
        );
    }
}

#[test]
fn base64_images_and_fonts() {
    let mut s = Sampler::new(4);
    let raw: Vec<u8> = (0..3000)
        .map(|_| u8::try_from(s.below(256)).unwrap_or(0))
        .collect();
    let b64 = base64::engine::general_purpose::STANDARD.encode(&raw);
    assert_clean(
        "png",
        &format!("<img src=\"data:image/png;base64,iVBORw0KGgo{b64}\">"),
    );
    assert_clean(
        "css font",
        &format!("src: url(data:font/woff2;base64,{b64}) format(\"woff2\");"),
    );
}

#[test]
fn public_keys() {
    let mut s = Sampler::new(5);
    let body = s.random(alphabet::BASE64, 68);
    assert_clean(
        "ed25519",
        &format!("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{body} dev@laptop"),
    );
    let rsa = s.random(alphabet::BASE64, 372);
    assert_clean(
        "rsa",
        &format!("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ{rsa} dev@laptop"),
    );
    let lines: Vec<String> = (0..6).map(|_| s.random(alphabet::BASE64, 64)).collect();
    assert_clean(
        "pem public",
        &format!(
            "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
            lines.join("\n")
        ),
    );
    assert_clean(
        "pgp public",
        &format!(
            "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n{}\n=AbCd\n-----END PGP PUBLIC KEY BLOCK-----\n",
            lines.join("\n")
        ),
    );
    assert_clean(
        "certificate",
        &format!(
            "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
            lines.join("\n")
        ),
    );
}

#[test]
fn minified_code_and_identifiers() {
    let minified = "!function(e,t){\"object\"==typeof exports&&\"undefined\"!=typeof module?module.exports=t():\"function\"==typeof define&&define.amd?define(t):(e=e||self).Vue=t()}(this,function(){\"use strict\";var e=Object.freeze({}),t=Array.isArray;function n(e){return null==e}function r(e){return null!=e}var token=e.token,secret=n(t),apiKey=r(e.apiKey);return{token:token,secret:secret,key:apiKey}});";
    assert_clean("minified", minified);
    assert_clean(
        "identifiers",
        "const accessTokenExpirySeconds = getAccessTokenExpirySecondsFromConfiguration(config);\nlet password_reset_token_url = build_password_reset_token_url(base_url);",
    );
    assert_clean(
        "rust",
        "let token = lexer.next_token()?;\nself.secret_manager.rotate(&secret_name)?;\nlet api_key = env::var(\"API_KEY\")?;",
    );
    assert_clean(
        "python",
        "password = getpass.getpass()\ntoken = request.headers.get('Authorization')\nsecret_key = settings.SECRET_KEY\n",
    );
    assert_clean(
        "type annotations",
        "    api_key: Optional[str] = None\n    token: str\n    password: SecretStr\n",
    );
}

#[test]
fn redaction_markers_and_prose() {
    assert_clean(
        "markers",
        "token = [REDACTED:github_pat_classic]\npassword=\"[REDACTED:generic_password]\"",
    );
    assert_clean(
        "prose",
        "Rotate your API key every 90 days. The token expires after one hour; the secret is stored in the vault. Bearer tokens are sent in the Authorization header.",
    );
}
