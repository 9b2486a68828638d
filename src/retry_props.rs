//! Property tests of the retry decision over arbitrary policies, statuses,
//! headers, bodies, attempt numbers, clocks and jitter.

use super::{backoff_ms, decide, is_edit_lock, server_wait_ms, Decision, Outcome, RetryPolicy};
use crate::http::HttpResponse;
use proptest::prelude::*;

const METHODS: [&str; 6] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

/// Statuses the rules name, plus anything else a server could send.
fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        prop::sample::select(vec![
            400u16, 401, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504,
        ]),
        100u16..600,
    ]
}

fn wait_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..200_000).prop_map(|n| n.to_string()),
        (0u64..200_000).prop_map(|n| format!("{n}s")),
        (0u64..100, 0u64..100).prop_map(|(a, b)| format!("{a}, {b};w=60")),
        Just("Sun, 06 Nov 1994 08:49:37 GMT".to_string()),
        "[a-z0-9 .,-]{0,12}",
    ]
}

fn header() -> impl Strategy<Value = (String, String)> {
    (
        prop::sample::select(vec![
            "retry-after",
            "x-rate-limit-retry-after-seconds",
            "x-ratelimit-reset",
            "ratelimit-reset",
            "x-request-id",
        ]),
        wait_text(),
    )
        .prop_map(|(k, v)| (k.to_string(), v))
}

fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(r#"{"code":"EDIT_LOCK_NOT_AVAILABLE","message":"busy"}"#.to_string()),
        wait_text().prop_map(|w| format!(r#"{{"message":"Rate Limit","Retry-After":"{w}"}}"#)),
        any::<String>(),
    ]
}

fn response() -> impl Strategy<Value = HttpResponse> {
    (status(), prop::collection::vec(header(), 0..3), body()).prop_map(|(status, headers, body)| {
        HttpResponse {
            status,
            headers,
            body,
            bytes: None,
        }
    })
}

fn policy() -> impl Strategy<Value = RetryPolicy> {
    (0u32..8, 0u64..10_000, 0u64..100_000, 0u64..200_000).prop_map(
        |(max_attempts, base_delay_ms, max_delay_ms, max_retry_ms)| RetryPolicy {
            max_attempts,
            base_delay_ms,
            max_delay_ms,
            max_retry_ms,
        },
    )
}

/// Jitter as the clock supplies it, and values it never should.
fn jitter() -> impl Strategy<Value = f64> {
    prop_oneof![0.0f64..=1.0, any::<f64>()]
}

/// Which outcome the case is about: a status, or no answer at all.
fn outcome_kind() -> impl Strategy<Value = u8> {
    prop_oneof![6 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)]
}

fn outcome(kind: u8, resp: &HttpResponse) -> Outcome<'_> {
    match kind {
        0 => Outcome::Status(resp),
        1 => Outcome::ConnectionFailed,
        _ => Outcome::TimedOut,
    }
}

proptest! {
    #[test]
    fn client_errors_are_never_retried(
        p in policy(),
        method in prop::sample::select(METHODS.to_vec()),
        attempt in 0u32..10,
        code in prop::sample::select(vec![400u16, 401, 403, 404, 413, 422]),
        mut resp in response(),
        now in any::<f64>(),
        j in jitter(),
    ) {
        resp.status = code;
        prop_assert_eq!(
            decide(&p, method, attempt, Outcome::Status(&resp), now, j),
            Decision::GiveUp
        );
    }

    #[test]
    fn a_post_is_sent_again_only_when_it_was_not_applied(
        p in policy(),
        attempt in 0u32..10,
        kind in outcome_kind(),
        resp in response(),
        j in jitter(),
    ) {
        let d = decide(&p, "POST", attempt, outcome(kind, &resp), 0.0, j);
        if d != Decision::GiveUp {
            prop_assert_eq!(kind, 0, "a POST without an answer may have been applied");
            prop_assert!(
                resp.status == 429 || is_edit_lock(&resp),
                "POST retried on {}: {:?}", resp.status, d
            );
        }
    }

    #[test]
    fn waits_stay_within_their_caps(
        p in policy(),
        method in prop::sample::select(METHODS.to_vec()),
        attempt in 0u32..10,
        kind in outcome_kind(),
        resp in response(),
        now in 0.0f64..2e12,
        j in jitter(),
    ) {
        let server = server_wait_ms(&resp, now);
        match decide(&p, method, attempt, outcome(kind, &resp), now, j) {
            Decision::TooLong(w) => {
                prop_assert!(w > p.max_retry_ms);
                prop_assert_eq!(Some(w), server, "only a server wait is too long");
            }
            // Either a backoff step, or the server's own wait within limit.
            Decision::RetryAfter(w) => prop_assert!(
                w <= p.max_delay_ms || (Some(w) == server && w <= p.max_retry_ms),
                "{w} ms, server asked {server:?}"
            ),
            Decision::GiveUp => {}
        }
    }

    #[test]
    fn attempts_never_exceed_the_maximum(
        p in policy(),
        method in prop::sample::select(METHODS.to_vec()),
        kind in outcome_kind(),
        resp in response(),
        j in jitter(),
    ) {
        // Replay one failure until the decision stops asking for more.
        let mut sent = 1u32;
        while let Decision::RetryAfter(_) = decide(&p, method, sent, outcome(kind, &resp), 0.0, j) {
            sent += 1;
            prop_assert!(sent <= p.max_attempts, "{sent} sent, max {}", p.max_attempts);
        }
        prop_assert!(sent <= p.max_attempts.max(1));
    }

    #[test]
    fn backoff_is_within_the_exponential_ceiling(
        p in policy(),
        attempt in 0u32..100,
        j in jitter(),
    ) {
        let exp = p
            .base_delay_ms
            .saturating_mul(1u64 << attempt.saturating_sub(1).min(32));
        let got = backoff_ms(&p, attempt, j);
        prop_assert!(got <= exp.min(p.max_delay_ms), "{got}");
        if j <= 0.0 {
            prop_assert_eq!(got, 0);
        }
    }

    #[test]
    fn idempotent_transient_failures_are_retried_below_the_limit(
        p in policy(),
        method in prop::sample::select(vec!["GET", "PUT", "DELETE", "HEAD"]),
        code in prop::sample::select(vec![408u16, 500, 502, 504]),
        mut resp in response(),
        j in jitter(),
    ) {
        resp.status = code;
        let d = decide(&p, method, 1, Outcome::Status(&resp), 0.0, j);
        if p.max_attempts > 1 {
            prop_assert!(matches!(d, Decision::RetryAfter(w) if w <= p.max_delay_ms), "{d:?}");
        } else {
            prop_assert_eq!(d, Decision::GiveUp);
        }
    }
}
