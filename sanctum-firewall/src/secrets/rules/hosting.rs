//! Hosting and platform providers: `DigitalOcean`, Heroku, Fly.io, Vercel, Netlify,
//! Cloudflare, Supabase, `PlanetScale`, Neon.

use crate::secrets::kind::{Class, Confidence, Kind};
use crate::secrets::rules::support::{
    B62, B64URL, HEX, LOWER_ALNUM, assign, context, exact, fake_uuid, has, is_uuid, simple, token,
};
use crate::secrets::rules::{Body, Gen, Matcher, Miss, Rule, Tier};
use crate::secrets::sample::{Sample, alphabet};
use crate::secrets::validate::entropy;

/// Macaroon-style bodies (Fly.io): base64 of either alphabet, `=`, `,`.
const MACAROON: Body = Body {
    class: "A-Za-z0-9+/=_,-",
    alphabet: alphabet::BASE64,
};

/// A JWT with the given role claim, for Supabase key samples.
fn supabase_jwt(s: &mut crate::secrets::sample::Sampler, role: &str) -> String {
    use base64::Engine as _;
    let enc = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
    format!(
        "{}.{}.{}",
        enc(br#"{"alg":"HS256","typ":"JWT"}"#),
        enc(format!(r#"{{"iss":"supabase","ref":"sanctumfake","role":"{role}","iat":1700000000,"exp":2000000000}}"#).as_bytes()),
        s.body(alphabet::BASE64URL, 43)
    )
}

macro_rules! derived {
    ($id:literal, $name:literal, $format:literal, $class:ident, $role:literal) => {
        Rule {
            kind: Kind {
                id: $id,
                name: $name,
                provider: "Supabase",
                format: $format,
                class: Class::$class,
            },
            tier: Tier::Specific,
            matcher: Matcher::Derived,
            check: |_| Some(Confidence::High),
            refine: None,
            shown: 3,
            sample: Gen::Custom(|s| Sample::bare(supabase_jwt(s, $role))),
            near_miss: Miss::Custom(|s| {
                let jwt = supabase_jwt(s, $role);
                jwt[..jwt.len() - 44].to_owned()
            }),
        }
    };
}

pub(crate) const RULES: &[Rule] = &[
    simple!(
        id: "digitalocean_pat",
        name: "DigitalOcean personal access token",
        provider: "DigitalOcean",
        format: "`dop_v1_` + 64 hex characters",
        prefix: "dop_v1_", body: HEX, len: 64..=64, sample: 64,
        class: Secret, confidence: High,
        anchor: "_v1_", back: 3,
    ),
    simple!(
        id: "digitalocean_oauth_token",
        name: "DigitalOcean OAuth access token",
        provider: "DigitalOcean",
        format: "`doo_v1_` + 64 hex characters",
        prefix: "doo_v1_", body: HEX, len: 64..=64, sample: 64,
        class: Secret, confidence: High,
        anchor: "_v1_", back: 3,
    ),
    simple!(
        id: "digitalocean_refresh_token",
        name: "DigitalOcean OAuth refresh token",
        provider: "DigitalOcean",
        format: "`dor_v1_` + 64 hex characters",
        prefix: "dor_v1_", body: HEX, len: 64..=64, sample: 64,
        class: Secret, confidence: High,
        anchor: "_v1_", back: 3,
    ),
    simple!(
        id: "heroku_api_key_v2",
        name: "Heroku API key",
        provider: "Heroku",
        format: "`HRKU-` + about 60 URL-safe characters (40-80 accepted)",
        prefix: "HRKU-", body: B64URL, len: 40..=80, sample: 60,
        class: Secret, confidence: High,
    ),
    context!(
        id: "heroku_api_key",
        name: "Heroku API key (legacy UUID)",
        provider: "Heroku",
        format: "a UUID assigned to a `heroku…key` / `heroku…token` key",
        tier: Context,
        key: |k| has(k, "heroku") && (has(k, "key") || has(k, "token")),
        check: |v| is_uuid(v).then_some(Confidence::High),
        sample: |s| assign("HEROKU_API_KEY", fake_uuid(s)),
        near_miss: |_| "HEROKU_API_KEY=not-a-uuid\n".to_owned(),
    ),
    simple!(
        id: "flyio_access_token",
        name: "Fly.io access token",
        provider: "Fly.io",
        format: "`fo1_` + 43 URL-safe characters (40-50 accepted)",
        prefix: "fo1_", body: B64URL, len: 40..=50, sample: 43,
        class: Secret, confidence: High,
    ),
    token!(
        id: "flyio_macaroon_token",
        name: "Fly.io macaroon token",
        provider: "Fly.io",
        format: "`fm1a_`, `fm1r_` or `fm2_` + a base64 macaroon (50+ characters), often after `FlyV1 `",
        anchors: ["fm1a_", "fm1r_", "fm2_"],
        back: 0..=0,
        pattern: r"fm(?:1[ar]|2)_[A-Za-z0-9+/=_,-]{50,}",
        secret_after: None,
        class: Secret,
        check: |v| entropy::token_body_ok(v).then_some(Confidence::High),
        shown: 4,
        sample: |s| Sample::wrapped("Authorization: FlyV1 ", format!("fm2_{}", s.body(MACAROON.alphabet, 120)), "\n"),
        near_miss: |s| format!("fm2_{}", s.body(MACAROON.alphabet, 30)),
    ),
    token!(
        id: "vercel_access_token",
        name: "Vercel access token",
        provider: "Vercel",
        format: "`vcp_` (personal), `vci_` (integration), `vca_` (app), `vcr_` (refresh) or `vck_` (key) + 24-60 base62 characters",
        anchors: ["vcp_", "vci_", "vca_", "vcr_", "vck_"],
        back: 0..=0,
        pattern: r"vc[picrk]_[A-Za-z0-9]{24,60}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: |v| v.get(4..).filter(|b| entropy::token_body_ok(b)).map(|_| Confidence::High),
        shown: 4,
        sample: |s| Sample::bare(format!("vcp_{}", s.body(alphabet::BASE62, 40))),
        near_miss: |s| format!("vcp_{}", s.body(alphabet::BASE62, 16)),
    ),
    context!(
        id: "vercel_token",
        name: "Vercel token (legacy, unprefixed)",
        provider: "Vercel",
        format: "24 base62 characters assigned to a `vercel…token` key",
        tier: Context,
        key: |k| has(k, "vercel") && has(k, "token"),
        check: |v| (exact(v, 24, alphabet::BASE62) && entropy::looks_random(v)).then_some(Confidence::High),
        sample: |s| assign("VERCEL_TOKEN", s.body(alphabet::BASE62, 24)),
        near_miss: |s| format!("VERCEL_TOKEN={}\n", s.body(alphabet::BASE62, 12)),
    ),
    simple!(
        id: "netlify_pat",
        name: "Netlify personal access token",
        provider: "Netlify",
        format: "`nfp_` + 36 base62 characters (36-40 accepted)",
        prefix: "nfp_", body: B62, len: 36..=40, sample: 36,
        class: Secret, confidence: High,
    ),
    token!(
        id: "cloudflare_origin_ca_key",
        name: "Cloudflare Origin CA key",
        provider: "Cloudflare",
        format: "`v1.0-` + 24 hex + `-` + 146 hex characters",
        anchors: ["v1.0-"],
        back: 0..=0,
        pattern: r"v1\.0-[0-9a-f]{24}-[0-9a-f]{146}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: |_| Some(Confidence::High),
        shown: 5,
        sample: |s| Sample::bare(format!("v1.0-{}-{}", s.body(alphabet::HEX_LOWER, 24), s.random(alphabet::HEX_LOWER, 146))),
        near_miss: |s| format!("v1.0-{}-{}", s.body(alphabet::HEX_LOWER, 24), s.random(alphabet::HEX_LOWER, 100)),
    ),
    context!(
        id: "cloudflare_api_token",
        name: "Cloudflare API token",
        provider: "Cloudflare",
        format: "40 URL-safe characters assigned to a `cloudflare…token` / `CF_API_TOKEN` key",
        tier: Context,
        key: |k| (has(k, "cloudflare") || k.starts_with("cf")) && has(k, "token"),
        check: |v| (v.len() == 40 && v.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')) && entropy::looks_random(v)).then_some(Confidence::High),
        sample: |s| assign("CLOUDFLARE_API_TOKEN", s.body(alphabet::BASE64URL, 40)),
        near_miss: |s| format!("CLOUDFLARE_API_TOKEN={}\n", s.body(alphabet::BASE64URL, 30)),
    ),
    context!(
        id: "cloudflare_global_api_key",
        name: "Cloudflare global API key",
        provider: "Cloudflare",
        format: "37 lowercase hex characters assigned to a `cloudflare…key` / `CF_API_KEY` key",
        tier: Context,
        key: |k| (has(k, "cloudflare") || k.starts_with("cf")) && has(k, "key"),
        check: |v| (exact(v, 37, alphabet::HEX_LOWER) && entropy::above_floor(v)).then_some(Confidence::High),
        sample: |s| assign("CLOUDFLARE_API_KEY", s.body(alphabet::HEX_LOWER, 37)),
        near_miss: |s| format!("CLOUDFLARE_API_KEY={}\n", s.body(alphabet::HEX_LOWER, 32)),
    ),
    simple!(
        id: "supabase_pat",
        name: "Supabase personal access token",
        provider: "Supabase",
        format: "`sbp_` + 40 hex characters",
        prefix: "sbp_", body: HEX, len: 40..=40, sample: 40,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "supabase_secret_key",
        name: "Supabase secret API key",
        provider: "Supabase",
        format: "`sb_secret_` + 20-80 URL-safe characters",
        prefix: "sb_secret_", body: B64URL, len: 20..=80, sample: 31,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "supabase_publishable_key",
        name: "Supabase publishable API key",
        provider: "Supabase",
        format: "`sb_publishable_` + 20-80 URL-safe characters (public by design)",
        prefix: "sb_publishable_", body: B64URL, len: 20..=80, sample: 31,
        class: Public, confidence: High,
    ),
    derived!(
        "supabase_service_role_key",
        "Supabase service_role key",
        "a JWT whose payload has `\"role\": \"service_role\"` (bypasses row-level security)",
        Secret,
        "service_role"
    ),
    derived!(
        "supabase_anon_key",
        "Supabase anon key",
        "a JWT whose payload has `\"role\": \"anon\"` (public by design)",
        Public,
        "anon"
    ),
    simple!(
        id: "planetscale_token",
        name: "PlanetScale service token",
        provider: "PlanetScale",
        format: "`pscale_tkn_` + 43 URL-safe characters (32-64 accepted)",
        prefix: "pscale_tkn_", body: B64URL, len: 32..=64, sample: 43,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "planetscale_password",
        name: "PlanetScale database password",
        provider: "PlanetScale",
        format: "`pscale_pw_` + 43 URL-safe characters (32-64 accepted)",
        prefix: "pscale_pw_", body: B64URL, len: 32..=64, sample: 43,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "planetscale_oauth_token",
        name: "PlanetScale OAuth token",
        provider: "PlanetScale",
        format: "`pscale_oauth_` + 43 URL-safe characters (32-64 accepted)",
        prefix: "pscale_oauth_", body: B64URL, len: 32..=64, sample: 43,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "neon_api_key",
        name: "Neon API key",
        provider: "Neon",
        format: "`napi_` + 64 lowercase alphanumerics (60-72 accepted)",
        prefix: "napi_", body: LOWER_ALNUM, len: 60..=72, sample: 64,
        class: Secret, confidence: High,
    ),
];
