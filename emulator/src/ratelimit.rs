//! The documented per-product rate limits (off unless `--rate-limits on`
//! or `POST /_emulator/rate-limits {"enabled": true}`).
//!
//! - ZPA: 20 GETs and 10 writes per 10 seconds, per token. A 429 carries
//!   `retry-after: <n>s` and `{"id": "invalid.toomanyrequests", ...}`.
//! - ZIA: per method, GET 2/second, POST and PUT 1/second, DELETE
//!   1/minute, per token or session. A 429 carries `retry-after: <n>` and
//!   `{"message": "Rate Limit (1/SECOND) exceeded", "Retry-After": "1 seconds"}`.
//! - ZIdentity: only the gateway's informational headers.
//! - ZTW (ZIA's backend): ZIA's per-method windows, body and header.
//! - ZCC: 100 calls per hour, and 3 a day for each of the device,
//!   service-status and disable-reason downloads (operations declaring
//!   the registry's `quotas`, counted before the product's limit: recorded
//!   downloads report `x-rate-limit-remaining: 2` after one call); the wait
//!   is in `x-rate-limit-retry-after-seconds`, the header the Python SDK
//!   reads for ZCC.
//!
//! Windows slide: a request is refused while `limit` requests of the same
//! bucket were accepted within the last window, and `retry-after` is the
//! time until the oldest of them leaves it.
//!
//! The limits come from the registry's `rate_limits`, the 429 bodies from
//! `rules`; this module owns the windows and may not decide which requests
//! are API calls (the `gate` does).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::errors::ApiError;
use crate::product::Product;
use crate::rules;
use crate::spec::Operation;

/// One limit: `limit` requests per `window`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Bucket name; callers have one window per bucket.
    pub bucket: String,
    /// Requests allowed per window.
    pub limit: usize,
    /// Window length.
    pub window: Duration,
    /// How ZIA spells the limit in its 429 message (`1/SECOND`).
    pub label: String,
}

/// `2/SECOND`, `1/MINUTE`, `20/10 SECONDS`.
fn label(max: usize, window_ms: u64) -> String {
    match window_ms {
        1000 => format!("{max}/SECOND"),
        60_000 => format!("{max}/MINUTE"),
        ms => format!("{max}/{} SECONDS", ms / 1000),
    }
}

/// The rule for a request: the product's first documented limit naming
/// the method, else its first `*` limit. Buckets are per limit, or per
/// method for products whose rules say so (ZIA counts POST and PUT apart).
pub fn rule_for(product: Product, method: &Method) -> Option<Rule> {
    let m = method.as_str();
    let limits = product.rate_limits;
    let (i, limit) = limits
        .iter()
        .enumerate()
        .find(|(_, l)| l.methods.contains(&m))
        .or_else(|| {
            limits
                .iter()
                .enumerate()
                .find(|(_, l)| l.methods.contains(&"*"))
        })?;
    let bucket = if rules::of(product).bucket_per_method {
        format!("{}-{m}", product.name)
    } else {
        format!("{}-{i}", product.name)
    };
    Some(Rule {
        bucket,
        limit: limit.max,
        window: Duration::from_millis(limit.window_ms),
        label: label(limit.max, limit.window_ms),
    })
}

/// The quota of an operation (registry `quotas`): its own bucket,
/// whatever the method.
pub fn op_rule(op: &Operation) -> Option<Rule> {
    let (i, quota) = op
        .product
        .quotas
        .iter()
        .enumerate()
        .find(|(_, q)| q.operations.contains(&op.operation_id.as_str()))?;
    Some(Rule {
        bucket: format!("{}-quota-{i}", op.product.name),
        limit: quota.max,
        window: Duration::from_millis(quota.window_ms),
        label: label(quota.max, quota.window_ms),
    })
}

/// Sliding-window request logs per (caller, bucket).
#[derive(Debug, Default)]
pub struct Limiter {
    logs: Mutex<HashMap<(String, String), VecDeque<Instant>>>,
}

impl Limiter {
    /// Records the request, or refuses it with the product's 429: the
    /// operation's own limit first, then the product's.
    pub fn check(
        &self,
        op: &Operation,
        caller: &str,
        method: &Method,
    ) -> Result<(), Box<Response>> {
        let product = op.product;
        let now = Instant::now();
        for rule in [op_rule(op), rule_for(product, method)]
            .into_iter()
            .flatten()
        {
            if let Err(wait) = self.admit(caller, &rule, now) {
                return Err(Box::new(too_many(product, wait, &rule.label)));
            }
        }
        Ok(())
    }

    /// Admits a request at `now`, or says how long until one would be.
    pub fn admit(&self, caller: &str, rule: &Rule, now: Instant) -> Result<(), Duration> {
        let mut logs = self.logs.lock().unwrap_or_else(|e| e.into_inner());
        let log = logs
            .entry((caller.to_string(), rule.bucket.clone()))
            .or_default();
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
    let r = rules::of(product);
    let retry = format!("{n}{}", r.retry_suffix);
    let mut resp = match (r.too_many, product.errors.rate_limited) {
        (Some(body), _) => (StatusCode::TOO_MANY_REQUESTS, Json(body(n, label))).into_response(),
        (None, code) => ApiError::new(
            product,
            StatusCode::TOO_MANY_REQUESTS,
            code.unwrap_or("too_many_requests"),
            "Rate limit exceeded",
        )
        .into_response(),
    };
    let h = resp.headers_mut();
    h.insert(
        HeaderName::from_static(r.retry_header),
        HeaderValue::from_str(&retry).expect("digits are a valid header"),
    );
    // The refusing window, which the gateway layer leaves in place: clients
    // (zscaler-sdk-python) take the wait from `x-ratelimit-reset` first.
    if r.gateway.is_some() {
        h.insert(
            HeaderName::from_static("x-ratelimit-remaining"),
            HeaderValue::from_static("0"),
        );
        h.insert(
            HeaderName::from_static("x-ratelimit-reset"),
            HeaderValue::from(n),
        );
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_slides() {
        let l = Limiter::default();
        let r = rule_for(Product::ZIA, &Method::GET).unwrap();
        let t0 = Instant::now();
        let r = &r;
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
        let get = rule_for(Product::ZPA, &Method::GET).unwrap();
        assert_eq!((get.limit, get.window), (20, Duration::from_secs(10)));
        let put = rule_for(Product::ZPA, &Method::PUT).unwrap();
        assert_eq!(put.limit, 10);
        assert_ne!(put.bucket, get.bucket);
        assert_eq!(get.label, "20/10 SECONDS");
        let del = rule_for(Product::ZIA, &Method::DELETE).unwrap();
        assert_eq!((del.limit, del.window), (1, Duration::from_secs(60)));
        assert!(rule_for(Product::ZIDENTITY, &Method::GET).is_none());
        assert_eq!(secs(Duration::from_millis(1)), 1);
        assert_eq!(secs(Duration::from_millis(12_300)), 13);
    }
}
