//! The pre-OneAPI API-key logins that answer a token in a JSON body:
//!
//! - ZCC `POST /papi/auth/v1/login` takes `{apiKey, secretKey}` and answers
//!   `{jwtToken}`, which calls send back in an `auth-token` header;
//! - ZDX `POST /v1/oauth/token` takes `{key_id, key_secret, timestamp}`,
//!   where `key_secret` is the lowercase hex SHA-256 of
//!   `"<secret>:<timestamp>"` and `timestamp` epoch seconds as a JSON
//!   integer within [`ZDX_WINDOW_SECS`] of now; it answers
//!   `{token, token_type, expires_in}`;
//! - ZWA `POST /v1/auth/api-key/token` takes `{key_id, key_secret}` and
//!   answers 201 `{token}` (no lifetime: clients read the JWT's `exp`).
//!
//! Key id and secret are the emulator's OAuth client id and secret, so one
//! configured pair opens every product. Bodies are checked exactly: a
//! missing, extra or wrongly typed field is a 400 in the product's shape,
//! wrong credentials a 401. Issued tokens are registered with
//! `Sessions` for their product only. This module owns these logins; it
//! may not serve API data.

use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::auth::jwt_shaped;
use crate::body;
use crate::errors::ApiError;
use crate::product::Product;
use crate::state::AppState;

/// The registry's `auth.legacy` kinds this module implements.
pub const ZCC_AUTH: &str = "zcc-login";
/// See [`ZCC_AUTH`].
pub const ZDX_AUTH: &str = "zdx-token";
/// See [`ZCC_AUTH`].
pub const ZWA_AUTH: &str = "zwa-token";

/// ZCC's login path (also served under the `/zcc` prefix).
pub const ZCC_LOGIN: &str = "/papi/auth/v1/login";
/// ZDX's login path (also served under the `/zdx` prefix).
pub const ZDX_LOGIN: &str = "/v1/oauth/token";
/// ZWA's login path (also served under the `/zwa` prefix).
pub const ZWA_LOGIN: &str = "/v1/auth/api-key/token";

/// How far a ZDX login's timestamp may be from the emulator's clock, so a
/// replayed login is refused.
pub const ZDX_WINDOW_SECS: u64 = 300;

/// Lowercase hex SHA-256 of `text`.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The body's fields, exactly `names` and nothing else, or a 400.
async fn fields(
    product: Product,
    raw: Body,
    names: &[&str],
) -> Result<Map<String, Value>, ApiError> {
    let body = body::object(product, raw).await?;
    if let Some(extra) = body.keys().find(|k| !names.contains(&k.as_str())) {
        return Err(ApiError::invalid_body(
            product,
            format!("Unknown field {extra:?}"),
        ));
    }
    if let Some(missing) = names.iter().find(|n| !body.contains_key(**n)) {
        return Err(ApiError::invalid_body(
            product,
            format!("Missing field {missing:?}"),
        ));
    }
    Ok(body)
}

/// A string field, or a 400.
fn text<'a>(
    product: Product,
    body: &'a Map<String, Value>,
    name: &str,
) -> Result<&'a str, ApiError> {
    body[name]
        .as_str()
        .ok_or_else(|| ApiError::invalid_body(product, format!("{name} must be a string")))
}

fn refused(product: Product) -> ApiError {
    ApiError::new(
        product,
        StatusCode::UNAUTHORIZED,
        "AUTHENTICATION_FAILED",
        "Invalid API key id or secret",
    )
}

/// A JWT-shaped token for `product`, registered for it alone.
fn issue(state: &AppState, product: Product) -> (String, Duration) {
    let ttl = state.config.token_ttl;
    let token = jwt_shaped(ttl);
    state.sessions().insert(product, token.clone(), ttl);
    (token, ttl)
}

/// `POST /papi/auth/v1/login` (ZCC).
pub async fn zcc_login(State(state): State<AppState>, raw: Body) -> Response {
    let p = Product::ZCC;
    let result = async {
        let body = fields(p, raw, &["apiKey", "secretKey"]).await?;
        let cfg = &state.config;
        if text(p, &body, "apiKey")? != cfg.client_id
            || text(p, &body, "secretKey")? != cfg.client_secret
        {
            return Err(refused(p));
        }
        let (token, _) = issue(&state, p);
        Ok(Json(json!({ "jwtToken": token })).into_response())
    };
    result.await.unwrap_or_else(IntoResponse::into_response)
}

/// `POST /v1/oauth/token` (ZDX).
pub async fn zdx_login(State(state): State<AppState>, raw: Body) -> Response {
    let p = Product::ZDX;
    let result = async {
        let body = fields(p, raw, &["key_id", "key_secret", "timestamp"]).await?;
        let key_id = text(p, &body, "key_id")?;
        let hash = text(p, &body, "key_secret")?;
        let ts = body["timestamp"].as_u64().ok_or_else(|| {
            ApiError::invalid_body(p, "timestamp must be an integer (epoch seconds)")
        })?;
        if crate::store::now_secs().abs_diff(ts) > ZDX_WINDOW_SECS {
            return Err(ApiError::new(
                p,
                StatusCode::UNAUTHORIZED,
                "AUTHENTICATION_FAILED",
                "timestamp is too far from the server's clock",
            ));
        }
        let cfg = &state.config;
        let expected = sha256_hex(&format!("{}:{ts}", cfg.client_secret));
        if key_id != cfg.client_id || hash != expected {
            return Err(refused(p));
        }
        let (token, ttl) = issue(&state, p);
        Ok(Json(json!({
            "token": token,
            "token_type": "Bearer",
            "expires_in": ttl.as_secs(),
        }))
        .into_response())
    };
    result.await.unwrap_or_else(IntoResponse::into_response)
}

/// `POST /v1/auth/api-key/token` (ZWA): 201, as the spec documents.
pub async fn zwa_login(State(state): State<AppState>, raw: Body) -> Response {
    let p = Product::ZWA;
    let result = async {
        let body = fields(p, raw, &["key_id", "key_secret"]).await?;
        let cfg = &state.config;
        if text(p, &body, "key_id")? != cfg.client_id
            || text(p, &body, "key_secret")? != cfg.client_secret
        {
            return Err(refused(p));
        }
        let (token, _) = issue(&state, p);
        Ok((StatusCode::CREATED, Json(json!({ "token": token }))).into_response())
    };
    result.await.unwrap_or_else(IntoResponse::into_response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_the_fips_vector() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
