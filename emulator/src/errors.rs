//! Error responses in each product's own wire shape, as the product
//! registry describes it (code and message fields, code per error kind).
//!
//! Clients parse errors differently per product, so an emulator that used one
//! generic shape would hide bugs in exactly the code paths it exists to test.
//! This module builds error bodies only; it may not decide which error a
//! request gets.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use crate::product::Product;

/// An error response ready to send; handlers return `Result<_, ApiError>`.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status to send.
    pub status: StatusCode,
    /// JSON body to send.
    pub body: Value,
}

impl ApiError {
    /// Builds an error of `status` whose body follows `product`'s shape.
    /// `code` is the machine-readable part (ZPA `id`, ZIA `code`, ZIdentity
    /// `error`); `message` the human-readable one.
    pub fn new(
        product: Product,
        status: StatusCode,
        code: &str,
        message: impl Into<String>,
    ) -> Self {
        let mut body = Map::new();
        body.insert(product.errors.code_field.into(), json!(code));
        body.insert(product.errors.message_field.into(), json!(message.into()));
        let body = Value::Object(body);
        ApiError { status, body }
    }

    /// 400 for a body that is not valid JSON or has a field of the wrong type.
    pub fn invalid_body(product: Product, message: impl Into<String>) -> Self {
        let code = product.errors.invalid_body;
        ApiError::new(product, StatusCode::BAD_REQUEST, code, message)
    }

    /// 400 for a bad query parameter (page size too large, not a number, ...).
    pub fn invalid_param(product: Product, message: impl Into<String>) -> Self {
        let code = product.errors.invalid_param;
        ApiError::new(product, StatusCode::BAD_REQUEST, code, message)
    }

    /// 404 for an id or path that does not exist.
    pub fn not_found(product: Product, message: impl Into<String>) -> Self {
        let code = product.errors.not_found;
        ApiError::new(product, StatusCode::NOT_FOUND, code, message)
    }

    /// 413 for a request body over the size limit.
    pub fn too_large(product: Product, limit: usize) -> Self {
        let code = product.errors.too_large;
        ApiError::new(
            product,
            StatusCode::PAYLOAD_TOO_LARGE,
            code,
            format!("Request body exceeds the {limit} byte limit"),
        )
    }

    /// 405 for a known path with an unsupported method.
    pub fn method_not_allowed(product: Product) -> Self {
        let code = product.errors.method_not_allowed;
        ApiError::new(
            product,
            StatusCode::METHOD_NOT_ALLOWED,
            code,
            "HTTP method not supported on this path",
        )
    }

    /// 401 sent by the bearer check; the OneAPI gateway answers in this shape
    /// for every product, before the product itself sees the request.
    pub fn unauthorized() -> Self {
        ApiError {
            status: StatusCode::UNAUTHORIZED,
            body: json!({
                "detail": "Invalid or expired token",
                "status": "401",
                "title": "Unauthorized",
                "type": ""
            }),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut resp = (self.status, Json(self.body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer error=\"invalid_token\""),
            );
        }
        resp
    }
}
