//! Emulator-only control routes under `/_emulator` (no auth), used by tests
//! and demos to put the emulator into a known state or a failure mode.
//!
//! | route | effect |
//! | --- | --- |
//! | `GET /_emulator/health` | `{"status": "ok"}` |
//! | `POST /_emulator/reset[?seed=demo\|empty]` | restores the data (seed, seed file, bulk); clears faults, read-only mode, the edit lock and rate-limit windows, and sets rate limiting back to its configured state. Tokens, sessions, stats and client public keys are kept. |
//! | `POST /_emulator/expire-tokens` | revokes every token and legacy ZIA session |
//! | `POST /_emulator/faults` | queues a fault rule `{method, path_prefix, status, headers, body, count, delay_ms, reset}` (see `faults`); `GET` lists pending rules, `DELETE` drops them |
//! | `POST /_emulator/read-only {"enabled": bool}` | while on, every non-GET API request gets 403 `{"code": "STATE_READONLY", ...}` with `x-zscaler-mode: read-only` |
//! | `POST /_emulator/edit-lock {"held": bool}` | while held, ZIA writes get 409 `{"code": "EDIT_LOCK_NOT_AVAILABLE", ...}` |
//! | `POST /_emulator/rate-limits {"enabled": bool}` | turns the documented rate limits on or off (see `ratelimit`) |
//! | `POST /_emulator/client-keys` `{"pem": "..."}` or `{"jwk": {...}}` | registers a client public key for private-key JWT authentication; `GET` counts keys, `DELETE` drops the run-time ones (see `client_keys`) |
//! | `GET /_emulator/stats` | `{"token_requests": n, "api_requests": n}`: POSTs to the token endpoint, and every other non-control request; `DELETE` zeroes them |
//!
//! This module owns the `/_emulator` routes; it may not serve product APIs.

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::body;
use crate::config::Seed;
use crate::errors::ApiError;
use crate::faults::Fault;
use crate::product::Product;
use crate::query::Params;
use crate::seed;
use crate::state::AppState;

/// The control router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/_emulator/health", get(health))
        .route("/_emulator/reset", post(reset))
        .route("/_emulator/expire-tokens", post(expire_tokens))
        .route(
            "/_emulator/faults",
            post(add_fault).get(list_faults).delete(clear_faults),
        )
        .route("/_emulator/read-only", post(read_only))
        .route("/_emulator/edit-lock", post(edit_lock))
        .route("/_emulator/rate-limits", post(rate_limits))
        .route("/_emulator/stats", get(stats).delete(clear_stats))
        .merge(crate::client_keys::routes())
}

async fn health() -> Response {
    Json(json!({ "status": "ok" })).into_response()
}

/// Restores the seed data (the configured seed, or `?seed=demo|empty`) and
/// the default modes. Tokens are left alone so a test can reset between
/// steps without re-authenticating.
async fn reset(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref());
    let seed = match params.get("seed") {
        Some(v) => Seed::parse(v).ok_or_else(|| {
            ApiError::invalid_param(
                Product::OTHER,
                format!("seed must be demo or empty, got {v:?}"),
            )
        })?,
        None => s.config.seed,
    };
    let store =
        seed::tenant(&s.config, seed).map_err(|e| ApiError::invalid_param(Product::OTHER, e))?;
    *s.store() = store;
    let rt = &s.runtime;
    rt.faults.clear();
    rt.limiter.clear();
    rt.modes.set_read_only(false);
    rt.modes.set_edit_lock(false);
    rt.modes.set_rate_limits(s.config.rate_limits);
    let name = match seed {
        Seed::Demo => "demo",
        Seed::Empty => "empty",
    };
    Ok(Json(json!({ "status": "reset", "seed": name })).into_response())
}

/// Revokes every issued token and session, to exercise re-authentication.
async fn expire_tokens(State(s): State<AppState>) -> Response {
    let n = s.tokens().expire_all() + s.sessions().expire_all();
    Json(json!({ "status": "expired", "count": n })).into_response()
}

async fn add_fault(State(s): State<AppState>, raw: Body) -> Result<Response, ApiError> {
    let v = body::json(Product::OTHER, raw).await?;
    let fault = Fault::parse(&v).map_err(|e| ApiError::invalid_body(Product::OTHER, e))?;
    let pending = s.runtime.faults.add(fault);
    Ok(Json(json!({ "status": "queued", "pending": pending })).into_response())
}

async fn list_faults(State(s): State<AppState>) -> Response {
    Json(s.runtime.faults.describe()).into_response()
}

async fn clear_faults(State(s): State<AppState>) -> Response {
    s.runtime.faults.clear();
    Json(json!({ "status": "cleared" })).into_response()
}

/// Reads `{"<key>": true|false}` from a control request body.
async fn switch(raw: Body, key: &str) -> Result<bool, ApiError> {
    let v: Value = body::json(Product::OTHER, raw).await?;
    v.get(key).and_then(Value::as_bool).ok_or_else(|| {
        ApiError::invalid_body(
            Product::OTHER,
            format!("body must be {{\"{key}\": true|false}}"),
        )
    })
}

async fn read_only(State(s): State<AppState>, raw: Body) -> Result<Response, ApiError> {
    let on = switch(raw, "enabled").await?;
    s.runtime.modes.set_read_only(on);
    Ok(Json(json!({ "read_only": on })).into_response())
}

async fn edit_lock(State(s): State<AppState>, raw: Body) -> Result<Response, ApiError> {
    let held = switch(raw, "held").await?;
    s.runtime.modes.set_edit_lock(held);
    Ok(Json(json!({ "edit_lock": held })).into_response())
}

async fn rate_limits(State(s): State<AppState>, raw: Body) -> Result<Response, ApiError> {
    let on = switch(raw, "enabled").await?;
    s.runtime.modes.set_rate_limits(on);
    if !on {
        s.runtime.limiter.clear();
    }
    Ok(Json(json!({ "rate_limits": on })).into_response())
}

async fn stats(State(s): State<AppState>) -> Response {
    Json(s.runtime.stats.snapshot()).into_response()
}

async fn clear_stats(State(s): State<AppState>) -> Response {
    s.runtime.stats.clear();
    Json(s.runtime.stats.snapshot()).into_response()
}
