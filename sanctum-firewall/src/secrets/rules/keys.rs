//! Private keys in armoured blocks (PEM, OpenSSH, PGP, `PuTTY`) and JSON Web Tokens.
//!
//! Public keys (`-----BEGIN PUBLIC KEY-----`, `ssh-ed25519 AAAA…`, PGP public blocks) are
//! not listed here and so never match.

use std::fmt::Write as _;

use base64::Engine as _;

use crate::secrets::kind::{Class, Confidence, Kind};
use crate::secrets::rules::support::token;
use crate::secrets::rules::{Gen, Matcher, Miss, Rule, Tier};
use crate::secrets::sample::{Sample, Sampler, alphabet};
use crate::secrets::validate::jwt;

/// A fake armoured block: `-----BEGIN {label}-----`, 64-column base64 lines, END line.
/// `newline` is `"\n"` for files and `"\\n"` for JSON-embedded keys.
pub(crate) fn fake_pem(s: &mut Sampler, label: &str, newline: &str) -> String {
    let mut out = format!("-----BEGIN {label}-----{newline}");
    if label.contains("ENCRYPTED") && label != "ENCRYPTED PRIVATE KEY" {
        let _ = write!(
            out,
            "Proc-Type: 4,ENCRYPTED{newline}DEK-Info: AES-128-CBC,FA4EC0DE{newline}{newline}"
        );
    }
    let body = s.body(alphabet::BASE64, 64 * 8);
    for line in body.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push_str(newline);
    }
    let _ = write!(out, "-----END {label}-----");
    out
}

/// A fake `PuTTY` private key file.
fn fake_putty(s: &mut Sampler) -> String {
    let public = s.body(alphabet::BASE64, 64);
    let private = s.body(alphabet::BASE64, 64 * 4);
    let mut out = format!(
        "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: sanctum-fake\nPublic-Lines: 1\n{public}\nPrivate-Lines: 4\n"
    );
    for line in private.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    let _ = write!(out, "Private-MAC: {}", s.body(alphabet::HEX_LOWER, 64));
    out
}

/// A block whose body is too short to hold a key.
fn truncated_pem(s: &mut Sampler, label: &str) -> String {
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        s.body(alphabet::BASE64, 20)
    )
}

/// A fake JWT with a fake signature.
pub(crate) fn fake_jwt(s: &mut Sampler) -> String {
    let enc = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
    format!(
        "{}.{}.{}",
        enc(br#"{"alg":"HS256","typ":"JWT"}"#),
        enc(br#"{"sub":"sanctum-fake-user","name":"Fake","iat":1700000000}"#),
        s.body(alphabet::BASE64URL, 43)
    )
}

/// Re-label JWTs that are Supabase keys, by their `role` claim.
fn refine_jwt(token: &[u8]) -> Option<&'static str> {
    let payload = jwt::payload(token)?;
    memchr::memmem::find(&payload, b"supabase")?;
    if jwt::has_claim(&payload, "role", "service_role") {
        Some("supabase_service_role_key")
    } else if jwt::has_claim(&payload, "role", "anon") {
        Some("supabase_anon_key")
    } else {
        None
    }
}

macro_rules! block {
    ($id:literal, $name:literal, $label:literal, $conf:ident, $sample:expr, $miss:expr) => {
        Rule {
            kind: Kind {
                id: $id,
                name: $name,
                provider: "Cryptographic key",
                format: concat!(
                    "`-----BEGIN ",
                    $label,
                    "-----`, base64 lines (raw or JSON-escaped newlines), `-----END ",
                    $label,
                    "-----`"
                ),
                class: Class::Secret,
            },
            tier: Tier::Specific,
            matcher: Matcher::Block($label),
            check: |_| Some(Confidence::$conf),
            refine: None,
            shown: 0,
            sample: Gen::Custom($sample),
            near_miss: Miss::Custom($miss),
        }
    };
}

pub(crate) const RULES: &[Rule] = &[
    block!(
        "private_key_rsa",
        "RSA private key (PKCS#1)",
        "RSA PRIVATE KEY",
        High,
        |s| Sample::bare(fake_pem(s, "RSA PRIVATE KEY", "\n")),
        |s| truncated_pem(s, "RSA PRIVATE KEY")
    ),
    block!(
        "private_key_ec",
        "EC private key (SEC 1)",
        "EC PRIVATE KEY",
        High,
        |s| Sample::bare(fake_pem(s, "EC PRIVATE KEY", "\n")),
        |s| truncated_pem(s, "EC PRIVATE KEY")
    ),
    block!(
        "private_key_dsa",
        "DSA private key",
        "DSA PRIVATE KEY",
        High,
        |s| Sample::bare(fake_pem(s, "DSA PRIVATE KEY", "\n")),
        |s| truncated_pem(s, "DSA PRIVATE KEY")
    ),
    block!(
        "private_key_openssh",
        "OpenSSH private key",
        "OPENSSH PRIVATE KEY",
        High,
        |s| Sample::bare(fake_pem(s, "OPENSSH PRIVATE KEY", "\n")),
        |s| truncated_pem(s, "OPENSSH PRIVATE KEY")
    ),
    block!(
        "private_key_pkcs8",
        "Private key (PKCS#8)",
        "PRIVATE KEY",
        High,
        |s| Sample::bare(fake_pem(s, "PRIVATE KEY", "\n")),
        |s| truncated_pem(s, "PRIVATE KEY")
    ),
    block!(
        "private_key_pkcs8_encrypted",
        "Encrypted private key (PKCS#8)",
        "ENCRYPTED PRIVATE KEY",
        Medium,
        |s| Sample::bare(fake_pem(s, "ENCRYPTED PRIVATE KEY", "\n")),
        |s| truncated_pem(s, "ENCRYPTED PRIVATE KEY")
    ),
    block!(
        "pgp_private_key_block",
        "PGP private key block",
        "PGP PRIVATE KEY BLOCK",
        High,
        |s| Sample::bare(fake_pem(s, "PGP PRIVATE KEY BLOCK", "\n")),
        |s| truncated_pem(s, "PGP PRIVATE KEY BLOCK")
    ),
    Rule {
        kind: Kind {
            id: "putty_private_key",
            name: "PuTTY private key file",
            provider: "Cryptographic key",
            format: "`PuTTY-User-Key-File-2:` or `-3:` header, `Private-Lines:` base64 lines, `Private-MAC:`",
            class: Class::Secret,
        },
        tier: Tier::Specific,
        matcher: Matcher::Block("PuTTY"),
        check: |_| Some(Confidence::High),
        refine: None,
        shown: 0,
        sample: Gen::Custom(|s| Sample::bare(fake_putty(s))),
        near_miss: Miss::Custom(|_| {
            "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n".to_owned()
        }),
    },
    {
        let mut r = token!(
            id: "jwt",
            name: "JSON Web Token",
            provider: "JWT",
            format: "base64url header (a JSON object with `\"alg\"`, so it starts `eyJ`) `.` base64url JSON payload `.` signature",
            anchors: ["eyJ"],
            back: 0..=0,
            pattern: r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*",
            secret_after: None,
            class: Secret,
            check: |v| jwt::is_valid(v).then_some(Confidence::Medium),
            shown: 3,
            sample: |s| Sample::wrapped("Authorization: Bearer ", fake_jwt(s), "\n"),
            near_miss: |s| {
                let enc = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
                format!("{}.{}.{}", enc(br#"{"typ":"JWT","kid":"fake"}"#), enc(br#"{"sub":"x"}"#), s.body(alphabet::BASE64URL, 20))
            },
        );
        r.refine = Some(refine_jwt);
        r
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fakes_have_shape() {
        let mut s = Sampler::new(5);
        let pem = fake_pem(&mut s, "RSA PRIVATE KEY", "\n");
        assert!(pem.starts_with("-----BEGIN RSA PRIVATE KEY-----\nSanctumFake"));
        assert!(pem.ends_with("-----END RSA PRIVATE KEY-----"));
        assert!(jwt::is_valid(fake_jwt(&mut s).as_bytes()));
        assert!(fake_putty(&mut s).contains("Private-MAC: "));
    }
}
