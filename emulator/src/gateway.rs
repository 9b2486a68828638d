//! Headers the OneAPI gateway adds to every response, as recorded:
//!
//! - ZPA and ZIA: `x-ratelimit-limit: 5000, 5000;w=60`, with
//!   `x-ratelimit-remaining` / `x-ratelimit-reset` for a 60-second window;
//! - ZIdentity: `500, 500;w=1, 20000;w=60, 1000, 1000;w=1`, remaining and
//!   reset given per one-second window (`495, 999` / `1, 1`);
//! - ZCC: `100, 100;w=3600, 100;w=3600`, an hour's window; ZTW:
//!   `1000, 1000;w=1`, a second's;
//! - the token endpoint: `500, 500;w=1, 100000;w=60`, one-second window;
//! - ZIA also stamps `x-zscaler-mode` (`read-write`, or `read-only` while
//!   read-only mode is on) on every response, errors included.
//!
//! The windows here count all callers together and are informational:
//! enforcement is the job of `ratelimit`, when enabled. Which windows a
//! product has, and its mode header, come from `rules`; this module only
//! counts and stamps headers.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::product::Product;
use crate::rules::{self, GatewayWindows};
use crate::state::AppState;
use crate::stats::TOKEN_PATH;

/// A fixed counting window.
#[derive(Debug)]
struct Window {
    limit: u64,
    len: Duration,
    start: Option<Instant>,
    count: u64,
}

impl Window {
    const fn new(limit: u64, secs: u64) -> Self {
        Window {
            limit,
            len: Duration::from_secs(secs),
            start: None,
            count: 0,
        }
    }

    /// Counts a request; returns (remaining, whole seconds until reset).
    fn hit(&mut self, now: Instant) -> (u64, u64) {
        let start = match self.start {
            Some(s) if now.duration_since(s) < self.len => s,
            _ => {
                self.count = 0;
                self.start = Some(now);
                now
            }
        };
        self.count += 1;
        let left = self.len - now.duration_since(start);
        let reset = (left.as_secs() + u64::from(left.subsec_nanos() > 0)).max(1);
        (self.limit.saturating_sub(self.count), reset)
    }
}

/// The token endpoint's windows.
const TOKEN_WINDOWS: GatewayWindows = GatewayWindows {
    pool: "token",
    header: "500, 500;w=1, 100000;w=60",
    windows: &[(500, 1)],
};

/// The gateway's windows, per (pool, window index).
#[derive(Debug, Default)]
pub struct Gateway {
    windows: Mutex<HashMap<(&'static str, usize), Window>>,
}

/// (limit, remaining, reset) header values for one response.
type Triple = (&'static str, String, String);

impl Gateway {
    /// Header values for a request of `product` (`None`: the token
    /// endpoint), counting it; None when it is not behind the gateway.
    fn count(&self, product: Option<Product>, now: Instant) -> Option<Triple> {
        let policy = match product {
            None => TOKEN_WINDOWS,
            Some(p) => rules::of(p).gateway?,
        };
        let mut w = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let mut remaining = String::new();
        let mut resets = String::new();
        for (i, &(limit, secs)) in policy.windows.iter().enumerate() {
            let (rem, reset) = w
                .entry((policy.pool, i))
                .or_insert_with(|| Window::new(limit, secs))
                .hit(now);
            let sep = if i == 0 { "" } else { ", " };
            let _ = write!(remaining, "{sep}{rem}");
            let _ = write!(resets, "{sep}{reset}");
        }
        Some((policy.header, remaining, resets))
    }
}

/// Middleware: adds the gateway headers and ZIA's mode header.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let product = if req.uri().path() == TOKEN_PATH {
        None
    } else {
        Some(state.products().of_path(req.uri().path()))
    };
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    if let Some((limit, remaining, reset)) = state.runtime.gateway.count(product, Instant::now()) {
        h.insert(
            HeaderName::from_static("x-ratelimit-limit"),
            HeaderValue::from_static(limit),
        );
        for (name, value) in [
            ("x-ratelimit-remaining", remaining),
            ("x-ratelimit-reset", reset),
        ] {
            // A 429 already names the window that refused it.
            if let (Ok(v), false) = (HeaderValue::from_str(&value), h.contains_key(name)) {
                h.insert(HeaderName::from_static(name), v);
            }
        }
    }
    if let Some(header) = product.and_then(|p| rules::of(p).mode_header) {
        let mode = if state.runtime.modes.read_only() {
            "read-only"
        } else {
            "read-write"
        };
        h.insert(
            HeaderName::from_static(header),
            HeaderValue::from_static(mode),
        );
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_count_down_and_reset() {
        let g = Gateway::default();
        let t0 = Instant::now();
        let (limit, rem, reset) = g.count(Some(Product::ZPA), t0).unwrap();
        assert_eq!(limit, "5000, 5000;w=60");
        assert_eq!((rem.as_str(), reset.as_str()), ("4999", "60"));
        let (_, rem, reset) = g
            .count(Some(Product::ZIA), t0 + Duration::from_millis(6500))
            .unwrap();
        assert_eq!((rem.as_str(), reset.as_str()), ("4998", "54"));
        let (_, rem, _) = g
            .count(Some(Product::ZIA), t0 + Duration::from_secs(61))
            .unwrap();
        assert_eq!(rem, "4999", "a new window starts");
        let (_, rem, reset) = g.count(Some(Product::ZIDENTITY), t0).unwrap();
        assert_eq!((rem.as_str(), reset.as_str()), ("499, 999", "1, 1"));
        assert_eq!(g.count(None, t0).unwrap().1, "499");
        assert!(g.count(Some(Product::OTHER), t0).is_none());
    }
}
