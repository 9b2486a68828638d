//! Request counters behind `GET /_emulator/stats`, so tests can assert how
//! a client behaved (e.g. 50 concurrent calls needed exactly one token).
//! This module owns the counters; it may not refuse requests.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{json, Value};

use crate::state::AppState;

/// Path of the OAuth token endpoint.
pub const TOKEN_PATH: &str = "/oauth2/v1/token";

/// Monotonic counters (reset only by `DELETE /_emulator/stats`).
#[derive(Debug, Default)]
pub struct Stats {
    token_requests: AtomicU64,
    api_requests: AtomicU64,
}

impl Stats {
    /// Counts one request by path and method.
    pub fn record(&self, method: &Method, path: &str) {
        if path == TOKEN_PATH {
            if method == Method::POST {
                self.token_requests.fetch_add(1, Ordering::Relaxed);
            }
        } else if !path.starts_with("/_emulator") && method != Method::OPTIONS {
            self.api_requests.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// `{"token_requests": n, "api_requests": n}`.
    pub fn snapshot(&self) -> Value {
        json!({
            "token_requests": self.token_requests.load(Ordering::Relaxed),
            "api_requests": self.api_requests.load(Ordering::Relaxed),
        })
    }

    /// Zeroes every counter.
    pub fn clear(&self) {
        self.token_requests.store(0, Ordering::Relaxed);
        self.api_requests.store(0, Ordering::Relaxed);
    }
}

/// Middleware: counts every request as the client sent it (before faults
/// or rewrites), so injected failures are counted too.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    state.runtime.stats.record(req.method(), req.uri().path());
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::product::Product;

    /// `rest` under `product`'s gateway prefix.
    fn at(product: Product, rest: &str) -> String {
        format!("{}{rest}", product.gateway)
    }

    #[test]
    fn counts_tokens_and_api_calls_apart() {
        let s = Stats::default();
        s.record(&Method::POST, TOKEN_PATH);
        s.record(&Method::GET, TOKEN_PATH);
        s.record(&Method::GET, &at(Product::ZPA, "/x"));
        s.record(&Method::OPTIONS, &at(Product::ZPA, "/x"));
        s.record(&Method::GET, "/_emulator/stats");
        assert_eq!(
            s.snapshot(),
            json!({"token_requests": 1, "api_requests": 1})
        );
        s.clear();
        assert_eq!(
            s.snapshot(),
            json!({"token_requests": 0, "api_requests": 0})
        );
    }
}
