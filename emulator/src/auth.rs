//! OAuth2 client-credentials token endpoint and the bearer check.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::body;
use crate::errors::{ApiError, Product};
use crate::query::Params;
use crate::random;
use crate::state::AppState;

/// The audience Zscaler's OneAPI token endpoint expects.
pub const AUDIENCE: &str = "https://api.zscaler.com";

/// Issued tokens and their expiry instants.
#[derive(Debug, Default)]
pub struct Tokens {
    expiry: HashMap<String, Instant>,
}

impl Tokens {
    /// Issues a new opaque token valid for `ttl`. Expired entries are swept
    /// here so benchmark loops that fetch many tokens do not grow memory.
    pub fn issue(&mut self, ttl: Duration) -> String {
        let now = Instant::now();
        self.expiry.retain(|_, exp| *exp > now);
        let token = format!("emu_{}", random::hex(3));
        self.expiry.insert(token.clone(), now + ttl);
        token
    }

    /// True when `token` was issued and has not expired or been revoked.
    pub fn is_valid(&self, token: &str) -> bool {
        self.expiry
            .get(token)
            .is_some_and(|exp| *exp > Instant::now())
    }

    /// Revokes every token (backs `POST /_emulator/expire-tokens`).
    pub fn expire_all(&mut self) -> usize {
        let n = self.expiry.len();
        self.expiry.clear();
        n
    }
}

/// `POST /oauth2/v1/token`: form-encoded client credentials (or HTTP Basic).
pub async fn token(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Response {
    let bytes = match body::read(Product::Other, body).await {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let form = Params::parse(Some(&String::from_utf8_lossy(&bytes)));

    if form.get("grant_type") != Some("client_credentials") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "grant_type must be client_credentials",
        );
    }
    if let Some(aud) = form.get("audience") {
        if aud != AUDIENCE {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "audience must be https://api.zscaler.com",
            );
        }
    }
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_basic);
    let (id, secret) = match (&basic, form.get("client_id"), form.get("client_secret")) {
        (_, Some(id), Some(secret)) => (id.to_string(), secret.to_string()),
        (Some((id, secret)), _, _) => (id.clone(), secret.clone()),
        _ => (String::new(), String::new()),
    };
    let cfg = &state.config;
    if id != cfg.client_id || secret != cfg.client_secret {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication failed",
        );
    }

    let token = state.tokens().issue(cfg.token_ttl);
    let mut resp = Json(json!({
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": cfg.token_ttl.as_secs(),
    }))
    .into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

/// Middleware for API routes: requires `Authorization: Bearer <valid token>`.
pub async fn require_bearer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, rest) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
        });
    match token {
        Some(t) if state.tokens().is_valid(t) => next.run(req).await,
        _ => ApiError::unauthorized().into_response(),
    }
}

/// Decodes `Basic base64(id:secret)`; percent-encoding inside is undone, as
/// RFC 6749 asks clients to form-encode the parts before base64.
fn parse_basic(value: &str) -> Option<(String, String)> {
    let (scheme, rest) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let raw = base64_decode(rest.trim())?;
    let text = String::from_utf8(raw).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((crate::query::decode(id), crate::query::decode(secret)))
}

fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in s.bytes().filter(|&c| c != b'=') {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_decodes() {
        // "emulator-client:emulator-secret"
        let v = "Basic ZW11bGF0b3ItY2xpZW50OmVtdWxhdG9yLXNlY3JldA==";
        assert_eq!(
            parse_basic(v),
            Some(("emulator-client".into(), "emulator-secret".into()))
        );
        assert_eq!(parse_basic("Bearer x"), None);
        assert_eq!(parse_basic("Basic !!!"), None);
    }

    #[test]
    fn tokens_expire() {
        let mut t = Tokens::default();
        let a = t.issue(Duration::from_secs(60));
        let b = t.issue(Duration::from_secs(0));
        assert_ne!(a, b);
        assert!(t.is_valid(&a));
        assert!(!t.is_valid(&b));
        assert!(!t.is_valid("nope"));
        t.expire_all();
        assert!(!t.is_valid(&a));
    }
}
