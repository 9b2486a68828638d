//! The checks every product API request passes before its handler runs,
//! in this order:
//!
//! 1. authentication: a valid bearer token (OneAPI, or legacy ZPA
//!    `/signin`), or for ZIA a valid `JSESSIONID` session cookie → else 401;
//! 2. read-only mode: writes get 403 `STATE_READONLY` → while enabled;
//! 3. rate limits (see `ratelimit`) → 429, while enabled;
//! 4. edit lock: writes to a product whose registry entry names a
//!    retryable conflict code (ZIA's `EDIT_LOCK_NOT_AVAILABLE`) get a 409
//!    with that code while the lock is held.
//!
//! The router calls [`check`] once a spec operation matched, so unknown
//! paths stay 404 rather than 401. This module decides refusals only; it
//! may not serve or change data.

use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::auth;
use crate::errors::ApiError;
use crate::legacy::zia::{session_cookie, SESSION_AUTH};
use crate::state::AppState;

/// True for methods that change state.
pub fn is_write(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Runs the checks; Ok carries the caller's identity (token or session),
/// which keys its rate-limit windows, Err the refusal to send (boxed, as
/// responses are large and refusals rare).
pub fn check(
    state: &AppState,
    method: &Method,
    path: &str,
    headers: &HeaderMap,
) -> Result<String, Box<Response>> {
    let product = state.products().of_path(path);
    let caller = match auth::bearer(headers) {
        Some(t) if state.tokens().is_valid(t) => t.to_string(),
        _ => match session_cookie(headers) {
            Some(id)
                if product.legacy_auth == Some(SESSION_AUTH) && state.sessions().is_valid(id) =>
            {
                format!("session:{id}")
            }
            _ => return Err(Box::new(ApiError::unauthorized().into_response())),
        },
    };
    let modes = &state.runtime.modes;
    if modes.read_only() && is_write(method) {
        return Err(Box::new(read_only_refusal()));
    }
    if modes.rate_limits() {
        state.runtime.limiter.check(product, &caller, method)?;
    }
    // The edit lock exists where the registry names a retryable conflict.
    let lock_code = product.errors.retry_conflict.first();
    if let Some(code) = lock_code.filter(|_| is_write(method) && modes.edit_lock()) {
        return Err(Box::new(
            ApiError::new(
                product,
                StatusCode::CONFLICT,
                code,
                "Another admin session holds the edit lock; retry later",
            )
            .into_response(),
        ));
    }
    Ok(caller)
}

/// The 403 every write gets in read-only mode, whatever the product.
fn read_only_refusal() -> Response {
    let mut resp = (
        StatusCode::FORBIDDEN,
        Json(json!({
            "code": "STATE_READONLY",
            "message": "The tenant is in read-only mode; write requests are refused"
        })),
    )
        .into_response();
    resp.headers_mut().insert(
        HeaderName::from_static("x-zscaler-mode"),
        HeaderValue::from_static("read-only"),
    );
    resp
}
