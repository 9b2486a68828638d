//! The checks every product API request passes before its handler runs,
//! in this order:
//!
//! 1. authentication: a valid bearer token (OneAPI, or legacy ZPA
//!    `/signin`), or the product's own legacy credential (a `JSESSIONID`
//!    session cookie for ZIA and ZTW, an `auth-token` header for ZCC, a
//!    bearer token from the ZDX or ZWA login) → else 401, in the product's
//!    error shape for a ZCC, ZTW, ZDX or ZWA request on the legacy layout
//!    or carrying that product's kind of credential;
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
use crate::legacy::zia::session_cookie;
use crate::legacy::{keys, ztw};
use crate::product::Product;
use crate::spec::Operation;
use crate::state::AppState;

/// True for methods that change state.
pub fn is_write(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The caller's identity when the request carries a credential valid for
/// `product`: a OneAPI (or legacy ZPA) token, or the product's own legacy
/// session or token.
fn authenticate(state: &AppState, product: Product, headers: &HeaderMap) -> Option<String> {
    if let Some(t) = auth::bearer(headers).filter(|t| state.tokens().is_valid(t)) {
        return Some(t.to_string());
    }
    let legacy = match product.legacy_auth? {
        "zia-session" | ztw::SESSION_AUTH => session_cookie(headers),
        keys::ZCC_AUTH => headers.get("auth-token").and_then(|v| v.to_str().ok()),
        keys::ZDX_AUTH | keys::ZWA_AUTH => auth::bearer(headers),
        _ => None,
    }?;
    state
        .sessions()
        .is_valid_for(legacy, product)
        .then(|| format!("session:{legacy}"))
}

/// The 401 for a request without a valid credential. ZPA and ZIA keep
/// the gateway's body; the products added later answer legacy clients
/// (the legacy layout, or their kind of credential) in their own shape,
/// which is what those clients parse.
fn unauthenticated(product: Product, headers: &HeaderMap, legacy_layout: bool) -> Response {
    let own_credential = match product.legacy_auth {
        Some(ztw::SESSION_AUTH) => session_cookie(headers).is_some(),
        Some(keys::ZCC_AUTH) => headers.contains_key("auth-token"),
        Some(keys::ZDX_AUTH | keys::ZWA_AUTH) => false,
        _ => return ApiError::unauthorized().into_response(),
    };
    if legacy_layout || own_credential {
        ApiError::new(
            product,
            StatusCode::UNAUTHORIZED,
            "NOT_AUTHENTICATED",
            "Invalid or expired credential",
        )
        .into_response()
    } else {
        ApiError::unauthorized().into_response()
    }
}

/// Runs the checks; Ok carries the caller's identity (token or session),
/// which keys its rate-limit windows, Err the refusal to send (boxed, as
/// responses are large and refusals rare). `legacy_layout` says the path
/// was rewritten from the un-prefixed layout.
pub fn check(
    state: &AppState,
    method: &Method,
    path: &str,
    op: &Operation,
    headers: &HeaderMap,
    legacy_layout: bool,
) -> Result<String, Box<Response>> {
    let product = state.products().of_path(path);
    let Some(caller) = authenticate(state, product, headers) else {
        return Err(Box::new(unauthenticated(product, headers, legacy_layout)));
    };
    let modes = &state.runtime.modes;
    if modes.read_only() && is_write(method) {
        return Err(Box::new(read_only_refusal()));
    }
    if modes.rate_limits() {
        state.runtime.limiter.check(op, &caller, method)?;
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
