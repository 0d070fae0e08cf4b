//! AI providers. Most keys carry a distinctive prefix; Mistral, Cohere and Google AI keys
//! do not (or share Google's `AIza` shape), so they are recognised by their key names.

use crate::secrets::kind::Confidence;
use crate::secrets::rules::Rule;
use crate::secrets::rules::support::{
    B62, B64URL, HEX, assign, context, exact, has, simple, token,
};
use crate::secrets::sample::{Sample, alphabet};
use crate::secrets::validate::entropy;

#[expect(
    clippy::unnecessary_wraps,
    reason = "a rule validator: its signature is fixed"
)]
/// `OpenAI` keys embed `T3BlbkFJ` (base64 of "`OpenAI`"); present means high confidence.
fn openai_marker(v: &[u8]) -> Option<Confidence> {
    Some(if memchr::memmem::find(v, b"T3BlbkFJ").is_some() {
        Confidence::High
    } else {
        Confidence::Medium
    })
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "a rule validator: its signature is fixed"
)]
/// Anthropic keys end in `AA`.
fn anthropic_tail(v: &[u8]) -> Option<Confidence> {
    Some(if v.ends_with(b"AA") {
        Confidence::High
    } else {
        Confidence::Medium
    })
}

pub(crate) const RULES: &[Rule] = &[
    token!(
        id: "openai_api_key",
        name: "OpenAI API key (legacy user key)",
        provider: "OpenAI",
        format: "`sk-` + 20 base62 + `T3BlbkFJ` + 20 base62 characters",
        anchors: ["sk-"],
        back: 0..=0,
        pattern: r"sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: |_| Some(Confidence::High),
        shown: 3,
        sample: |s| Sample::bare(format!("sk-{}T3BlbkFJ{}", s.body(alphabet::BASE62, 20), s.random(alphabet::BASE62, 20))),
        near_miss: |s| format!("sk-{}T3BlbkFX{}", s.body(alphabet::BASE62, 20), s.random(alphabet::BASE62, 20)),
    ),
    {
        let mut r = simple!(
            id: "openai_project_key",
            name: "OpenAI project API key",
            provider: "OpenAI",
            format: "`sk-proj-` + 40-300 URL-safe characters, usually containing `T3BlbkFJ`",
            prefix: "sk-proj-", body: B64URL, len: 40..=300, sample: 156,
            class: Secret, confidence: High,
        );
        r.check = openai_marker;
        r
    },
    {
        let mut r = simple!(
            id: "openai_service_account_key",
            name: "OpenAI service account key",
            provider: "OpenAI",
            format: "`sk-svcacct-` + 40-300 URL-safe characters, usually containing `T3BlbkFJ`",
            prefix: "sk-svcacct-", body: B64URL, len: 40..=300, sample: 156,
            class: Secret, confidence: High,
        );
        r.check = openai_marker;
        r
    },
    {
        let mut r = simple!(
            id: "openai_admin_key",
            name: "OpenAI admin key",
            provider: "OpenAI",
            format: "`sk-admin-` + 40-300 URL-safe characters, usually containing `T3BlbkFJ`",
            prefix: "sk-admin-", body: B64URL, len: 40..=300, sample: 156,
            class: Secret, confidence: High,
        );
        r.check = openai_marker;
        r
    },
    {
        let mut r = simple!(
            id: "anthropic_api_key",
            name: "Anthropic API key",
            provider: "Anthropic",
            format: "`sk-ant-api03-` + about 95 URL-safe characters ending in `AA` (80-120 accepted)",
            prefix: "sk-ant-api03-", body: B64URL, len: 80..=120, sample: 95,
            class: Secret, confidence: High,
        );
        r.check = anthropic_tail;
        r
    },
    {
        let mut r = simple!(
            id: "anthropic_admin_key",
            name: "Anthropic admin API key",
            provider: "Anthropic",
            format: "`sk-ant-admin01-` + about 95 URL-safe characters ending in `AA` (80-120 accepted)",
            prefix: "sk-ant-admin01-", body: B64URL, len: 80..=120, sample: 95,
            class: Secret, confidence: High,
        );
        r.check = anthropic_tail;
        r
    },
    simple!(
        id: "deepseek_api_key",
        name: "DeepSeek API key",
        provider: "DeepSeek",
        format: "`sk-` + 32 lowercase hex characters",
        prefix: "sk-", body: HEX, len: 32..=32, sample: 32,
        class: Secret, confidence: Medium,
    ),
    simple!(
        id: "openrouter_api_key",
        name: "OpenRouter API key",
        provider: "OpenRouter",
        format: "`sk-or-v1-` + 64 hex characters",
        prefix: "sk-or-v1-", body: HEX, len: 64..=64, sample: 64,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "huggingface_token",
        name: "Hugging Face user access token",
        provider: "Hugging Face",
        format: "`hf_` + 34 letters (30-40 alphanumerics accepted)",
        prefix: "hf_", body: B62, len: 30..=40, sample: 34,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "huggingface_org_token",
        name: "Hugging Face organization API token",
        provider: "Hugging Face",
        format: "`api_org_` + 34 letters (30-40 alphanumerics accepted)",
        prefix: "api_org_", body: B62, len: 30..=40, sample: 34,
        class: Secret, confidence: High,
        anchor: "i_org_", back: 2,
    ),
    simple!(
        id: "replicate_api_token",
        name: "Replicate API token",
        provider: "Replicate",
        format: "`r8_` + 37 base62 characters (35-40 accepted)",
        prefix: "r8_", body: B62, len: 35..=40, sample: 37,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "groq_api_key",
        name: "Groq API key",
        provider: "Groq",
        format: "`gsk_` + 52 base62 characters (48-56 accepted)",
        prefix: "gsk_", body: B62, len: 48..=56, sample: 52,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "perplexity_api_key",
        name: "Perplexity API key",
        provider: "Perplexity",
        format: "`pplx-` + 48 alphanumerics (40-56 accepted)",
        prefix: "pplx-", body: B62, len: 40..=56, sample: 48,
        class: Secret, confidence: High,
        anchor: "plx-", back: 1,
    ),
    simple!(
        id: "xai_api_key",
        name: "xAI API key",
        provider: "xAI",
        format: "`xai-` + 80 base62 characters (70-90 accepted)",
        prefix: "xai-", body: B62, len: 70..=90, sample: 80,
        class: Secret, confidence: High,
    ),
    token!(
        id: "langsmith_api_key",
        name: "LangSmith API key",
        provider: "LangChain",
        format: "`lsv2_pt_` (personal) or `lsv2_sk_` (service) + 32 hex + `_` + 10 hex characters",
        anchors: ["lsv2_"],
        back: 0..=0,
        pattern: r"lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10}(?-u:\b)",
        secret_after: None,
        class: Secret,
        check: |_| Some(Confidence::High),
        shown: 8,
        sample: |s| Sample::bare(format!("lsv2_pt_{}_{}", s.body(alphabet::HEX_LOWER, 32), s.random(alphabet::HEX_LOWER, 10))),
        near_miss: |s| format!("lsv2_pt_{}_{}", s.body(alphabet::HEX_LOWER, 32), s.random(alphabet::HEX_LOWER, 4)),
    ),
    context!(
        id: "google_ai_api_key",
        name: "Google AI (Gemini) API key",
        provider: "Google",
        format: "`AIza` + 35 URL-safe characters, assigned to a Gemini / Google AI / GenAI key name",
        tier: Context,
        key: |k| ["gemini", "googleai", "genai", "generativeai", "palm", "aistudio"].iter().any(|w| has(k, w)),
        check: |v| (v.len() == 39 && v.starts_with(b"AIza") && v[4..].iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))).then_some(Confidence::High),
        sample: |s| assign("GEMINI_API_KEY", format!("AIza{}", s.body(alphabet::BASE64URL, 35))),
        near_miss: |s| format!("GEMINI_API_KEY=AIza{}\n", s.body(alphabet::BASE64URL, 20)),
    ),
    context!(
        id: "mistral_api_key",
        name: "Mistral AI API key",
        provider: "Mistral AI",
        format: "32 base62 characters assigned to a `mistral…key` key name",
        tier: Context,
        key: |k| has(k, "mistral") && (has(k, "key") || has(k, "token")),
        check: |v| (exact(v, 32, alphabet::BASE62) && entropy::looks_random(v)).then_some(Confidence::High),
        sample: |s| assign("MISTRAL_API_KEY", s.body(alphabet::BASE62, 32)),
        near_miss: |s| format!("MISTRAL_API_KEY={}\n", s.body(alphabet::BASE62, 24)),
    ),
    context!(
        id: "cohere_api_key",
        name: "Cohere API key",
        provider: "Cohere",
        format: "40 base62 characters assigned to a `cohere…key` (or `CO_API_KEY`) key name",
        tier: Context,
        key: |k| (has(k, "cohere") && (has(k, "key") || has(k, "token"))) || k == "coapikey",
        check: |v| (exact(v, 40, alphabet::BASE62) && entropy::looks_random(v)).then_some(Confidence::High),
        sample: |s| assign("COHERE_API_KEY", s.body(alphabet::BASE62, 40)),
        near_miss: |s| format!("COHERE_API_KEY={}\n", s.body(alphabet::BASE62, 30)),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(openai_marker(b"sk-proj-xT3BlbkFJy"), Some(Confidence::High));
        assert_eq!(openai_marker(b"sk-proj-xy"), Some(Confidence::Medium));
        assert_eq!(anthropic_tail(b"sk-ant-api03-xAA"), Some(Confidence::High));
    }
}
