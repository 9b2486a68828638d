//! The logging hook: one event per request, answer and retry, with every
//! credential-bearing header replaced before the hook sees it. Bodies are
//! never part of an event, so secrets in token requests cannot leak here.

use std::sync::Arc;

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// A request is about to be sent.
    Request,
    /// An answer arrived (any status).
    Response,
    /// The call will be retried after `wait_ms`; `message` says why.
    Retry,
    /// The call waits `wait_ms` for room in a documented rate limit before
    /// it is sent; `message` names the limit.
    Wait,
    /// The request got no answer (timeout, connection error).
    Failure,
}

impl Phase {
    /// Lower-case name, as JS sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Request => "request",
            Phase::Response => "response",
            Phase::Retry => "retry",
            Phase::Wait => "wait",
            Phase::Failure => "failure",
        }
    }
}

/// One log event. Header values that carry credentials read `<redacted>`.
#[derive(Clone, Debug)]
pub struct LogEvent {
    /// What happened.
    pub phase: Phase,
    /// The spec's operationId, or `forward`.
    pub operation: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Absolute URL with query.
    pub url: String,
    /// 1 for the first try.
    pub attempt: u32,
    /// Status of a response.
    pub status: Option<u16>,
    /// Wait before a retry or a paced send.
    pub wait_ms: Option<u64>,
    /// The gateway's request id, when known.
    pub request_id: Option<String>,
    /// Request headers (for `Request`) or response headers, redacted.
    pub headers: Vec<(String, String)>,
    /// Error text of a failure; why a retry or a wait happens.
    pub message: Option<String>,
}

/// Receives log events; runs inline, so keep it cheap.
#[cfg(not(target_arch = "wasm32"))]
pub type LogFn = Arc<dyn Fn(&LogEvent) + Send + Sync>;
/// Receives log events; runs inline, so keep it cheap.
#[cfg(target_arch = "wasm32")]
pub type LogFn = Arc<dyn Fn(&LogEvent)>;

const SENSITIVE: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    // Legacy ZCC's credential header.
    "auth-token",
];

/// Header pairs with credential values replaced.
pub fn redact(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(k, v)| {
            let hide = SENSITIVE.iter().any(|s| k.eq_ignore_ascii_case(s));
            (
                k.clone(),
                if hide { "<redacted>".into() } else { v.clone() },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_redacted_and_the_rest_kept() {
        let h = |k: &str, v: &str| (k.to_string(), v.to_string());
        let out = redact(&[
            h("Authorization", "Bearer canary"),
            h("cookie", "JSESSIONID=canary"),
            h("set-cookie", "JSESSIONID=canary; Path=/"),
            h("Auth-Token", "canary.jwt"),
            h("x-request-id", "r1"),
        ]);
        assert!(!format!("{out:?}").contains("canary"));
        assert_eq!(out[4], h("x-request-id", "r1"));
    }
}
