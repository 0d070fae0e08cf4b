//! Connection URLs that embed a password: databases, brokers, directory and mail servers,
//! and any other `scheme://user:password@host` URL (generic tier). The secret is the
//! password only; the rest of the URL stays readable after redaction.

use crate::secrets::kind::{Class, Confidence, Kind};
use crate::secrets::rules::{Gen, Matcher, Miss, Rule, Tier};
use crate::secrets::sample::{Sample, Sampler, alphabet};
use crate::secrets::validate::entropy;

/// Passwords: any non-placeholder value; random-looking ones get high confidence.
fn password_ok(v: &[u8]) -> Option<Confidence> {
    if v.len() < 3 {
        return None;
    }
    Some(if entropy::looks_random(v) {
        Confidence::High
    } else {
        Confidence::Medium
    })
}

/// A fake password with letters, digits and a symbol.
pub(crate) fn fake_password(s: &mut Sampler) -> String {
    format!(
        "Fake{}9x!{}",
        s.random(alphabet::BASE62, 6),
        s.random(alphabet::DIGITS, 3)
    )
}

macro_rules! url_rule {
    ($id:literal, $name:literal, $provider:literal, $schemes:expr, $example:literal, $tier:ident) => {
        Rule {
            kind: Kind {
                id: $id,
                name: $name,
                provider: $provider,
                format: concat!(
                    "`",
                    $example,
                    "://user:password@host…`; the password is the secret"
                ),
                class: Class::Secret,
            },
            tier: Tier::$tier,
            matcher: Matcher::Url($schemes),
            check: password_ok,
            refine: None,
            shown: 0,
            sample: Gen::Custom(|s| {
                Sample::wrapped(
                    concat!($example, "://sanctum_fake:"),
                    fake_password(s),
                    "@db.internal.invalid:5432/app",
                )
            }),
            near_miss: Miss::Custom(|_| {
                concat!($example, "://sanctum_fake@db.internal.invalid:5432/app").to_owned()
            }),
        }
    };
}

pub(crate) const RULES: &[Rule] = &[
    url_rule!(
        "postgres_connection_url",
        "PostgreSQL connection URL with password",
        "PostgreSQL",
        &[
            "postgres",
            "postgresql",
            "pgsql",
            "cockroachdb",
            "timescale"
        ],
        "postgres",
        Specific
    ),
    url_rule!(
        "mysql_connection_url",
        "MySQL / MariaDB connection URL with password",
        "MySQL",
        &["mysql", "mysqlx", "mariadb"],
        "mysql",
        Specific
    ),
    url_rule!(
        "mongodb_connection_url",
        "MongoDB connection URL with password",
        "MongoDB",
        &["mongodb", "mongo"],
        "mongodb+srv",
        Specific
    ),
    url_rule!(
        "redis_connection_url",
        "Redis connection URL with password",
        "Redis",
        &["redis", "rediss", "valkey"],
        "redis",
        Specific
    ),
    url_rule!(
        "amqp_connection_url",
        "AMQP (RabbitMQ) connection URL with password",
        "AMQP",
        &["amqp", "amqps"],
        "amqps",
        Specific
    ),
    url_rule!(
        "mssql_connection_url",
        "SQL Server connection URL with password",
        "Microsoft SQL Server",
        &["mssql", "sqlserver"],
        "sqlserver",
        Specific
    ),
    url_rule!(
        "clickhouse_connection_url",
        "ClickHouse connection URL with password",
        "ClickHouse",
        &["clickhouse", "clickhouses"],
        "clickhouse",
        Specific
    ),
    url_rule!(
        "ldap_url_with_password",
        "LDAP URL with password",
        "LDAP",
        &["ldap", "ldaps"],
        "ldaps",
        Specific
    ),
    url_rule!(
        "ftp_url_with_password",
        "FTP / SFTP URL with password",
        "FTP",
        &["ftp", "ftps", "sftp"],
        "sftp",
        Specific
    ),
    url_rule!(
        "smtp_url_with_password",
        "SMTP / IMAP URL with password",
        "Mail server",
        &["smtp", "smtps", "imap", "imaps", "pop3", "pop3s"],
        "smtps",
        Specific
    ),
    url_rule!(
        "url_with_password",
        "URL with embedded password (basic auth)",
        "Generic",
        &[],
        "https",
        Generic
    ),
];
