//! GitLab tokens: every kind has its own `gl…-` prefix. Newer "routable" tokens are longer
//! and may contain dots, so bodies are matched permissively (charset + length + entropy).

use crate::secrets::rules::Body;
use crate::secrets::rules::Rule;
use crate::secrets::rules::support::{B62, HEX, simple};
use crate::secrets::sample::alphabet;

/// GitLab bodies: URL-safe base64 plus `.` (routable tokens carry `.01.`-style parts).
const GL: Body = Body {
    class: "A-Za-z0-9_.-",
    alphabet: alphabet::BASE64URL,
};

pub(crate) const RULES: &[Rule] = &[
    simple!(
        id: "gitlab_pat",
        name: "GitLab personal, project or group access token",
        provider: "GitLab",
        format: "`glpat-` + 20 or more URL-safe characters (routable tokens are longer and dotted)",
        prefix: "glpat-", body: GL, len: 20..=200, sample: 20,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "gitlab_pipeline_trigger_token",
        name: "GitLab pipeline trigger token",
        provider: "GitLab",
        format: "`glptt-` + 40 hex characters (20+ accepted)",
        prefix: "glptt-", body: GL, len: 20..=200, sample: 40,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "gitlab_deploy_token",
        name: "GitLab deploy token",
        provider: "GitLab",
        format: "`gldt-` + 20 or more URL-safe characters",
        prefix: "gldt-", body: GL, len: 20..=200, sample: 20,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "gitlab_runner_token",
        name: "GitLab runner authentication token",
        provider: "GitLab",
        format: "`glrt-` + 20 or more URL-safe characters",
        prefix: "glrt-", body: GL, len: 20..=200, sample: 20,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "gitlab_runner_registration_token",
        name: "GitLab runner registration token (legacy)",
        provider: "GitLab",
        format: "`GR1348941` + 20 or more URL-safe characters",
        prefix: "GR1348941", body: GL, len: 20..=200, sample: 20,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "gitlab_ci_job_token",
        name: "GitLab CI/CD job token",
        provider: "GitLab",
        format: "`glcbt-` + a partition id, `_` and 20 or more URL-safe characters",
        prefix: "glcbt-", body: GL, len: 20..=200, sample: 26,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "gitlab_feed_token",
        name: "GitLab feed token",
        provider: "GitLab",
        format: "`glft-` + 20 or more URL-safe characters",
        prefix: "glft-", body: GL, len: 20..=200, sample: 20,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "gitlab_oauth_app_secret",
        name: "GitLab OAuth application secret",
        provider: "GitLab",
        format: "`gloas-` + 64 hex characters",
        prefix: "gloas-", body: HEX, len: 64..=64, sample: 64,
        class: Secret, confidence: High,
        anchor: "oas-", back: 2,
    ),
    simple!(
        id: "gitlab_incoming_mail_token",
        name: "GitLab incoming email token",
        provider: "GitLab",
        format: "`glimt-` + 25 base62 characters",
        prefix: "glimt-", body: B62, len: 25..=40, sample: 25,
        class: Secret, confidence: High,
    ),
    simple!(
        id: "gitlab_agent_token",
        name: "GitLab agent for Kubernetes token",
        provider: "GitLab",
        format: "`glagent-` + 50 or more URL-safe characters",
        prefix: "glagent-", body: GL, len: 50..=200, sample: 50,
        class: Secret, confidence: High,
    ),
];
