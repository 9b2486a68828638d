//! Request body reading and shape checking.
//!
//! Every write path validates the whole body before touching state, which is
//! what guarantees "bad request means no state change".
//!
//! It owns reading and type-checking bodies; it may not change state.

use std::future::poll_fn;
use std::pin::Pin;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::errors::ApiError;
use crate::product::Product;
use crate::state::AppState;

/// Largest accepted request body (5 MiB).
pub const MAX_BODY_BYTES: usize = 5 * 1024 * 1024;

/// How much of an oversized body is drained before giving up; draining lets
/// the client finish sending so it reliably sees the 413 instead of a reset.
const MAX_DRAIN_BYTES: usize = 64 * 1024 * 1024;

/// Reads the whole body, or returns 413 once it passes [`MAX_BODY_BYTES`].
pub async fn read(product: Product, mut body: Body) -> Result<Bytes, ApiError> {
    let mut buf: Vec<u8> = Vec::new();
    let mut seen = 0usize;
    loop {
        let frame = poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await;
        let Some(frame) = frame else { break };
        let Ok(frame) = frame else {
            return Err(ApiError::invalid_body(
                product,
                "Request body could not be read",
            ));
        };
        if let Ok(data) = frame.into_data() {
            seen += data.len();
            if seen <= MAX_BODY_BYTES {
                buf.extend_from_slice(&data);
            } else {
                buf = Vec::new();
                if seen > MAX_DRAIN_BYTES {
                    break;
                }
            }
        }
    }
    if seen > MAX_BODY_BYTES {
        return Err(ApiError::too_large(product, MAX_BODY_BYTES));
    }
    Ok(Bytes::from(buf))
}

/// Middleware: reads every request body up front (413 past the limit).
///
/// A handler that answers without reading the body (a GET the Python SDK
/// sends with `{}`, or any request refused by auth or a fault) would make
/// hyper close the connection with those bytes unread, and a close with
/// unread input is a TCP reset that can destroy the response in flight.
pub async fn buffer_layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let product = state.products().of_path(parts.uri.path());
    match read(product, body).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(e) => e.into_response(),
    }
}

/// Reads the body and parses it as JSON (400 in the product's shape if not).
pub async fn json(product: Product, body: Body) -> Result<Value, ApiError> {
    parse_json(product, &read(product, body).await?)
}

/// Parses a read body as JSON (400 in the product's shape if it is not).
pub fn parse_json(product: Product, bytes: &[u8]) -> Result<Value, ApiError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ApiError::invalid_body(product, "Request body is required"));
    }
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::invalid_body(product, format!("Request body is not valid JSON: {e}"))
    })
}

/// Reads the body and requires a JSON object, with `null` members removed
/// (SDKs send `null` for unset optionals; storing them would leak into GETs).
pub async fn object(product: Product, body: Body) -> Result<Map<String, Value>, ApiError> {
    parse_object(product, &read(product, body).await?)
}

/// Parses a read body as a JSON object, `null` members removed (see
/// [`object`]).
pub fn parse_object(product: Product, bytes: &[u8]) -> Result<Map<String, Value>, ApiError> {
    match parse_json(product, bytes)? {
        Value::Object(mut map) => {
            map.retain(|_, v| !v.is_null());
            Ok(map)
        }
        _ => Err(ApiError::invalid_body(
            product,
            "Request body must be a JSON object",
        )),
    }
}

/// The JSON type a known field must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string.
    Str,
    /// `true` / `false`.
    Bool,
    /// An integer.
    Int,
    /// An id: a string of digits or an integer (ZPA accepts both on input).
    Id,
    /// An array of strings.
    StrList,
    /// An array of objects.
    ObjList,
    /// An array of integers.
    IntList,
    /// An object.
    Obj,
}

impl Kind {
    fn matches(self, v: &Value) -> bool {
        match self {
            Kind::Str => v.is_string(),
            Kind::Bool => v.is_boolean(),
            Kind::Int => v.is_i64() || v.is_u64(),
            Kind::Id => {
                v.is_u64()
                    || v.as_str()
                        .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            }
            Kind::StrList => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
            Kind::ObjList => v.as_array().is_some_and(|a| a.iter().all(Value::is_object)),
            Kind::IntList => v
                .as_array()
                .is_some_and(|a| a.iter().all(|x| x.is_i64() || x.is_u64())),
            Kind::Obj => v.is_object(),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Kind::Str => "a string",
            Kind::Bool => "a boolean",
            Kind::Int => "an integer",
            Kind::Id => "a numeric id",
            Kind::StrList => "an array of strings",
            Kind::ObjList => "an array of objects",
            Kind::IntList => "an array of integers",
            Kind::Obj => "an object",
        }
    }
}

/// Checks the types of the listed fields that are present, and that every
/// field in `required` is present. Unlisted fields pass through untouched.
pub fn check(
    product: Product,
    obj: &Map<String, Value>,
    fields: &[(&str, Kind)],
    required: &[&str],
) -> Result<(), ApiError> {
    for name in required {
        if !obj.contains_key(*name) {
            return Err(ApiError::invalid_body(
                product,
                format!("{name} is required"),
            ));
        }
    }
    for (name, kind) in fields {
        if let Some(v) = obj.get(*name) {
            if !kind.matches(v) {
                return Err(ApiError::invalid_body(
                    product,
                    format!("{name} must be {}", kind.describe()),
                ));
            }
        }
    }
    Ok(())
}

/// Normalises an id field given as a number into the string form ZPA returns.
pub fn id_to_string(obj: &mut Map<String, Value>, key: &str) {
    if let Some(n) = obj.get(key).and_then(Value::as_u64) {
        obj.insert(key.to_string(), Value::String(n.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn check_types_and_required() {
        let obj = json!({"name": "a", "enabled": "yes", "id": "12"});
        let obj = obj.as_object().unwrap();
        assert!(check(Product::ZPA, obj, &[("name", Kind::Str)], &["name"]).is_ok());
        assert!(check(Product::ZPA, obj, &[("enabled", Kind::Bool)], &[]).is_err());
        assert!(check(Product::ZPA, obj, &[], &["missing"]).is_err());
        assert!(check(Product::ZPA, obj, &[("id", Kind::Id)], &[]).is_ok());
        assert!(check(Product::ZPA, obj, &[("name", Kind::Id)], &[]).is_err());
    }
}
