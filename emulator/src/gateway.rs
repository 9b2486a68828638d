//! Headers the OneAPI gateway adds to every response, as recorded:
//!
//! - ZPA and ZIA: `x-ratelimit-limit: 5000, 5000;w=60`, with
//!   `x-ratelimit-remaining` / `x-ratelimit-reset` for a 60-second window;
//! - ZIdentity: `500, 500;w=1, 20000;w=60, 1000, 1000;w=1`, remaining and
//!   reset given per one-second window (`495, 999` / `1, 1`);
//! - the token endpoint: `500, 500;w=1, 100000;w=60`, one-second window;
//! - ZIA also stamps `x-zscaler-mode` (`read-write`, or `read-only` while
//!   read-only mode is on) on every response, errors included.
//!
//! The windows here count all callers together and are informational:
//! enforcement is the job of `ratelimit`, when enabled.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::errors::Product;
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

/// The gateway's windows per API family.
#[derive(Debug)]
pub struct Gateway {
    windows: Mutex<[Window; 4]>,
}

impl Default for Gateway {
    fn default() -> Self {
        Gateway {
            windows: Mutex::new([
                Window::new(5000, 60), // ZPA and ZIA
                Window::new(500, 1),   // ZIdentity, first policy
                Window::new(1000, 1),  // ZIdentity, second policy
                Window::new(500, 1),   // token endpoint
            ]),
        }
    }
}

/// (limit, remaining, reset) header values for one response.
type Triple = (&'static str, String, String);

impl Gateway {
    /// Header values for a request to `path`, counting it; None when the
    /// path is not behind the gateway.
    fn count(&self, path: &str, now: Instant) -> Option<Triple> {
        let mut w = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if path == TOKEN_PATH {
            let (rem, reset) = w[3].hit(now);
            return Some((
                "500, 500;w=1, 100000;w=60",
                rem.to_string(),
                reset.to_string(),
            ));
        }
        match Product::from_path(path) {
            Product::Zpa | Product::Zia => {
                let (rem, reset) = w[0].hit(now);
                Some(("5000, 5000;w=60", rem.to_string(), reset.to_string()))
            }
            Product::Zid => {
                let (r1, s1) = w[1].hit(now);
                let (r2, s2) = w[2].hit(now);
                Some((
                    "500, 500;w=1, 20000;w=60, 1000, 1000;w=1",
                    format!("{r1}, {r2}"),
                    format!("{s1}, {s2}"),
                ))
            }
            Product::Other => None,
        }
    }
}

/// Middleware: adds the gateway headers and ZIA's mode header.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    if let Some((limit, remaining, reset)) = state.runtime.gateway.count(&path, Instant::now()) {
        h.insert(
            HeaderName::from_static("x-ratelimit-limit"),
            HeaderValue::from_static(limit),
        );
        for (name, value) in [
            ("x-ratelimit-remaining", remaining),
            ("x-ratelimit-reset", reset),
        ] {
            if let Ok(v) = HeaderValue::from_str(&value) {
                h.insert(HeaderName::from_static(name), v);
            }
        }
    }
    if Product::from_path(&path) == Product::Zia {
        let mode = if state.runtime.modes.read_only() {
            "read-only"
        } else {
            "read-write"
        };
        h.insert(
            HeaderName::from_static("x-zscaler-mode"),
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
        let (limit, rem, reset) = g.count("/zpa/x", t0).unwrap();
        assert_eq!(limit, "5000, 5000;w=60");
        assert_eq!((rem.as_str(), reset.as_str()), ("4999", "60"));
        let (_, rem, reset) = g.count("/zia/y", t0 + Duration::from_millis(6500)).unwrap();
        assert_eq!((rem.as_str(), reset.as_str()), ("4998", "54"));
        let (_, rem, _) = g.count("/zia/y", t0 + Duration::from_secs(61)).unwrap();
        assert_eq!(rem, "4999", "a new window starts");
        let (_, rem, reset) = g.count("/ziam/z", t0).unwrap();
        assert_eq!((rem.as_str(), reset.as_str()), ("499, 999", "1, 1"));
        assert_eq!(g.count(TOKEN_PATH, t0).unwrap().1, "499");
        assert!(g.count("/_emulator/stats", t0).is_none());
    }
}
