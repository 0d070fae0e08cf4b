//! Placeholders and documentation examples are reported as placeholders, never as secrets.

use sanctum_firewall::secrets::Class;

use crate::support::{describe, detector, secrets};

#[test]
fn documentation_values_are_not_secrets() {
    let cases = [
        "OPENAI_API_KEY=YOUR_API_KEY",
        "export OPENAI_API_KEY=sk-...",
        "api_key = \"sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"",
        "token: <token>",
        "GITHUB_TOKEN=${GITHUB_TOKEN}",
        "password = os.environ[\"DB_PASSWORD\"]",
        "const key = process.env.STRIPE_SECRET_KEY;",
        "password: changeme",
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "NPM_TOKEN=${{ secrets.NPM_TOKEN }}",
        "Authorization: Bearer <your-token-here>",
        "postgres://user:password@localhost:5432/app",
        "secret: xxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "DB_PASSWORD=$DB_PASSWORD",
        "token = \"****************\"",
    ];
    for text in cases {
        let found = secrets(text);
        assert!(found.is_empty(), "{text:?} -> [{}]", describe(&found));
    }
}

#[test]
fn placeholders_are_reported_as_such() {
    for (text, kind) in [
        (
            "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
            "aws_access_key_id",
        ),
        ("GITHUB_TOKEN=${GITHUB_TOKEN}", "generic_token"),
        ("password: changeme", "generic_password"),
        (
            "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "github_pat_classic",
        ),
        (
            "postgres://user:password@localhost:5432/app",
            "postgres_connection_url",
        ),
    ] {
        let all = detector().scan_str(text);
        assert!(
            all.iter()
                .any(|f| f.kind == kind && f.class == Class::Placeholder),
            "{text:?} -> [{}]",
            describe(&all)
        );
    }
}

#[test]
fn placeholders_are_not_redacted() {
    let text = "OPENAI_API_KEY=YOUR_API_KEY\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n";
    assert_eq!(detector().redact(text), text);
}
