//! The public keys accepted for private-key JWT client authentication, the
//! `jti` values already used, and the control routes that manage the keys.
//!
//! Keys come from `--client-public-key` (fixed for the process) or from
//! `POST /_emulator/client-keys` (`{"pem": "..."}` or `{"jwk": {...}}`).
//! `DELETE /_emulator/client-keys` drops only the keys added at run time;
//! `GET` counts both kinds. `POST /_emulator/reset` keeps every key and the
//! used `jti` values: like tokens, they are credentials, not tenant data,
//! and a replayed assertion must stay refused whatever a test resets.
//! All keys belong to the one configured client id.
//!
//! This module owns the key registry and its control routes; it may not
//! touch tenant data or tokens.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use axum::body::Body;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::body;
use crate::errors::ApiError;
use crate::keys::PublicKey;
use crate::product::Product;
use crate::state::AppState;

/// Keys from the command line, keys added at run time, and used `jti`s.
#[derive(Debug, Default)]
pub struct ClientKeys {
    configured: Vec<PublicKey>,
    added: Mutex<Vec<PublicKey>>,
    /// `jti` → the assertion's `exp`; an entry is dropped once its
    /// assertion has expired, since it could no longer be replayed anyway.
    used: Mutex<HashMap<String, u64>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl ClientKeys {
    /// A registry holding the keys given at start-up.
    pub fn new(configured: Vec<PublicKey>) -> Self {
        ClientKeys {
            configured,
            ..ClientKeys::default()
        }
    }

    /// Adds a run-time key; returns how many keys are now registered.
    pub fn add(&self, key: PublicKey) -> usize {
        let mut added = lock(&self.added);
        added.push(key);
        self.configured.len() + added.len()
    }

    /// Drops the run-time keys; returns how many were dropped.
    pub fn clear_added(&self) -> usize {
        std::mem::take(&mut *lock(&self.added)).len()
    }

    /// `(configured, added)` key counts.
    pub fn counts(&self) -> (usize, usize) {
        (self.configured.len(), lock(&self.added).len())
    }

    /// True when some registered key for `alg` verifies `sig` over `input`.
    pub fn any_verifies(&self, alg: &str, input: &[u8], sig: &[u8]) -> bool {
        let check = |k: &PublicKey| k.alg() == alg && k.verifies(input, sig);
        self.configured.iter().any(check) || lock(&self.added).iter().any(check)
    }

    /// Records `jti` (valid until `exp`); false when it was already used.
    pub fn first_use(&self, jti: &str, exp: u64, now: u64) -> bool {
        let mut used = lock(&self.used);
        used.retain(|_, e| *e > now);
        if used.contains_key(jti) {
            return false;
        }
        used.insert(jti.to_string(), exp);
        true
    }
}

/// The `/_emulator/client-keys` routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/_emulator/client-keys", post(add).get(list).delete(clear))
}

/// Reads `{"pem": "..."}` or `{"jwk": {...}}`.
fn parse_body(v: &Value) -> Result<PublicKey, String> {
    let obj = v.as_object().ok_or("body must be a JSON object")?;
    match (obj.get("pem"), obj.get("jwk"), obj.len()) {
        (Some(Value::String(pem)), None, 1) => PublicKey::from_pem(pem),
        (None, Some(jwk), 1) => PublicKey::from_jwk(jwk),
        _ => {
            Err(r#"body must be {"pem": "-----BEGIN PUBLIC KEY-----..."} or {"jwk": {...}}"#.into())
        }
    }
}

async fn add(State(s): State<AppState>, raw: Body) -> Result<Response, ApiError> {
    let v = body::json(Product::OTHER, raw).await?;
    let key = parse_body(&v).map_err(|e| ApiError::invalid_body(Product::OTHER, e))?;
    let alg = key.alg();
    let keys = s.runtime.client_keys.add(key);
    Ok(Json(json!({ "status": "added", "alg": alg, "keys": keys })).into_response())
}

async fn list(State(s): State<AppState>) -> Response {
    let (configured, added) = s.runtime.client_keys.counts();
    Json(json!({ "configured": configured, "added": added })).into_response()
}

async fn clear(State(s): State<AppState>) -> Response {
    let removed = s.runtime.client_keys.clear_added();
    let (configured, _) = s.runtime.client_keys.counts();
    Json(json!({ "status": "cleared", "removed": removed, "configured": configured }))
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jti_is_accepted_once_until_it_expires() {
        let keys = ClientKeys::default();
        assert!(keys.first_use("a", 100, 50));
        assert!(!keys.first_use("a", 100, 60));
        assert!(keys.first_use("b", 100, 60));
        // Once expired, the entry is swept (the assertion itself would be
        // refused for its exp by then).
        assert!(keys.first_use("a", 300, 200));
    }

    #[test]
    fn bodies_name_exactly_one_key() {
        assert!(parse_body(&json!({})).is_err());
        assert!(parse_body(&json!({"pem": 5})).is_err());
        assert!(parse_body(&json!({"pem": "x", "jwk": {}})).is_err());
        assert!(parse_body(&json!({"jwk": {"kty": "oct", "k": "AA"}})).is_err());
        assert!(parse_body(&json!([1])).is_err());
    }
}
