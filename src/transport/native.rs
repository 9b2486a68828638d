//! The host transport, on reqwest with rustls.

use crate::http::{HttpRequest, HttpResponse};
use crate::Error;
use std::time::Duration;

/// A pooled HTTP client.
#[derive(Clone, Debug, Default)]
pub struct Transport {
    client: reqwest::Client,
}

impl Transport {
    /// Send one request, giving up after `timeout_ms`.
    pub async fn send(&self, req: HttpRequest, timeout_ms: u64) -> Result<HttpResponse, Error> {
        let method = reqwest::Method::from_bytes(req.method.as_bytes())
            .map_err(|_| Error::invalid(format!("bad HTTP method {}", req.method)))?;
        let mut builder = self
            .client
            .request(method, &req.url)
            .timeout(Duration::from_millis(timeout_ms));
        for (name, value) in &req.headers {
            builder = builder.header(name.as_str(), value);
        }
        if let Some(body) = req.body {
            builder = builder.body(body);
        }
        let mut resp = builder.send().await.map_err(|e| map_err(e, timeout_ms))?;
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect();
        let answer = HttpResponse {
            status,
            headers,
            ..HttpResponse::default()
        };
        let limit = super::MAX_BODY_BYTES;
        if resp.content_length().is_some_and(|n| n > limit as u64) {
            return Err(super::too_large(status, answer.request_id()));
        }
        // Read in chunks so an undeclared huge body stops at the limit.
        let mut bytes = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| map_err(e, timeout_ms))? {
            if bytes.len() + chunk.len() > limit {
                return Err(super::too_large(status, answer.request_id()));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(HttpResponse::from_bytes(status, answer.headers, bytes))
    }
}

fn map_err(e: reqwest::Error, timeout_ms: u64) -> Error {
    if e.is_timeout() {
        return Error::Timeout {
            after_ms: timeout_ms,
            context: Default::default(),
        };
    }
    // reqwest's Display names the URL but never headers or bodies, so it is
    // safe to carry; the source chain says what actually went wrong.
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Error::Transport {
        message,
        context: crate::error::Context::caused_by(crate::error::Cause::new(e)),
    }
}
