//! The documented per-product rate limits (off unless `--rate-limits on`
//! or `POST /_emulator/rate-limits {"enabled": true}`).
//!
//! - ZPA: 20 GETs and 10 writes per 10 seconds, per token. A 429 carries
//!   `retry-after: <n>s` and `{"id": "invalid.toomanyrequests", ...}`.
//! - ZIA: per method, GET 2/second, POST and PUT 1/second, DELETE
//!   1/minute, per token or session. A 429 carries `retry-after: <n>` and
//!   `{"message": "Rate Limit (1/SECOND) exceeded", "Retry-After": "1 seconds"}`.
//! - ZIdentity: only the gateway's informational headers.
//!
//! Windows slide: a request is refused while `limit` requests of the same
//! bucket were accepted within the last window, and `retry-after` is the
//! time until the oldest of them leaves it.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::errors::{ApiError, Product};

/// One limit: `limit` requests per `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Bucket name; callers have one window per bucket.
    pub bucket: &'static str,
    /// Requests allowed per window.
    pub limit: usize,
    /// Window length.
    pub window: Duration,
    /// How ZIA spells the limit in its 429 message (`1/SECOND`).
    pub label: &'static str,
}

const fn rule(bucket: &'static str, limit: usize, secs: u64, label: &'static str) -> Rule {
    Rule {
        bucket,
        limit,
        window: Duration::from_secs(secs),
        label,
    }
}

/// The rule for a request, if its product and method are limited.
pub fn rule_for(product: Product, method: &Method) -> Option<Rule> {
    match product {
        Product::Zpa if method == Method::GET => Some(rule("zpa-get", 20, 10, "20/10 SECONDS")),
        Product::Zpa => Some(rule("zpa-write", 10, 10, "10/10 SECONDS")),
        Product::Zia => match method.as_str() {
            "GET" => Some(rule("zia-get", 2, 1, "2/SECOND")),
            "POST" => Some(rule("zia-post", 1, 1, "1/SECOND")),
            "PUT" => Some(rule("zia-put", 1, 1, "1/SECOND")),
            "DELETE" => Some(rule("zia-delete", 1, 60, "1/MINUTE")),
            _ => None,
        },
        Product::Zid | Product::Other => None,
    }
}

/// Sliding-window request logs per (caller, bucket).
#[derive(Debug, Default)]
pub struct Limiter {
    logs: Mutex<HashMap<(String, &'static str), VecDeque<Instant>>>,
}

impl Limiter {
    /// Records the request, or refuses it with the product's 429.
    pub fn check(
        &self,
        product: Product,
        caller: &str,
        method: &Method,
    ) -> Result<(), Box<Response>> {
        let Some(rule) = rule_for(product, method) else {
            return Ok(());
        };
        match self.admit(caller, rule, Instant::now()) {
            Ok(()) => Ok(()),
            Err(wait) => Err(Box::new(too_many(product, wait, rule.label))),
        }
    }

    /// Admits a request at `now`, or says how long until one would be.
    pub fn admit(&self, caller: &str, rule: Rule, now: Instant) -> Result<(), Duration> {
        let mut logs = self.logs.lock().unwrap_or_else(|e| e.into_inner());
        let log = logs.entry((caller.to_string(), rule.bucket)).or_default();
        while log
            .front()
            .is_some_and(|t| now.duration_since(*t) >= rule.window)
        {
            log.pop_front();
        }
        if log.len() >= rule.limit {
            let oldest = *log.front().expect("full log is not empty");
            return Err(rule.window - now.duration_since(oldest));
        }
        log.push_back(now);
        Ok(())
    }

    /// Forgets every window (backs `POST /_emulator/reset`).
    pub fn clear(&self) {
        self.logs.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// Whole seconds to wait, rounded up and at least one.
fn secs(wait: Duration) -> u64 {
    let s = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    s.max(1)
}

/// The product's 429 response for a wait of `wait`.
pub fn too_many(product: Product, wait: Duration, label: &str) -> Response {
    let n = secs(wait);
    let (retry, mut resp) = match product {
        Product::Zpa => (
            format!("{n}s"),
            (
                StatusCode::TOO_MANY_REQUESTS,
                Json(json!({
                    "id": "invalid.toomanyrequests",
                    "reason": "Exceeded the number of requests allowed.",
                    "exception": "invalid.toomanyrequests"
                })),
            )
                .into_response(),
        ),
        Product::Zia => (
            n.to_string(),
            (
                StatusCode::TOO_MANY_REQUESTS,
                Json(json!({
                    "message": format!("Rate Limit ({label}) exceeded"),
                    "Retry-After": format!("{n} seconds")
                })),
            )
                .into_response(),
        ),
        Product::Zid | Product::Other => (
            n.to_string(),
            ApiError::new(
                product,
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                "Rate limit exceeded",
            )
            .into_response(),
        ),
    };
    resp.headers_mut().insert(
        HeaderName::from_static("retry-after"),
        HeaderValue::from_str(&retry).expect("digits are a valid header"),
    );
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_slides() {
        let l = Limiter::default();
        let r = rule_for(Product::Zia, &Method::GET).unwrap();
        let t0 = Instant::now();
        assert!(l.admit("a", r, t0).is_ok());
        assert!(l.admit("a", r, t0 + Duration::from_millis(100)).is_ok());
        let wait = l
            .admit("a", r, t0 + Duration::from_millis(400))
            .unwrap_err();
        assert_eq!(wait, Duration::from_millis(600));
        // Another caller has its own window.
        assert!(l.admit("b", r, t0 + Duration::from_millis(400)).is_ok());
        assert!(l.admit("a", r, t0 + Duration::from_millis(1000)).is_ok());
    }

    #[test]
    fn limits_as_documented() {
        let get = rule_for(Product::Zpa, &Method::GET).unwrap();
        assert_eq!((get.limit, get.window), (20, Duration::from_secs(10)));
        let put = rule_for(Product::Zpa, &Method::PUT).unwrap();
        assert_eq!((put.limit, put.bucket), (10, "zpa-write"));
        let del = rule_for(Product::Zia, &Method::DELETE).unwrap();
        assert_eq!((del.limit, del.window), (1, Duration::from_secs(60)));
        assert!(rule_for(Product::Zid, &Method::GET).is_none());
        assert_eq!(secs(Duration::from_millis(1)), 1);
        assert_eq!(secs(Duration::from_millis(12_300)), 13);
    }
}
