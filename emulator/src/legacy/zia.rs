//! Legacy ZIA authentication (`/api/v1/authenticatedSession`), as used by
//! clients configured with an API key, admin username and password instead
//! of OneAPI client credentials.
//!
//! `POST` takes `{apiKey, username, password, timestamp}` where `apiKey` is
//! the raw key obfuscated with the millisecond `timestamp` (see
//! [`obfuscate`]); success sets an HttpOnly `JSESSIONID` cookie that the
//! un-prefixed `/api/v1/...` routes accept. `GET` reports whether the
//! session is valid; `DELETE` ends it (and, as on ZIA, activates pending
//! changes).
//!
//! This module owns the ZIA sessions; it may not serve API data.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::body;
use crate::errors::ApiError;
use crate::product::Product;
use crate::random;
use crate::state::AppState;

/// The registry's `auth.legacy` kind this module implements.
pub const SESSION_AUTH: &str = "zia-session";

/// Name of the session cookie.
pub const COOKIE: &str = "JSESSIONID";

/// Open legacy sessions and product-scoped legacy tokens: each with its
/// expiry and the product it was issued by, so a ZTW session opens no ZIA
/// API and a ZCC token no other product's.
#[derive(Debug, Default)]
pub struct Sessions {
    open: HashMap<String, (Instant, &'static str)>,
}

impl Sessions {
    /// Opens a ZIA session valid for `ttl`.
    pub fn issue(&mut self, ttl: Duration) -> String {
        self.issue_for(Product::ZIA, ttl)
    }

    /// Opens a session of `product` valid for `ttl`; expired ones are swept
    /// here.
    pub fn issue_for(&mut self, product: Product, ttl: Duration) -> String {
        let id = random::hex(2).to_ascii_uppercase();
        self.insert(product, id.clone(), ttl);
        id
    }

    /// Registers `credential` (a token handed out by a legacy login) for
    /// `product`, valid for `ttl`.
    pub fn insert(&mut self, product: Product, credential: String, ttl: Duration) {
        let now = Instant::now();
        self.open.retain(|_, (exp, _)| *exp > now);
        self.open.insert(credential, (now + ttl, product.name));
    }

    /// The product whose open session or token `id` is.
    pub fn owner(&self, id: &str) -> Option<&'static str> {
        self.open
            .get(id)
            .filter(|(exp, _)| *exp > Instant::now())
            .map(|(_, product)| *product)
    }

    /// True while `id` is open for `product`.
    pub fn is_valid_for(&self, id: &str, product: Product) -> bool {
        self.owner(id) == Some(product.name)
    }

    /// True while `id` is an open ZIA session.
    pub fn is_valid(&self, id: &str) -> bool {
        self.is_valid_for(id, Product::ZIA)
    }

    /// Closes `id`; false when it was not open.
    pub fn end(&mut self, id: &str) -> bool {
        self.open.remove(id).is_some()
    }

    /// Closes every session (with `POST /_emulator/expire-tokens`).
    pub fn expire_all(&mut self) -> usize {
        let n = self.open.len();
        self.open.clear();
        n
    }
}

/// ZIA's API key obfuscation: with `n` the last six digits of the
/// millisecond timestamp and `r` = `n >> 1` zero-padded to six digits, the
/// key is `raw[d]` for each digit `d` of `n`, then `raw[d + 2]` for each
/// digit of `r`. None when the key is too short or the timestamp not digits.
pub fn obfuscate(raw: &str, timestamp: &str) -> Option<String> {
    if timestamp.is_empty() || !timestamp.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = &timestamp[timestamp.len().saturating_sub(6)..];
    let r = format!("{:06}", n.parse::<u64>().ok()? >> 1);
    let chars: Vec<char> = raw.chars().collect();
    let mut key = String::new();
    for d in n.bytes() {
        key.push(*chars.get(usize::from(d - b'0'))?);
    }
    for d in r.bytes() {
        key.push(*chars.get(usize::from(d - b'0') + 2)?);
    }
    Some(key)
}

/// The `JSESSIONID` value from a `Cookie` header.
pub fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.trim())
}

/// What ZIA answers about an open session.
fn session_body() -> Value {
    json!({
        "authType": "ADMIN_LOGIN",
        "obfuscateApiKey": false,
        "passwordExpiryTime": 0,
        "passwordExpiryDays": 0
    })
}

fn unauthorized(product: Product, code: &str, message: &str) -> Response {
    ApiError::new(product, StatusCode::UNAUTHORIZED, code, message).into_response()
}

/// `POST /api/v1/authenticatedSession`.
pub async fn login(State(state): State<AppState>, raw: Body) -> Response {
    session_login(&state, Product::ZIA, raw).await
}

/// A session login of `product` (ZIA, or ZTW at `/api/v1/auth`): the
/// obfuscated key, username and password must match the configured ZIA
/// credentials (the emulator has one admin for both).
pub async fn session_login(state: &AppState, product: Product, raw: Body) -> Response {
    let body = match body::object(product, raw).await {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let text = |k: &str| match body.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let cfg = &state.config;
    let expected = obfuscate(&cfg.zia_api_key, &text("timestamp"));
    let ok = expected.is_some_and(|k| k == text("apiKey"))
        && text("username") == cfg.zia_username
        && text("password") == cfg.zia_password;
    if !ok {
        return unauthorized(
            product,
            "AUTHENTICATION_FAILED",
            "Invalid API key, username or password",
        );
    }
    let id = state.sessions().issue_for(product, cfg.token_ttl);
    let mut resp = Json(session_body()).into_response();
    let cookie = format!("{COOKIE}={id}; Path=/; HttpOnly");
    resp.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).expect("hex is a valid header value"),
    );
    resp
}

/// Whether the request carries an open session cookie of `product` or a
/// valid bearer token (the OneAPI form of the same endpoint).
pub fn signed_in(state: &AppState, product: Product, headers: &HeaderMap) -> bool {
    session_cookie(headers).is_some_and(|id| state.sessions().is_valid_for(id, product))
        || crate::auth::bearer(headers).is_some_and(|t| state.tokens().is_valid(t))
}

/// What ZIA answers about an open session (ZTW answers the same shape).
pub fn session_answer() -> Response {
    Json(session_body()).into_response()
}

/// The 401 of a session endpoint of `product` without a session.
pub fn not_signed_in(product: Product) -> Response {
    unauthorized(product, "NOT_AUTHENTICATED", "No valid session")
}

/// `GET .../authenticatedSession`: 200 while signed in.
pub async fn status(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if signed_in(&state, Product::ZIA, &headers) {
        session_answer()
    } else {
        not_signed_in(Product::ZIA)
    }
}

/// `DELETE .../authenticatedSession`: ends the cookie's session, if any,
/// and activates pending changes, which is how ZIA clients activate on
/// logout. 204, as the spec and the legacy clients expect.
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !signed_in(&state, Product::ZIA, &headers) {
        return not_signed_in(Product::ZIA);
    }
    if let Some(id) = session_cookie(&headers) {
        state.sessions().end(id);
    }
    state.store().set_pending(Product::ZIA, false);
    StatusCode::NO_CONTENT.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obfuscation_matches_the_reference_vector() {
        assert_eq!(
            obfuscate("ABCDEFGHIJKL", "1795344794881").as_deref(),
            Some("HJEIIBFLJGGC")
        );
        // Short timestamps use all their digits; r is still six digits.
        assert_eq!(obfuscate("ABCDEFGHIJKL", "10").as_deref(), Some("BACCCCCH"));
        assert_eq!(obfuscate("ABC", "1795344794881"), None);
        assert_eq!(obfuscate("ABCDEFGHIJKL", "17x"), None);
    }

    #[test]
    fn cookie_parsing() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, "a=1; JSESSIONID=ABC ; b=2".parse().unwrap());
        assert_eq!(session_cookie(&h), Some("ABC"));
        assert_eq!(session_cookie(&HeaderMap::new()), None);
    }

    #[test]
    fn sessions_end() {
        let mut s = Sessions::default();
        let id = s.issue(Duration::from_secs(60));
        assert!(s.is_valid(&id));
        assert!(s.end(&id));
        assert!(!s.is_valid(&id));
        assert!(!s.end(&id));
    }
}
