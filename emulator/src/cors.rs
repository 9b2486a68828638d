//! CORS, off by default: the real Zscaler hosts send no CORS headers, so a
//! page on another origin that calls them directly (with a client secret in
//! the browser) fails; the emulator must fail it the same way. A developer
//! may allow origins with `--cors ORIGIN` (repeatable, or `*`), see
//! [`CorsOrigins`].
//!
//! Hand-rolled rather than tower-http so that, for an allowed origin, it
//! wraps *every* response, including 401s, 404s and 413s produced before
//! routing succeeds: a browser hides any response lacking these headers,
//! which would turn an informative API error into an opaque network
//! failure.
//!
//! This layer owns the CORS headers and the answer to an allowed
//! preflight; it may not refuse requests.

use std::fmt;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

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

/// Which browser origins may read the emulator's responses
/// (`--cors ORIGIN`, repeatable, or `--cors '*'`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CorsOrigins {
    /// No CORS headers at all, as the real service (the default).
    #[default]
    Off,
    /// Any origin (`*`): a local-development allowance for pages whose
    /// origin is not known ahead of time, such as a test runner's.
    Any,
    /// Exactly these origins (`scheme://host[:port]`), echoed back.
    Only(Vec<String>),
}

/// A `--cors` value that is neither `*` nor a bare origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidOrigin(pub String);

impl fmt::Display for InvalidOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not an origin (http[s]://host[:port], no path) or *: {:?}",
            self.0
        )
    }
}

impl std::error::Error for InvalidOrigin {}

impl CorsOrigins {
    /// Adds `origin` (or `*`, which allows every origin) to the allowed set.
    ///
    /// Browsers send `Origin` as scheme, host and port with no path, so a
    /// value with a path or trailing slash could never match and is refused
    /// rather than silently allowing nothing.
    pub fn allow(&mut self, origin: &str) -> Result<(), InvalidOrigin> {
        if origin == "*" {
            *self = CorsOrigins::Any;
            return Ok(());
        }
        let host = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
            .ok_or_else(|| InvalidOrigin(origin.to_string()))?;
        let bad = |c: char| c == '/' || c == '?' || c == '#' || c.is_whitespace();
        if host.is_empty() || host.contains(bad) || HeaderValue::from_str(origin).is_err() {
            return Err(InvalidOrigin(origin.to_string()));
        }
        match self {
            CorsOrigins::Any => {}
            CorsOrigins::Off => *self = CorsOrigins::Only(vec![origin.to_ascii_lowercase()]),
            CorsOrigins::Only(list) => list.push(origin.to_ascii_lowercase()),
        }
        Ok(())
    }

    /// The `access-control-allow-origin` value for a request from `origin`,
    /// or `None` when that origin gets no CORS headers.
    fn allow_origin(&self, origin: Option<&HeaderValue>) -> Option<HeaderValue> {
        match self {
            CorsOrigins::Off => None,
            CorsOrigins::Any => Some(HeaderValue::from_static("*")),
            CorsOrigins::Only(list) => {
                let origin = origin?;
                let text = origin.to_str().ok()?.to_ascii_lowercase();
                list.contains(&text).then(|| origin.clone())
            }
        }
    }
}

/// Middleware: with CORS off, or for an origin not allowed, it does
/// nothing. A preflight then reaches routing like any other `OPTIONS`
/// request and gets what the real gateway most plausibly answers for a
/// method no operation declares: 405 in the product's error shape (404 for
/// paths outside every product), without CORS headers, which the browser
/// reports as a network error. For an allowed origin it answers the
/// preflight itself and decorates every other response.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let policy = &state.config.cors;
    if *policy == CorsOrigins::Off {
        return next.run(req).await;
    }
    let Some(origin) = policy.allow_origin(req.headers().get(header::ORIGIN)) else {
        let mut resp = next.run(req).await;
        // The answer depends on the Origin; caches must not reuse it for
        // an allowed one.
        resp.headers_mut()
            .append(header::VARY, HeaderValue::from_static("origin"));
        return resp;
    };
    let preflight = req.method() == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    if preflight {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_accumulate_and_star_wins() {
        let mut c = CorsOrigins::default();
        c.allow("https://App.example").unwrap();
        c.allow("http://localhost:5173").unwrap();
        assert_eq!(
            c,
            CorsOrigins::Only(vec![
                "https://app.example".into(),
                "http://localhost:5173".into()
            ])
        );
        c.allow("*").unwrap();
        assert_eq!(c, CorsOrigins::Any);
        c.allow("https://other.example").unwrap();
        assert_eq!(c, CorsOrigins::Any);
    }

    #[test]
    fn rejects_what_no_browser_sends_as_an_origin() {
        for bad in [
            "",
            "app.example",
            "https://",
            "https://app.example/",
            "https://app.example/path",
            "ftp://app.example",
            "https://app.example?x",
        ] {
            let err = CorsOrigins::default().allow(bad).unwrap_err();
            assert_eq!(err, InvalidOrigin(bad.to_string()));
        }
    }

    #[test]
    fn matches_the_origin_header_case_insensitively() {
        let mut c = CorsOrigins::default();
        c.allow("https://app.example").unwrap();
        let hv = |s: &'static str| HeaderValue::from_static(s);
        assert_eq!(
            c.allow_origin(Some(&hv("https://APP.example"))),
            Some(hv("https://APP.example"))
        );
        assert_eq!(c.allow_origin(Some(&hv("https://evil.example"))), None);
        assert_eq!(c.allow_origin(None), None);
        assert_eq!(CorsOrigins::Off.allow_origin(Some(&hv("x"))), None);
    }
}
