//! Legacy ZTW authentication (`/api/v1/auth`): ZIA's session login under
//! another path. `POST` takes `{apiKey, username, password, timestamp}`
//! with the key obfuscated as for ZIA (see `zia::obfuscate`) and sets a
//! `JSESSIONID` cookie that opens ZTW's API only; `GET` reports the
//! session; `DELETE` ends it.
//!
//! ZTW's un-prefixed API root (`/api/v1/`) is ZIA's too: the legacy
//! rewrite sends a request to ZTW when its cookie is a ZTW session. This
//! module owns the ZTW session endpoint; it may not serve API data.

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::zia::{not_signed_in, session_answer, session_cookie, session_login, signed_in};
use crate::product::Product;
use crate::state::AppState;

/// The registry's `auth.legacy` kind this module implements.
pub const SESSION_AUTH: &str = "ztw-session";

/// Path of ZTW's session endpoint (also served under the `/ztw` prefix).
pub const ZTW_SESSION: &str = "/api/v1/auth";

/// `POST /api/v1/auth`.
pub async fn login(State(state): State<AppState>, raw: Body) -> Response {
    session_login(&state, Product::ZTW, raw).await
}

/// `GET /api/v1/auth`: 200 while signed in.
pub async fn status(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if signed_in(&state, Product::ZTW, &headers) {
        session_answer()
    } else {
        not_signed_in(Product::ZTW)
    }
}

/// `DELETE /api/v1/auth`: ends the cookie's session; 200 with ZTW's
/// `{status, description}` answer, as the spec documents.
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !signed_in(&state, Product::ZTW, &headers) {
        return not_signed_in(Product::ZTW);
    }
    if let Some(id) = session_cookie(&headers) {
        state.sessions().end(id);
    }
    (
        StatusCode::OK,
        Json(json!({"status": "SUCCESS", "description": "Session ended"})),
    )
        .into_response()
}
