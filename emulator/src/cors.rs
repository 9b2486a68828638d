//! CORS for browser clients (the wasm build runs in pages on other origins).
//!
//! Hand-rolled rather than tower-http so that it wraps *every* response,
//! including 401s, 404s and 413s produced before routing succeeds: a browser
//! hides any response lacking these headers, which would turn an informative
//! API error into an opaque network failure.
//!
//! This layer owns the CORS headers only; it may not refuse requests.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Methods announced on preflight.
pub const ALLOW_METHODS: &str = "GET,POST,PUT,DELETE,PATCH,OPTIONS";
/// Headers allowed when the preflight does not name any.
pub const DEFAULT_ALLOW_HEADERS: &str =
    "authorization,content-type,accept,api-version,x-csrf-token,x-request-id";
/// Response headers scripts may read (rate limiting and correlation).
pub const EXPOSE_HEADERS: &str =
    "retry-after,x-ratelimit-limit,x-ratelimit-remaining,x-ratelimit-reset,x-request-id,x-zscaler-mode";
/// Seconds a browser may cache a preflight.
pub const MAX_AGE: &str = "600";

/// Middleware: answers preflights and decorates every other response.
pub async fn layer(req: Request, next: Next) -> Response {
    let origin = allow_origin(req.headers());
    if req.method() == Method::OPTIONS {
        let allow_headers = req
            .headers()
            .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
            .cloned()
            .unwrap_or_else(|| HeaderValue::from_static(DEFAULT_ALLOW_HEADERS));
        let mut resp = StatusCode::NO_CONTENT.into_response();
        let h = resp.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(ALLOW_METHODS),
        );
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, allow_headers);
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static(MAX_AGE),
        );
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSE_HEADERS),
        );
        h.insert(
            header::VARY,
            HeaderValue::from_static("origin, access-control-request-headers"),
        );
        return resp;
    }
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(EXPOSE_HEADERS),
    );
    h.append(header::VARY, HeaderValue::from_static("origin"));
    resp
}

/// Echoes the request's Origin (so credentialed requests also work) or `*`.
fn allow_origin(headers: &HeaderMap) -> HeaderValue {
    headers
        .get(header::ORIGIN)
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("*"))
}
