//! Messaging and email providers: Slack, Discord, Telegram, Twilio, `SendGrid`, Mailgun,
//! Mailchimp.

use crate::secrets::kind::Confidence;
use crate::secrets::rules::Rule;
use crate::secrets::rules::support::{assign, context, exact, has, high, token};
use crate::secrets::sample::{Sample, Sampler, alphabet};
use crate::secrets::validate::entropy;

fn digits(s: &mut Sampler, n: usize) -> String {
    let mut out = String::from("1");
    out.push_str(&s.random(alphabet::DIGITS, n - 1));
    out
}

/// Discord bot token: base64 of a numeric id (starts M/N/O), `.`, 6 chars, `.`, 27-38 chars.
fn discord_bot_ok(v: &[u8]) -> Option<Confidence> {
    let parts: Vec<&[u8]> = v.split(|&b| b == b'.').collect();
    let url_safe = |p: &[u8]| {
        p.iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    let ok = parts.len() == 3
        && matches!(parts[0].first(), Some(b'M' | b'N' | b'O'))
        && (23..=27).contains(&parts[0].len())
        && parts[1].len() == 6
        && (27..=38).contains(&parts[2].len())
        && parts.iter().all(|p| url_safe(p))
        && entropy::token_body_ok(parts[2]);
    ok.then_some(Confidence::High)
}

fn discord_bot_value(s: &mut Sampler) -> String {
    // "MTIzNDU2Nzg5MDEyMzQ1Njc4" is base64 of a fake 18-digit id.
    format!(
        "MTIzNDU2Nzg5MDEyMzQ1Njc4.{}.{}",
        s.random(alphabet::BASE64URL, 6),
        s.body(alphabet::BASE64URL, 38)
    )
}

pub(crate) const RULES: &[Rule] = &[
    token!(
        id: "slack_bot_token",
        name: "Slack bot token",
        provider: "Slack",
        format: "`xoxb-` + team id digits `-` bot id digits `-` 24-34 base62 characters",
        anchors: ["xoxb-"],
        back: 0..=0,
        pattern: r"xoxb-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{24,34}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: high,
        shown: 5,
        sample: |s| Sample::bare(format!("xoxb-{}-{}-{}", digits(s, 11), digits(s, 13), s.body(alphabet::BASE62, 24))),
        near_miss: |s| format!("xoxb-{}-{}-{}", digits(s, 11), digits(s, 13), s.body(alphabet::BASE62, 12)),
    ),
    token!(
        id: "slack_user_token",
        name: "Slack user token",
        provider: "Slack",
        format: "`xoxp-` + three digit groups separated by `-`, then `-` + 32 hex characters",
        anchors: ["xoxp-"],
        back: 0..=0,
        pattern: r"xoxp-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[0-9a-f]{32}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: high,
        shown: 5,
        sample: |s| Sample::bare(format!("xoxp-{}-{}-{}-{}", digits(s, 11), digits(s, 12), digits(s, 13), s.body(alphabet::HEX_LOWER, 32))),
        near_miss: |s| format!("xoxp-{}-{}-{}-{}", digits(s, 11), digits(s, 12), digits(s, 13), s.body(alphabet::HEX_LOWER, 31)),
    ),
    token!(
        id: "slack_app_token",
        name: "Slack app-level token",
        provider: "Slack",
        format: "`xapp-` + digit `-` app id (uppercase alphanumerics) `-` digits `-` 64 hex characters",
        anchors: ["xapp-"],
        back: 0..=0,
        pattern: r"xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,14}-[0-9a-f]{64}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: high,
        shown: 5,
        sample: |s| Sample::bare(format!("xapp-1-A{}-{}-{}", s.random(alphabet::UPPER_ALNUM, 10), digits(s, 13), s.body(alphabet::HEX_LOWER, 64))),
        near_miss: |s| format!("xapp-1-A{}-{}-{}", s.random(alphabet::UPPER_ALNUM, 10), digits(s, 13), s.body(alphabet::HEX_LOWER, 60)),
    ),
    token!(
        id: "slack_legacy_token",
        name: "Slack legacy workspace, OAuth or session token",
        provider: "Slack",
        format: "`xoxa-`, `xoxo-`, `xoxr-` or `xoxs-` + digit groups separated by `-`, ending in 20-64 base62 characters",
        anchors: ["xoxa-", "xoxo-", "xoxr-", "xoxs-"],
        back: 0..=0,
        pattern: r"xox[aors]-(?:[0-9]{1,14}-){1,4}[A-Za-z0-9]{20,64}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: high,
        shown: 5,
        sample: |s| Sample::bare(format!("xoxa-2-{}-{}", digits(s, 12), s.body(alphabet::BASE62, 32))),
        near_miss: |s| format!("xoxa-2-{}-{}", digits(s, 12), s.body(alphabet::BASE62, 12)),
    ),
    token!(
        id: "slack_config_token",
        name: "Slack configuration or refresh token",
        provider: "Slack",
        format: "`xoxe.xoxp-1-` / `xoxe.xoxb-1-` (configuration) or `xoxe-1-` (refresh) + 100-200 base62 characters",
        anchors: ["xoxe"],
        back: 0..=0,
        pattern: r"xoxe(?:\.xox[bp])?-1-[A-Za-z0-9-]{100,}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: |v| (v.len() <= 230).then_some(Confidence::High),
        shown: 4,
        sample: |s| Sample::bare(format!("xoxe.xoxp-1-{}", s.body(alphabet::BASE62, 140))),
        near_miss: |s| format!("xoxe.xoxp-1-{}", s.body(alphabet::BASE62, 40)),
    ),
    token!(
        id: "slack_webhook_url",
        name: "Slack incoming webhook URL",
        provider: "Slack",
        format: "`hooks.slack.com/services/T…/B…/` + 24 base62 characters",
        anchors: ["s.slack.com/"],
        back: 4..=4,
        pattern: r"hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: high,
        shown: 25,
        sample: |s| Sample::wrapped("url = https://", format!("hooks.slack.com/services/T{}/B{}/{}", s.random(alphabet::UPPER_ALNUM, 10), s.random(alphabet::UPPER_ALNUM, 10), s.body(alphabet::BASE62, 24)), "\n"),
        near_miss: |s| format!("https://hooks.slack.com/services/T{}/B{}/{}", s.random(alphabet::UPPER_ALNUM, 10), s.random(alphabet::UPPER_ALNUM, 10), s.body(alphabet::BASE62, 20)),
    ),
    token!(
        id: "slack_workflow_webhook_url",
        name: "Slack workflow webhook URL",
        provider: "Slack",
        format: "`hooks.slack.com/workflows/` or `/triggers/` + team, ids and a 32-hex or base62 secret",
        anchors: ["s.slack.com/"],
        back: 4..=4,
        pattern: r"hooks\.slack\.com/(?:workflows|triggers)/T[A-Z0-9]{8,12}/[A-Za-z0-9]{8,14}/[0-9]{6,20}/[A-Za-z0-9]{24,40}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: high,
        shown: 26,
        sample: |s| Sample::bare(format!("hooks.slack.com/workflows/T{}/A{}/{}/{}", s.random(alphabet::UPPER_ALNUM, 10), s.random(alphabet::UPPER_ALNUM, 10), digits(s, 18), s.body(alphabet::BASE62, 32))),
        near_miss: |s| format!("hooks.slack.com/workflows/T{}/A{}/{}/{}", s.random(alphabet::UPPER_ALNUM, 10), s.random(alphabet::UPPER_ALNUM, 10), digits(s, 18), s.body(alphabet::BASE62, 16)),
    ),
    context!(
        id: "discord_bot_token",
        name: "Discord bot token",
        provider: "Discord",
        format: "assigned to a `discord…token` key: base64 user id (starts M/N/O) `.` 6 characters `.` 27-38 characters",
        tier: Context,
        key: |k| has(k, "discord") && (has(k, "token") || has(k, "secret")),
        check: discord_bot_ok,
        sample: |s| assign("DISCORD_BOT_TOKEN", discord_bot_value(s)),
        near_miss: |s| format!("DISCORD_BOT_TOKEN=MTIzNDU2Nzg5MDEyMzQ1Njc4.{}\n", s.body(alphabet::BASE64URL, 6)),
    ),
    token!(
        id: "discord_webhook_url",
        name: "Discord webhook URL",
        provider: "Discord",
        format: "`discord.com/api/webhooks/` (or discordapp.com) + numeric id `/` + 60-72 URL-safe characters",
        anchors: ["d.com/api/webhooks/", "p.com/api/webhooks/"],
        back: 6..=9,
        pattern: r"discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,72}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: high,
        shown: 25,
        sample: |s| Sample::wrapped("https://", format!("discord.com/api/webhooks/{}/{}", digits(s, 18), s.body(alphabet::BASE62, 68)), ""),
        near_miss: |s| format!("https://discord.com/api/webhooks/{}/{}", digits(s, 18), s.body(alphabet::BASE62, 40)),
    ),
    token!(
        id: "telegram_bot_token",
        name: "Telegram bot token",
        provider: "Telegram",
        format: "bot id (8-10 digits) `:AA` + 33 URL-safe characters",
        anchors: [":AA"],
        back: 8..=10,
        pattern: r"[0-9]{8,10}:AA[A-Za-z0-9_-]{33}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: |v| {
            let tail = v.iter().position(|&b| b == b':').and_then(|i| v.get(i + 3..));
            tail.filter(|t| entropy::token_body_ok(t)).map(|_| Confidence::High)
        },
        shown: 0,
        sample: |s| Sample::wrapped("https://api.telegram.org/bot", format!("{}:AA{}", digits(s, 10), s.body(alphabet::BASE62, 33)), "/getMe"),
        near_miss: |s| format!("{}:AA{}", digits(s, 10), s.body(alphabet::BASE62, 20)),
    ),
    context!(
        id: "twilio_auth_token",
        name: "Twilio auth token",
        provider: "Twilio",
        format: "32 hex characters assigned to a `twilio…token` or `twilio…auth` key",
        tier: Context,
        key: |k| has(k, "twilio") && (has(k, "token") || has(k, "auth")),
        check: |v| (exact(v, 32, alphabet::HEX_LOWER) && entropy::above_floor(v)).then_some(Confidence::High),
        sample: |s| assign("TWILIO_AUTH_TOKEN", s.body(alphabet::HEX_LOWER, 32)),
        near_miss: |s| format!("TWILIO_AUTH_TOKEN={}\n", s.body(alphabet::HEX_LOWER, 31)),
    ),
    context!(
        id: "twilio_api_key_secret",
        name: "Twilio API key secret",
        provider: "Twilio",
        format: "32 base62 characters assigned to a `twilio…secret` key",
        tier: Context,
        key: |k| has(k, "twilio") && has(k, "secret"),
        check: |v| (exact(v, 32, alphabet::BASE62) && entropy::looks_random(v)).then_some(Confidence::High),
        sample: |s| assign("TWILIO_API_SECRET", s.body(alphabet::BASE62, 32)),
        near_miss: |s| format!("TWILIO_API_SECRET={}\n", s.body(alphabet::BASE62, 20)),
    ),
    token!(
        id: "sendgrid_api_key",
        name: "SendGrid API key",
        provider: "Twilio SendGrid",
        format: "`SG.` + 22 URL-safe characters + `.` + 43 URL-safe characters",
        anchors: ["SG."],
        back: 0..=0,
        pattern: r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: high,
        shown: 3,
        sample: |s| Sample::bare(format!("SG.{}.{}", s.body(alphabet::BASE62, 22), s.random(alphabet::BASE62, 43))),
        near_miss: |s| format!("SG.{}.{}", s.body(alphabet::BASE62, 22), s.random(alphabet::BASE62, 30)),
    ),
    token!(
        id: "mailgun_api_key",
        name: "Mailgun API key",
        provider: "Mailgun",
        format: "`key-` + 32 hex characters",
        anchors: ["ey-"],
        back: 1..=1,
        pattern: r"key-[0-9a-f]{32}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: |v| v.get(4..).filter(|b| entropy::above_floor(b)).map(|_| Confidence::Medium),
        shown: 4,
        sample: |s| Sample::bare(format!("key-{}", s.body(alphabet::HEX_LOWER, 32))),
        near_miss: |s| format!("key-{}", s.body(alphabet::HEX_LOWER, 30)),
    ),
    token!(
        id: "mailgun_public_key",
        name: "Mailgun public validation key",
        provider: "Mailgun",
        format: "`pubkey-` + 32 hex characters (designed to be public)",
        anchors: ["bkey-"],
        back: 2..=2,
        pattern: r"pubkey-[0-9a-f]{32}(?-u:\b)",
        secret_after: None,
        class: Public,
        check: high,
        shown: 7,
        sample: |s| Sample::bare(format!("pubkey-{}", s.body(alphabet::HEX_LOWER, 32))),
        near_miss: |s| format!("pubkey-{}", s.body(alphabet::HEX_LOWER, 31)),
    ),
    token!(
        id: "mailchimp_api_key",
        name: "Mailchimp API key",
        provider: "Mailchimp",
        format: "32 hex characters + `-us` + data-center number",
        anchors: ["-us"],
        back: 32..=32,
        pattern: r"[0-9a-f]{32}-us[0-9]{1,2}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: |v| v.get(..32).filter(|b| entropy::above_floor(b)).map(|_| Confidence::High),
        shown: 0,
        sample: |s| Sample::bare(format!("{}-us{}", s.body(alphabet::HEX_LOWER, 32), 1 + s.below(20))),
        near_miss: |s| format!("{}-us{}", s.body(alphabet::HEX_LOWER, 30), 1 + s.below(20)),
    ),
];
