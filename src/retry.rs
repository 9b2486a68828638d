//! Whether and when to send a failed request again. Pure: the caller
//! supplies the outcome, the attempt number, the clock and the jitter, so
//! every rule is testable without a server or a real clock.

use crate::http::HttpResponse;
use crate::retry_after::parse_wait_ms;

/// Retry settings, all configurable from the client options.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Total attempts including the first (1 disables retries).
    pub max_attempts: u32,
    /// First backoff step when the server gives no wait.
    pub base_delay_ms: u64,
    /// Longest computed backoff.
    pub max_delay_ms: u64,
    /// A server-requested wait longer than this fails at once with
    /// `RetryTooLong` instead of blocking the caller.
    pub max_retry_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_delay_ms: 500,
            max_delay_ms: 20_000,
            max_retry_ms: 60_000,
        }
    }
}

/// What happened to one attempt.
#[derive(Clone, Copy, Debug)]
pub enum Outcome<'a> {
    /// The server answered with a non-2xx status.
    Status(&'a HttpResponse),
    /// No answer: connection refused or reset, DNS, TLS.
    ConnectionFailed,
    /// No answer in time.
    TimedOut,
}

/// The verdict for one failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then send again.
    RetryAfter(u64),
    /// The server asked for a longer wait than allowed.
    TooLong(u64),
    /// Return the failure to the caller.
    GiveUp,
}

/// A concurrent-edit lock (a 409 whose code a product's registry entry
/// lists under `retry_conflict`, such as ZIA's): the change was not
/// applied, so even a POST may be sent again.
pub fn is_edit_lock(resp: &HttpResponse) -> bool {
    resp.status == 409
        && crate::error::parse_error_body(&resp.body)
            .0
            .is_some_and(|code| crate::product::is_retry_conflict(&code))
}

/// How long the server asked us to wait, from the first header (or ZIA's
/// body field) that says so.
pub fn server_wait_ms(resp: &HttpResponse, now_ms: f64) -> Option<u64> {
    const HEADERS: [&str; 4] = [
        "retry-after",
        "x-rate-limit-retry-after-seconds",
        "x-ratelimit-reset",
        "ratelimit-reset",
    ];
    HEADERS
        .iter()
        .find_map(|h| resp.header(h).and_then(|v| parse_wait_ms(v, now_ms)))
        .or_else(|| {
            let body: serde_json::Value = serde_json::from_str(&resp.body).ok()?;
            parse_wait_ms(body.get("Retry-After")?.as_str()?, now_ms)
        })
}

/// Full-jitter exponential backoff: uniform in `[0, min(cap, base·2^(n-1))]`.
pub fn backoff_ms(policy: &RetryPolicy, attempt: u32, jitter: f64) -> u64 {
    let exp = policy
        .base_delay_ms
        .saturating_mul(1u64 << attempt.saturating_sub(1).min(32));
    let ceiling = exp.min(policy.max_delay_ms);
    (ceiling as f64 * jitter.clamp(0.0, 1.0)).round() as u64
}

/// Decide after attempt number `attempt` (1-based) of a `method` request.
pub fn decide(
    policy: &RetryPolicy,
    method: &str,
    attempt: u32,
    outcome: Outcome<'_>,
    now_ms: f64,
    jitter: f64,
) -> Decision {
    let idempotent = method != "POST";
    let (retryable, server_wait) = match outcome {
        Outcome::ConnectionFailed | Outcome::TimedOut => (idempotent, None),
        Outcome::Status(resp) => match resp.status {
            429 => (true, server_wait_ms(resp, now_ms)),
            409 if is_edit_lock(resp) => (true, server_wait_ms(resp, now_ms)),
            503 => (idempotent, server_wait_ms(resp, now_ms)),
            408 | 500 | 502 | 504 => (idempotent, None),
            _ => (false, None),
        },
    };
    if !retryable || attempt >= policy.max_attempts {
        return Decision::GiveUp;
    }
    match server_wait {
        Some(wait) if wait > policy.max_retry_ms => Decision::TooLong(wait),
        Some(wait) => Decision::RetryAfter(wait),
        None => Decision::RetryAfter(backoff_ms(policy, attempt, jitter)),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "retry_props.rs"]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: body.into(),
            bytes: None,
        }
    }

    fn verdict(method: &str, r: &HttpResponse) -> Decision {
        decide(
            &RetryPolicy::default(),
            method,
            1,
            Outcome::Status(r),
            0.0,
            0.5,
        )
    }

    #[test]
    fn statuses_that_are_retried() {
        for s in [408, 429, 500, 502, 503, 504] {
            assert!(
                matches!(verdict("GET", &resp(s, &[], "")), Decision::RetryAfter(_)),
                "{s}"
            );
        }
        for s in [400, 401, 403, 404, 413, 422] {
            assert_eq!(verdict("GET", &resp(s, &[], "")), Decision::GiveUp, "{s}");
        }
    }

    #[test]
    fn posts_are_retried_only_on_429_and_edit_lock() {
        assert!(matches!(
            verdict("POST", &resp(429, &[], "")),
            Decision::RetryAfter(_)
        ));
        let lock = resp(409, &[], r#"{"code":"EDIT_LOCK_NOT_AVAILABLE"}"#);
        assert!(matches!(verdict("POST", &lock), Decision::RetryAfter(_)));
        assert!(matches!(verdict("DELETE", &lock), Decision::RetryAfter(_)));
        assert_eq!(
            verdict("POST", &resp(409, &[], r#"{"code":"DUPLICATE_ITEM"}"#)),
            Decision::GiveUp
        );
        for s in [500, 502, 503, 504] {
            assert_eq!(verdict("POST", &resp(s, &[], "")), Decision::GiveUp);
        }
        let p = RetryPolicy::default();
        assert_eq!(
            decide(&p, "POST", 1, Outcome::ConnectionFailed, 0.0, 0.5),
            Decision::GiveUp
        );
        assert!(matches!(
            decide(&p, "GET", 1, Outcome::TimedOut, 0.0, 0.5),
            Decision::RetryAfter(_)
        ));
    }

    #[test]
    fn server_waits_win_over_backoff() {
        assert_eq!(
            verdict("GET", &resp(429, &[("retry-after", "13s")], "")),
            Decision::RetryAfter(13_000)
        );
        assert_eq!(
            verdict("GET", &resp(429, &[("x-ratelimit-reset", "2")], "")),
            Decision::RetryAfter(2_000)
        );
        assert_eq!(
            verdict("GET", &resp(429, &[("ratelimit-reset", "3")], "")),
            Decision::RetryAfter(3_000)
        );
        let zia = resp(
            429,
            &[],
            r#"{"message":"Rate Limit (1/SECOND) exceeded","Retry-After":"1 seconds"}"#,
        );
        assert_eq!(verdict("GET", &zia), Decision::RetryAfter(1_000));
        // A 429 with no hint at all is still retried, with backoff.
        assert!(matches!(
            verdict("GET", &resp(429, &[], "")),
            Decision::RetryAfter(_)
        ));
    }

    #[test]
    fn a_wait_beyond_the_limit_fails_fast() {
        assert_eq!(
            verdict("GET", &resp(429, &[("retry-after", "3600")], "")),
            Decision::TooLong(3_600_000)
        );
    }

    #[test]
    fn attempts_are_bounded() {
        let p = RetryPolicy {
            max_attempts: 2,
            ..Default::default()
        };
        let r = resp(503, &[], "");
        assert!(matches!(
            decide(&p, "GET", 1, Outcome::Status(&r), 0.0, 0.5),
            Decision::RetryAfter(_)
        ));
        assert_eq!(
            decide(&p, "GET", 2, Outcome::Status(&r), 0.0, 0.5),
            Decision::GiveUp
        );
    }

    #[test]
    fn backoff_is_full_jitter_and_capped() {
        let p = RetryPolicy::default();
        assert_eq!(backoff_ms(&p, 1, 1.0), 500);
        assert_eq!(backoff_ms(&p, 3, 1.0), 2_000);
        assert_eq!(backoff_ms(&p, 30, 1.0), 20_000);
        assert_eq!(backoff_ms(&p, 3, 0.0), 0);
    }
}
