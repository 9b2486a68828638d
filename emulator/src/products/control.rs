//! Emulator-only control routes under `/_emulator` (no auth), used by tests
//! and demos to put the emulator into a known state.

use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

use crate::config::Seed;
use crate::errors::{ApiError, Product};
use crate::query::Params;
use crate::seed;
use crate::state::AppState;

/// The control router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/_emulator/health", get(health))
        .route("/_emulator/reset", post(reset))
        .route("/_emulator/expire-tokens", post(expire_tokens))
}

async fn health() -> Response {
    Json(json!({ "status": "ok" })).into_response()
}

/// Restores the seed data (the configured seed, or `?seed=demo|empty`).
/// Tokens are left alone so a test can reset between steps without
/// re-authenticating.
async fn reset(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref());
    let seed = match params.get("seed") {
        Some(v) => Seed::parse(v).ok_or_else(|| {
            ApiError::invalid_param(
                Product::Other,
                format!("seed must be demo or empty, got {v:?}"),
            )
        })?,
        None => s.config.seed,
    };
    *s.store() = seed::build(seed);
    let name = match seed {
        Seed::Demo => "demo",
        Seed::Empty => "empty",
    };
    Ok(Json(json!({ "status": "reset", "seed": name })).into_response())
}

/// Revokes every issued token, to exercise clients' re-authentication.
async fn expire_tokens(State(s): State<AppState>) -> Response {
    let n = s.tokens().expire_all();
    Json(json!({ "status": "expired", "count": n })).into_response()
}
