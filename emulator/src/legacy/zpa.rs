//! Legacy ZPA authentication: `POST /signin` with form-encoded
//! `client_id` / `client_secret` returns
//! `{"token_type": "Bearer", "access_token": ..., "expires_in": "3600"}`
//! (`expires_in` is a string on legacy ZPA); `POST /signout` revokes the
//! bearer token it is called with. Tokens work under the ZPA gateway
//! prefix and on the un-prefixed `/mgmtconfig/...` and `/userconfig/...`
//! routes. This module owns the sign-in endpoints only.

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::auth;
use crate::body;
use crate::errors::ApiError;
use crate::product::Product;
use crate::query::Params;
use crate::state::AppState;

/// `POST /signin`. Credentials may also come in the query string, which
/// some older clients use.
pub async fn signin(State(state): State<AppState>, RawQuery(q): RawQuery, raw: Body) -> Response {
    let bytes = match body::read(Product::ZPA, raw).await {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let form = Params::parse(Some(&String::from_utf8_lossy(&bytes)));
    let query = Params::parse(q.as_deref());
    let field = |k: &str| form.get(k).or_else(|| query.get(k)).unwrap_or_default();
    let cfg = &state.config;
    if field("client_id") != cfg.client_id || field("client_secret") != cfg.client_secret {
        return ApiError::new(
            Product::ZPA,
            StatusCode::UNAUTHORIZED,
            "invalid.credentials",
            "Invalid client id or secret",
        )
        .into_response();
    }
    let token = state.tokens().issue(cfg.token_ttl);
    Json(json!({
        "token_type": "Bearer",
        "access_token": token,
        "expires_in": cfg.token_ttl.as_secs().to_string(),
    }))
    .into_response()
}

/// `POST /signout`: revokes the caller's token.
pub async fn signout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match auth::bearer(&headers) {
        Some(t) if state.tokens().revoke(t) => StatusCode::OK.into_response(),
        _ => ApiError::unauthorized().into_response(),
    }
}
