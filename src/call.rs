//! The send loop: how an API call or a relayed call becomes HTTP exchanges.
//!
//! One loop for both, read from a [`Policy`]: pace to the product's
//! documented limit, take a credential, send through the [`Sender`] (and so
//! through every hook), re-mint once on a 401, then either retry as
//! [`crate::retry`] decides and type the failure (API calls) or hand the
//! answer back whatever its status (relayed calls). Product rules come from
//! the registry: the gateway prefix, the read-only code, the staging policy.
//!
//! [`Sender`]: crate::send::Sender

use crate::auth::{Credential, TokenSource};
use crate::client::{Client, CSRF_HEADER};
use crate::clock::{jitter, now_ms};
use crate::error::{parse_error_body, snippet, Cause, Context};
use crate::http::{HttpRequest, HttpResponse};
use crate::log::{LogEvent, Phase};
use crate::request::{ApiRequest, File};
use crate::retry::{decide, server_wait_ms, Decision, Outcome};
use crate::send::{Label, Policy};
use crate::Error;
use serde::de::DeserializeOwned;

/// Sent natively; browsers forbid setting it, and Workers add their own.
#[cfg(not(target_arch = "wasm32"))]
const USER_AGENT: &str = concat!("zscaler-wasm/", env!("CARGO_PKG_VERSION"));

impl Client {
    fn http_request(
        &self,
        req: &ApiRequest,
        credential: &Credential,
    ) -> Result<HttpRequest, Error> {
        let config = &self.inner.config;
        if let Some(p) = config.legacy.filter(|p| *p != req.product) {
            return Err(Error::config(format!(
                "this client uses a legacy {} login and serves only that product",
                p.name()
            )));
        }
        let url = self.url_of(req);
        let accept = if req.file.is_some() {
            "*/*"
        } else {
            "application/json"
        };
        let mut headers = vec![("accept".to_string(), accept.to_string())];
        credential.apply(&mut headers);
        if matches!(config.source, TokenSource::Session) {
            headers.push((CSRF_HEADER.0.into(), CSRF_HEADER.1.into()));
        }
        #[cfg(not(target_arch = "wasm32"))]
        headers.push(("user-agent".to_string(), USER_AGENT.to_string()));
        headers.extend(config.headers.iter().cloned());
        if let Some(call) = &self.call {
            // The call's value replaces the client's for the same name.
            for (name, value) in &call.headers {
                headers.retain(|(n, _)| n != name);
                headers.push((name.clone(), value.clone()));
            }
        }
        if req.body.is_some() {
            headers.push(("content-type".to_string(), "application/json".to_string()));
        }
        Ok(HttpRequest {
            method: req.method,
            url,
            headers,
            body: req.body.clone(),
        })
    }

    /// Where `req` goes: the API base, the product's gateway prefix (none
    /// for a legacy login, which talks to the product directly), the path
    /// and query.
    fn url_of(&self, req: &ApiRequest) -> String {
        let config = &self.inner.config;
        let prefix = match config.legacy {
            Some(p) if p == req.product => "",
            _ => req.product.base_path(),
        };
        // Pushed, not `format!`: the formatter is otherwise compiled on a
        // cold start's first call for this alone.
        let mut url = String::with_capacity(
            config.api_base.len() + prefix.len() + req.path.len() + req.query.len() + 1,
        );
        url.push_str(&config.api_base);
        url.push_str(prefix);
        url.push_str(&req.path);
        if !req.query.is_empty() {
            url.push('?');
            url.push_str(&req.query);
        }
        url
    }

    /// `e` named with the call it belongs to; built on failure only.
    fn in_call(&self, e: Error, req: &ApiRequest) -> Error {
        e.at(req.method, &self.url_of(req), req.operation)
    }

    /// One attempt: credential, request, send. The credential is returned
    /// so a 401 can invalidate exactly it.
    async fn attempt(
        &self,
        req: &ApiRequest,
        attempt: u32,
        extra_headers: &[(String, String)],
    ) -> Result<(Credential, Result<HttpResponse, Error>), Error> {
        let inner = &*self.inner;
        let (credential, _) = inner
            .tokens
            .credential(&inner.sender, inner.config.timeout_ms)
            .await?;
        let timeout = self.timeout_ms();
        let mut http = self.http_request(req, &credential)?;
        http.headers.extend(extra_headers.iter().cloned());
        let url = http.url.clone();
        let label = Label {
            operation: req.operation,
            url: &url,
            attempt,
        };
        let sent = inner.sender.send(http, timeout, &label).await;
        Ok((credential, sent))
    }

    /// A `retry` or `wait` event: how long and why.
    fn log_wait(&self, req: &ApiRequest, phase: Phase, attempt: u32, wait_ms: u64, why: String) {
        self.inner.sender.emit(|| LogEvent {
            phase,
            operation: req.operation,
            method: req.method,
            url: format!("{}{}", req.product.base_path(), req.path),
            attempt,
            status: None,
            wait_ms: Some(wait_ms),
            request_id: None,
            headers: Vec::new(),
            message: Some(why),
        });
    }

    /// The loop every call goes through; `policy` says what the caller
    /// wants of it. Its errors name the call.
    pub(crate) async fn run(
        &self,
        req: &ApiRequest,
        policy: Policy,
        extra_headers: &[(String, String)],
    ) -> Result<HttpResponse, Error> {
        let sent = self.run_loop(req, policy, extra_headers).await;
        sent.map_err(|e| self.in_call(e, req))
    }

    /// Send `req` as an API call and read its answer with `read`; a
    /// failure of either names the call, so a decode error says which
    /// request it was.
    pub(crate) async fn exchange<T>(
        &self,
        req: ApiRequest,
        read: impl FnOnce(HttpResponse) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let resp = self.run(&req, Policy::API, &[]).await?;
        read(resp).map_err(|e| self.in_call(e, &req))
    }

    async fn run_loop(
        &self,
        req: &ApiRequest,
        policy: Policy,
        extra_headers: &[(String, String)],
    ) -> Result<HttpResponse, Error> {
        let inner = &*self.inner;
        let config = &inner.config;
        let mut attempt = 0;
        let mut reminted = false;
        let retry = match self.call.as_ref().and_then(|c| c.max_attempts) {
            Some(max_attempts) => std::borrow::Cow::Owned(crate::retry::RetryPolicy {
                max_attempts,
                ..config.retry.clone()
            }),
            None => std::borrow::Cow::Borrowed(&config.retry),
        };
        loop {
            attempt += 1;
            if policy.pacing && config.pacing {
                let now = now_ms();
                // A slot further away than a retry may wait (a daily quota)
                // fails now, as a server's long Retry-After does.
                let max_wait = retry.max_retry_ms;
                match inner
                    .pacer
                    .reserve(req.product, req.method, req.operation, now, max_wait)
                {
                    Ok(slot) => {
                        if let Some(limit) = slot.limit {
                            let why = format!(
                                "pacing: {} {} allows {} calls per {}",
                                req.product.info().title,
                                req.method,
                                limit.max,
                                crate::clock::span(limit.window_ms)
                            );
                            self.log_wait(req, Phase::Wait, attempt, slot.wait_ms, why);
                            inner.sender.wait(slot.wait_ms).await;
                        }
                    }
                    Err(refused) => {
                        return Err(Error::LimitReached {
                            operation: req.operation.to_string(),
                            max: refused.limit.max,
                            window_ms: refused.limit.window_ms,
                            wait_ms: refused.wait_ms,
                            reset_at_ms: now as u64 + refused.wait_ms,
                        })
                    }
                }
            }
            let (credential, sent) = match self.attempt(req, attempt, extra_headers).await {
                Ok(pair) => pair,
                // The token call got no answer: nothing reached the API, so
                // any method may try again, as after a lost connection.
                Err(e @ (Error::Transport { .. } | Error::Timeout { .. })) if policy.retries => {
                    let outcome = match e {
                        Error::Timeout { .. } => Outcome::TimedOut,
                        _ => Outcome::ConnectionFailed,
                    };
                    match decide(&retry, "GET", attempt, outcome, now_ms(), jitter()) {
                        Decision::RetryAfter(ms) => {
                            self.log_wait(req, Phase::Retry, attempt, ms, e.to_string());
                            inner.sender.wait(ms).await;
                            continue;
                        }
                        _ => return Err(e),
                    }
                }
                Err(e) => return Err(e),
            };
            let outcome = match &sent {
                Ok(resp) if resp.status == 401 && !reminted => {
                    reminted = true;
                    attempt -= 1;
                    inner.tokens.invalidate(&credential);
                    continue;
                }
                Ok(resp) if resp.is_success() => {
                    self.note_staging(req);
                    return sent;
                }
                _ if !policy.typed_errors => return sent,
                Ok(resp) => {
                    if let Some(err) = read_only(req, resp) {
                        return Err(err);
                    }
                    Outcome::Status(resp)
                }
                Err(Error::Timeout { .. }) => Outcome::TimedOut,
                Err(Error::Transport { .. }) => Outcome::ConnectionFailed,
                Err(_) => return sent,
            };
            let decision = if policy.retries {
                decide(&retry, req.method, attempt, outcome, now_ms(), jitter())
            } else {
                Decision::GiveUp
            };
            match (decision, sent) {
                (Decision::RetryAfter(ms), sent) => {
                    let why = match &sent {
                        Ok(resp) if crate::retry::is_edit_lock(resp) => {
                            format!("HTTP {}: edit lock held", resp.status)
                        }
                        Ok(resp) => format!("HTTP {}", resp.status),
                        Err(e) => e.to_string(),
                    };
                    self.log_wait(req, Phase::Retry, attempt, ms, why);
                    inner.sender.wait(ms).await;
                }
                (Decision::TooLong(wait_ms), Ok(resp)) => {
                    return Err(Error::RetryTooLong {
                        status: resp.status,
                        wait_ms,
                        request_id: resp.request_id(),
                        context: Context::answer(&resp.body),
                    })
                }
                (_, Ok(resp)) => return Err(api_error(&resp)),
                (_, Err(e)) => return Err(e),
            }
        }
    }

    /// Send a caller-built request with this client's credentials and
    /// return whatever the API answers, for a backend that relays calls.
    /// `path` starts with a product's gateway prefix; a 401 re-mints the
    /// token once, nothing else is retried, so the caller sees 429s and can
    /// apply its own policy.
    pub async fn forward(
        &self,
        method: &str,
        path: &str,
        query: &str,
        headers: &[(String, String)],
        body: Option<String>,
    ) -> Result<HttpResponse, Error> {
        let req = crate::forward::request(method, path, query, body)?;
        let headers = crate::forward::headers(headers)?;
        self.run(&req, Policy::FORWARD, &headers).await
    }

    /// Send a request with a bearer token, paced to the documented limits.
    /// A 401 discards the token and retries once with a fresh one; 429s,
    /// edit locks, 5xx and lost connections are retried as [`crate::retry`]
    /// decides; any other non-2xx becomes a typed error.
    pub async fn execute(&self, req: ApiRequest) -> Result<HttpResponse, Error> {
        self.run(&req, Policy::API, &[]).await
    }

    /// Send and decode a JSON answer.
    pub async fn call_json<T: DeserializeOwned>(&self, req: ApiRequest) -> Result<T, Error> {
        self.exchange(req, |resp| decode(&resp)).await
    }

    /// Send and hand over a text answer (a CSV report, a PEM file) as it
    /// came.
    pub async fn call_text(&self, mut req: ApiRequest) -> Result<String, Error> {
        req.file = Some(File::Text);
        self.execute(req).await.map(|resp| resp.body)
    }

    /// Send and hand over a binary answer (an archive, a DER file) byte
    /// for byte.
    pub async fn call_bytes(&self, mut req: ApiRequest) -> Result<Vec<u8>, Error> {
        req.file = Some(File::Bytes);
        self.execute(req).await.map(HttpResponse::into_bytes)
    }

    /// Send and expect no body of interest.
    pub async fn call_empty(&self, req: ApiRequest) -> Result<(), Error> {
        self.execute(req).await.map(drop)
    }
}

/// Decode a 2xx body, with a typed error that names the failing field.
pub(crate) fn decode<T: DeserializeOwned>(resp: &HttpResponse) -> Result<T, Error> {
    serde_json::from_str(&resp.body).map_err(|e| {
        let message = if resp.body.trim().is_empty() {
            "empty body where JSON was expected".to_string()
        } else {
            format!("{e} (body starts: {})", snippet(&resp.body))
        };
        Error::Decode {
            status: resp.status,
            message,
            request_id: resp.request_id(),
            context: Context::answer(&resp.body).with_cause(Cause::new(e)),
        }
    })
}

/// Maintenance mode: a 403 marked read-only (by header, or by the
/// product's read-only code) is not a permission problem, and says so in
/// its own error type.
fn read_only(req: &ApiRequest, resp: &HttpResponse) -> Option<Error> {
    let code = req.product.info().read_only;
    let marked = resp
        .header("x-zscaler-mode")
        .is_some_and(|m| m.eq_ignore_ascii_case("read-only"))
        || (!code.is_empty() && resp.body.contains(code));
    (resp.status == 403 && marked).then(|| Error::ReadOnly {
        message: parse_error_body(&resp.body)
            .1
            .unwrap_or_else(|| "changes are not accepted now".into()),
        request_id: resp.request_id(),
        context: Context::answer(&resp.body),
    })
}

fn api_error(resp: &HttpResponse) -> Error {
    let (code, message) = parse_error_body(&resp.body);
    let request_id = resp.request_id();
    let message = message.unwrap_or_else(|| {
        if resp.body.trim().is_empty() {
            format!("HTTP {}", resp.status)
        } else {
            snippet(&resp.body)
        }
    });
    let context = Context::answer(&resp.body);
    if resp.status == 401 {
        return Error::Auth {
            status: Some(401),
            message,
            request_id,
            context,
        };
    }
    let retry_after_ms = (resp.status == 429)
        .then(|| server_wait_ms(resp, now_ms()))
        .flatten();
    Error::Api {
        status: resp.status,
        code,
        message,
        request_id,
        retry_after_ms,
        context,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![("x-request-id".into(), "rid-1".into())],
            body: body.into(),
            bytes: None,
        }
    }

    #[test]
    fn product_error_bodies_become_codes() {
        let zpa = api_error(&resp(
            400,
            r#"{"id":"invalid.request.body","reason":"bad name"}"#,
        ));
        assert_eq!(
            (zpa.code(), zpa.product_code(), zpa.status()),
            (
                "INVALID".to_string(),
                Some("invalid.request.body"),
                Some(400)
            )
        );
        assert_eq!(zpa.request_id(), Some("rid-1"));
        let zia = api_error(&resp(
            409,
            r#"{"code":"EDIT_LOCK_NOT_AVAILABLE","message":"locked"}"#,
        ));
        assert_eq!(
            (zia.code().as_str(), zia.product_code()),
            ("CONFLICT", Some("EDIT_LOCK_NOT_AVAILABLE"))
        );
        assert!(zia.is_retryable());
        let limited = api_error(&resp(
            429,
            r#"{"message":"Rate Limit (1/SECOND) exceeded","Retry-After":"1 seconds"}"#,
        ));
        assert_eq!(
            (limited.kind(), limited.retry_after_ms()),
            ("RateLimitError", Some(1000))
        );
        let ro = HttpResponse {
            status: 403,
            headers: vec![("x-zscaler-mode".into(), "read-only".into())],
            body: r#"{"code":"STATE_READONLY","message":"maintenance"}"#.into(),
            bytes: None,
        };
        let req = ApiRequest::new(crate::Product::ALL[0], "POST", "x", "/x".into());
        assert_eq!(read_only(&req, &ro).unwrap().kind(), "ReadOnlyError");
        assert!(read_only(&req, &resp(403, r#"{"code":"FORBIDDEN"}"#)).is_none());
        let html = api_error(&resp(502, "<html><title>Bad gateway</title></html>"));
        assert_eq!(html.code(), "HTTP_502");
        assert!(html.is_retryable());
        assert_eq!(api_error(&resp(401, "")).code(), "AUTH_FAILED");
    }

    #[test]
    fn malformed_bodies_are_decode_errors() {
        for body in ["", "{\"list\": [", "<html>", "[1,2]"] {
            let err =
                decode::<std::collections::BTreeMap<String, String>>(&resp(200, body)).unwrap_err();
            assert_eq!(err.code(), "DECODE", "{body}");
        }
    }
}
