//! Unique `x-request-id` on every response, for correlating client logs.
//! This layer owns the request id only; it may not refuse requests.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::random;

/// Header name used for the id.
pub const HEADER: &str = "x-request-id";

/// A new id: random prefix plus a process-wide sequence, so two responses
/// can never share one even if the random part collided.
pub fn new_id() -> String {
    format!("{:016x}-{:08x}", random::u64(), random::sequence())
}

/// Middleware: stamps the response with a fresh id.
pub async fn layer(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let value = HeaderValue::from_str(&new_id()).expect("hex is a valid header value");
    resp.headers_mut()
        .insert(HeaderName::from_static(HEADER), value);
    resp
}
