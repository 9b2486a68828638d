//! Fault injection (`POST /_emulator/faults`).
//!
//! A fault is a rule `{method, path_prefix, status, headers, body, count,
//! delay_ms, reset}`; the next `count` requests it matches (method equal,
//! path starting with `path_prefix`; absent means "any") are answered by it
//! instead of the emulator: after `delay_ms`, either with `status`, `headers`
//! and `body`, or, with `"reset": true`, by resetting the connection. A rule
//! with only `delay_ms` adds latency and then serves the request normally.
//! Rules are tried in the order they were added. Control routes
//! (`/_emulator/...`) are never faulted.

use std::sync::Mutex;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::conn::ConnHandle;
use crate::errors::ApiError;
use crate::product::Product;
use crate::ratelimit;
use crate::state::AppState;

/// Longest accepted `delay_ms` (ten minutes), so a typo cannot hang a test
/// run forever.
pub const MAX_DELAY_MS: u64 = 600_000;

/// One queued fault rule.
#[derive(Debug, Clone)]
pub struct Fault {
    method: Option<Method>,
    path_prefix: Option<String>,
    status: Option<StatusCode>,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Option<Value>,
    remaining: u64,
    delay: Duration,
    reset: bool,
}

impl Fault {
    /// Parses a rule from the control request body; errors are user-facing.
    pub fn parse(v: &Value) -> Result<Fault, String> {
        let obj = v.as_object().ok_or("body must be a JSON object")?;
        const KNOWN: [&str; 8] = [
            "method",
            "path_prefix",
            "status",
            "headers",
            "body",
            "count",
            "delay_ms",
            "reset",
        ];
        if let Some(k) = obj.keys().find(|k| !KNOWN.contains(&k.as_str())) {
            return Err(format!("unknown field {k:?}; known: {}", KNOWN.join(", ")));
        }
        let count = obj
            .get("count")
            .and_then(Value::as_u64)
            .filter(|n| *n >= 1)
            .ok_or("count is required and must be a positive integer")?;
        let method = match obj.get("method") {
            None | Some(Value::Null) => None,
            Some(Value::String(m)) => Some(
                Method::from_bytes(m.to_ascii_uppercase().as_bytes())
                    .map_err(|_| format!("method {m:?} is not an HTTP method"))?,
            ),
            Some(_) => return Err("method must be a string".into()),
        };
        let path_prefix = match obj.get("path_prefix") {
            None | Some(Value::Null) => None,
            Some(Value::String(p)) => Some(p.clone()),
            Some(_) => return Err("path_prefix must be a string".into()),
        };
        let status = match obj.get("status") {
            None | Some(Value::Null) => None,
            Some(s) => Some(
                s.as_u64()
                    .filter(|n| (100..=599).contains(n))
                    .and_then(|n| StatusCode::from_u16(n as u16).ok())
                    .ok_or("status must be an integer from 100 to 599")?,
            ),
        };
        let mut headers = Vec::new();
        match obj.get("headers") {
            None | Some(Value::Null) => {}
            Some(Value::Object(map)) => {
                for (k, v) in map {
                    let text = match v {
                        Value::String(s) => s.clone(),
                        Value::Number(n) => n.to_string(),
                        _ => return Err(format!("header {k:?} must be a string")),
                    };
                    let name = HeaderName::from_bytes(k.as_bytes())
                        .map_err(|_| format!("{k:?} is not a header name"))?;
                    let value = HeaderValue::from_str(&text)
                        .map_err(|_| format!("{text:?} is not a header value"))?;
                    headers.push((name, value));
                }
            }
            Some(_) => return Err("headers must be an object of strings".into()),
        }
        let delay_ms = match obj.get("delay_ms") {
            None | Some(Value::Null) => 0,
            Some(d) => d.as_u64().filter(|d| *d <= MAX_DELAY_MS).ok_or(format!(
                "delay_ms must be an integer from 0 to {MAX_DELAY_MS}"
            ))?,
        };
        let reset = match obj.get("reset") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err("reset must be a boolean".into()),
        };
        Ok(Fault {
            method,
            path_prefix,
            status,
            headers,
            body: obj.get("body").filter(|b| !b.is_null()).cloned(),
            remaining: count,
            delay: Duration::from_millis(delay_ms),
            reset,
        })
    }

    fn matches(&self, method: &Method, path: &str) -> bool {
        self.method.as_ref().is_none_or(|m| m == method)
            && self
                .path_prefix
                .as_deref()
                .is_none_or(|p| path.starts_with(p))
    }

    fn describe(&self) -> Value {
        json!({
            "method": self.method.as_ref().map(Method::as_str),
            "path_prefix": self.path_prefix,
            "status": self.status.map(|s| s.as_u16()),
            "remaining": self.remaining,
            "delay_ms": self.delay.as_millis() as u64,
            "reset": self.reset,
        })
    }
}

/// The queue of pending fault rules.
#[derive(Debug, Default)]
pub struct Faults {
    queue: Mutex<Vec<Fault>>,
}

impl Faults {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Fault>> {
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues a rule; returns how many rules are pending.
    pub fn add(&self, fault: Fault) -> usize {
        let mut q = self.lock();
        q.push(fault);
        q.len()
    }

    /// Drops every pending rule.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// The pending rules, for `GET /_emulator/faults`.
    pub fn describe(&self) -> Value {
        Value::Array(self.lock().iter().map(Fault::describe).collect())
    }

    /// Consumes one use of the first rule matching the request.
    pub fn take(&self, method: &Method, path: &str) -> Option<Fault> {
        let mut q = self.lock();
        let i = q.iter().position(|f| f.matches(method, path))?;
        q[i].remaining -= 1;
        if q[i].remaining == 0 {
            Some(q.remove(i))
        } else {
            Some(q[i].clone())
        }
    }
}

/// Middleware: applies the first matching fault, if any.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path.starts_with("/_emulator") {
        return next.run(req).await;
    }
    let Some(fault) = state.runtime.faults.take(req.method(), path) else {
        return next.run(req).await;
    };
    if !fault.delay.is_zero() {
        tokio::time::sleep(fault.delay).await;
    }
    if fault.reset {
        return reset(&req);
    }
    let Some(status) = fault.status else {
        return next.run(req).await;
    };
    respond(state.products().of_path(path), status, fault)
}

/// Resets the connection; the response built here is never written.
fn reset(req: &Request) -> Response {
    match req.extensions().get::<ConnectInfo<ConnHandle>>() {
        Some(ConnectInfo(handle)) => {
            handle.reset();
            StatusCode::BAD_GATEWAY.into_response()
        }
        // Served without the emulator's own listener: the best available
        // approximation is an empty 502 that closes the connection.
        None => {
            let mut r = StatusCode::BAD_GATEWAY.into_response();
            r.headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            r
        }
    }
}

/// The injected answer. Without a body, the product's own error shape is
/// used (for 429, its real rate-limit body and `retry-after`).
fn respond(product: Product, status: StatusCode, fault: Fault) -> Response {
    let mut resp = match fault.body {
        Some(Value::String(text)) => {
            let mut r = Response::new(Body::from(text));
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            );
            r
        }
        Some(json) => axum::Json(json).into_response(),
        None if status == StatusCode::TOO_MANY_REQUESTS => {
            ratelimit::too_many(product, Duration::from_secs(1), "1/SECOND")
        }
        None => ApiError::new(
            product,
            status,
            "injected.fault",
            "Injected by the emulator",
        )
        .into_response(),
    };
    *resp.status_mut() = status;
    for (name, value) in fault.headers {
        resp.headers_mut().insert(name, value);
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `rest` under `product`'s gateway prefix.
    fn at(product: Product, rest: &str) -> String {
        format!("{}{rest}", product.gateway)
    }

    #[test]
    fn parse_and_consume() {
        let f = Fault::parse(
            &json!({"method": "get", "path_prefix": Product::ZIA.gateway, "status": 503, "count": 2}),
        )
        .unwrap();
        let faults = Faults::default();
        faults.add(f);
        assert!(faults
            .take(&Method::POST, &at(Product::ZIA, "/x"))
            .is_none());
        assert!(faults.take(&Method::GET, &at(Product::ZPA, "/x")).is_none());
        assert!(faults.take(&Method::GET, &at(Product::ZIA, "/x")).is_some());
        assert!(faults.take(&Method::GET, &at(Product::ZIA, "/y")).is_some());
        assert!(
            faults.take(&Method::GET, &at(Product::ZIA, "/z")).is_none(),
            "count used up"
        );
    }

    #[test]
    fn rejects_bad_rules() {
        for bad in [
            json!({}),
            json!({"count": 0}),
            json!({"count": 1, "status": 99}),
            json!({"count": 1, "headers": {"x": {}}}),
            json!({"count": 1, "delay_ms": -1}),
            json!({"count": 1, "colour": "red"}),
            json!({"count": 1, "reset": "yes"}),
            json!([1]),
        ] {
            assert!(Fault::parse(&bad).is_err(), "{bad}");
        }
        assert!(Fault::parse(&json!({"count": 1, "delay_ms": 5})).is_ok());
    }
}
