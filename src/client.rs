//! The client: options, token cache and transport behind one cheap handle.
//! Every generated operation funnels through [`Client::execute`], the single
//! place where base URLs, credentials and error mapping are applied.

use crate::auth::{Credential, TokenCache, TokenSource};
use crate::clock::{jitter, now_ms};
use crate::config::{ClientOptions, Resolved};
use crate::error::{parse_error_body, snippet};
use crate::http::{HttpRequest, HttpResponse};
use crate::log::{redact, LogEvent, LogFn, Phase};
use crate::pacing::Pacer;
use crate::request::ApiRequest;
use crate::retry::{decide, server_wait_ms, Decision, Outcome};
use crate::sleep::SleepFn;
use crate::transport::Transport;

/// Sent natively; browsers forbid setting it, and Workers add their own.
#[cfg(not(target_arch = "wasm32"))]
const USER_AGENT: &str = concat!("zscaler-wasm/", env!("CARGO_PKG_VERSION"));
use crate::{Error, Product};
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// A Zscaler API client. Clones share the token cache and connections.
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    config: Resolved,
    tokens: TokenCache,
    transport: Transport,
    pacer: Pacer,
    sleep: SleepFn,
    log: Option<LogFn>,
    /// One flag per product (registry order): set by a successful write
    /// to a product that stages writes, cleared by its activation.
    pending: Vec<std::sync::atomic::AtomicBool>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .field("tokens", &self.tokens)
            .finish_non_exhaustive()
    }
}

/// The CSRF header our backend worker requires on every forwarded call; a
/// cross-site form or image cannot send a custom header.
pub const CSRF_HEADER: (&str, &str) = ("x-requested-with", "zscaler-wasm");

/// What a client can be given besides its options.
#[derive(Clone)]
pub struct Hooks {
    /// How to wait; tests pass a fake clock.
    pub sleep: SleepFn,
    /// Receives redacted request/response/retry events.
    pub log: Option<LogFn>,
}

impl Default for Hooks {
    fn default() -> Self {
        Self {
            sleep: crate::sleep::real(),
            log: None,
        }
    }
}

impl Client {
    /// Build a client; fails with [`Error::Config`] on incomplete options.
    pub fn new(options: ClientOptions) -> Result<Self, Error> {
        Self::with_hooks(options, Hooks::default())
    }

    /// Build a client that waits through `sleep`; tests pass a fake clock.
    pub fn with_sleep(options: ClientOptions, sleep: SleepFn) -> Result<Self, Error> {
        Self::with_hooks(options, Hooks { sleep, log: None })
    }

    /// Build a client with a custom sleep and a logging hook.
    // wasm32 has one thread, so a JS log hook in the shared state is fine.
    #[cfg_attr(target_arch = "wasm32", allow(clippy::arc_with_non_send_sync))]
    pub fn with_hooks(options: ClientOptions, hooks: Hooks) -> Result<Self, Error> {
        let config = options.resolve()?;
        let tokens = TokenCache::new(config.source.clone());
        Ok(Self {
            inner: Arc::new(Inner {
                config,
                tokens,
                transport: Transport::default(),
                pacer: Pacer::default(),
                sleep: hooks.sleep,
                log: hooks.log,
                pending: Product::ALL.iter().map(|_| Default::default()).collect(),
            }),
        })
    }

    fn log(&self, event: impl FnOnce() -> LogEvent) {
        if let Some(log) = &self.inner.log {
            log(&event());
        }
    }

    /// The bearer token and its expiry (ms since the epoch), for a backend
    /// that hands tokens to callers it has authenticated. Fails for modes
    /// without a bearer token (backend session, legacy ZIA).
    pub async fn access_token(&self) -> Result<(crate::Secret, f64), Error> {
        let inner = &*self.inner;
        match inner
            .tokens
            .credential(&inner.transport, inner.config.timeout_ms)
            .await?
        {
            (Credential::Bearer(token), expires_at) => Ok((token, expires_at)),
            _ => Err(Error::config("this auth mode has no bearer token")),
        }
    }

    /// End a legacy ZPA or ZIA session on the server; a no-op for OneAPI
    /// tokens, which cannot be revoked and simply expire.
    pub async fn sign_out(&self) -> Result<(), Error> {
        let inner = &*self.inner;
        inner
            .tokens
            .sign_out(&inner.transport, inner.config.timeout_ms)
            .await
    }

    /// Whether this client made changes to `product` that wait for an
    /// activation; always false for a product that applies writes at once.
    pub fn pending_changes(&self, product: Product) -> bool {
        let i = Product::ALL.iter().position(|p| *p == product);
        i.is_some_and(|i| self.inner.pending[i].load(std::sync::atomic::Ordering::Relaxed))
    }

    /// The staging policy: a write to a product that stages writes leaves
    /// changes pending, its activation clears them, reads change nothing.
    fn note_staging(&self, req: &ApiRequest) {
        use crate::request::Effect;
        if req.product.info().activate.is_none() {
            return;
        }
        let pending = match req.effect {
            Effect::Read => return,
            Effect::Write => true,
            Effect::Activate => false,
        };
        if let Some(i) = Product::ALL.iter().position(|p| *p == req.product) {
            self.inner.pending[i].store(pending, std::sync::atomic::Ordering::Relaxed);
        }
    }

    /// The value of a filled parameter's option (`customerId`), if set.
    pub(crate) fn option_value(&self, option: &str) -> Option<&str> {
        let config = &self.inner.config;
        match option {
            "customerId" => config.customer_id.as_deref(),
            "microtenantId" => config.microtenant_id.as_deref(),
            _ => None,
        }
    }

    /// A filled parameter's value: the option, or a `ConfigError` naming it
    /// when a required one is missing.
    pub(crate) fn fill(&self, product: Product, param: &str) -> Result<Option<&str>, Error> {
        let Some(fill) = product.info().fills.iter().find(|f| f.param == param) else {
            return Ok(None);
        };
        match self.option_value(fill.option) {
            Some(v) => Ok(Some(v)),
            None if fill.required => Err(Error::config(format!(
                "{} is required for {} calls",
                fill.option,
                product.info().title
            ))),
            None => Ok(None),
        }
    }

    /// Whether answers are checked against the spec (`checkResponses`).
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn checks_responses(&self) -> bool {
        self.inner.config.check_responses
    }

    fn http_request(
        &self,
        req: &ApiRequest,
        credential: &Credential,
    ) -> Result<HttpRequest, Error> {
        let prefix = match self.inner.config.legacy {
            None => req.product.base_path(),
            Some(p) if p == req.product => "",
            Some(p) => {
                return Err(Error::config(format!(
                    "this client uses a legacy {} login and serves only that product",
                    p.base_path().trim_start_matches('/')
                )))
            }
        };
        let mut url = format!("{}{}{}", self.inner.config.api_base, prefix, req.path);
        if !req.query.is_empty() {
            url.push('?');
            url.push_str(&req.query);
        }
        let mut headers = vec![("accept".to_string(), "application/json".to_string())];
        credential.apply(&mut headers);
        if matches!(self.inner.config.source, TokenSource::Session) {
            headers.push((CSRF_HEADER.0.into(), CSRF_HEADER.1.into()));
        }
        #[cfg(not(target_arch = "wasm32"))]
        headers.push(("user-agent".to_string(), USER_AGENT.to_string()));
        headers.extend(self.inner.config.headers.iter().cloned());
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

    fn event(&self, phase: Phase, req: &ApiRequest, attempt: u32) -> LogEvent {
        LogEvent {
            phase,
            operation: req.operation,
            method: req.method,
            url: format!("{}{}", req.product.base_path(), req.path),
            attempt,
            status: None,
            wait_ms: None,
            request_id: None,
            headers: Vec::new(),
            message: None,
        }
    }

    fn log_retry(&self, req: &ApiRequest, attempt: u32, wait_ms: u64) {
        self.log(|| LogEvent {
            wait_ms: Some(wait_ms),
            ..self.event(Phase::Retry, req, attempt)
        });
    }

    /// One attempt: credential, request, send, with log events around it.
    /// The credential is returned so a 401 can invalidate exactly it.
    async fn send_once(
        &self,
        req: &ApiRequest,
        attempt: u32,
        extra_headers: &[(String, String)],
    ) -> Result<(Credential, Result<HttpResponse, Error>), Error> {
        let inner = &*self.inner;
        let timeout = inner.config.timeout_ms;
        let (credential, _) = inner.tokens.credential(&inner.transport, timeout).await?;
        let mut http = self.http_request(req, &credential)?;
        http.headers.extend(extra_headers.iter().cloned());
        self.log(|| LogEvent {
            url: http.url.clone(),
            headers: redact(&http.headers),
            ..self.event(Phase::Request, req, attempt)
        });
        let url = http.url.clone();
        let sent = inner.transport.send(http, timeout).await;
        self.log(|| match &sent {
            Ok(resp) => LogEvent {
                url: url.clone(),
                status: Some(resp.status),
                request_id: resp.request_id(),
                headers: redact(&resp.headers),
                ..self.event(Phase::Response, req, attempt)
            },
            Err(e) => LogEvent {
                url: url.clone(),
                message: Some(e.to_string()),
                ..self.event(Phase::Failure, req, attempt)
            },
        });
        Ok((credential, sent))
    }

    /// Send a caller-built request with this client's credentials and
    /// return whatever the API answers, for a backend that relays calls.
    /// `path` starts with a product prefix (`/zpa/`, `/zia/`, `/ziam/`);
    /// a 401 re-mints the token once, nothing else is retried, so the
    /// caller sees 429s and can apply its own policy.
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
        let inner = &*self.inner;
        let mut reminted = false;
        loop {
            if inner.config.pacing {
                let wait = inner.pacer.reserve(req.product, req.method, now_ms());
                if wait > 0 {
                    (inner.sleep)(wait).await;
                }
            }
            let (credential, sent) = self.send_once(&req, 1, &headers).await?;
            let resp = sent?;
            if resp.status == 401 && !reminted {
                reminted = true;
                inner.tokens.invalidate(&credential);
                continue;
            }
            return Ok(resp);
        }
    }

    /// Send a request with a bearer token, paced to the documented limits.
    /// A 401 discards the token and retries once with a fresh one; 429s,
    /// edit locks, 5xx and lost connections are retried as [`crate::retry`]
    /// decides; any other non-2xx becomes a typed error.
    pub async fn execute(&self, req: ApiRequest) -> Result<HttpResponse, Error> {
        let inner = &*self.inner;
        let mut attempt = 0;
        let mut reminted = false;
        loop {
            attempt += 1;
            if inner.config.pacing {
                let wait = inner.pacer.reserve(req.product, req.method, now_ms());
                if wait > 0 {
                    (inner.sleep)(wait).await;
                }
            }
            let (credential, sent) = self.send_once(&req, attempt, &[]).await?;
            let resp = match sent {
                Ok(resp) if resp.is_success() => {
                    self.note_staging(&req);
                    return Ok(resp);
                }
                Ok(resp) if resp.status == 401 && !reminted => {
                    reminted = true;
                    attempt -= 1;
                    inner.tokens.invalidate(&credential);
                    continue;
                }
                Ok(resp) => resp,
                Err(e) => {
                    let outcome = match e {
                        Error::Timeout { .. } => Outcome::TimedOut,
                        Error::Transport { .. } => Outcome::ConnectionFailed,
                        other => return Err(other),
                    };
                    match decide(
                        &inner.config.retry,
                        req.method,
                        attempt,
                        outcome,
                        now_ms(),
                        jitter(),
                    ) {
                        Decision::RetryAfter(ms) => {
                            self.log_retry(&req, attempt, ms);
                            (inner.sleep)(ms).await;
                            continue;
                        }
                        _ => return Err(e),
                    }
                }
            };
            if let Some(err) = read_only(&resp) {
                return Err(err);
            }
            match decide(
                &inner.config.retry,
                req.method,
                attempt,
                Outcome::Status(&resp),
                now_ms(),
                jitter(),
            ) {
                Decision::RetryAfter(ms) => {
                    self.log_retry(&req, attempt, ms);
                    (inner.sleep)(ms).await
                }
                Decision::TooLong(wait_ms) => {
                    return Err(Error::RetryTooLong {
                        status: resp.status,
                        wait_ms,
                        request_id: resp.request_id(),
                    })
                }
                Decision::GiveUp => return Err(api_error(&resp)),
            }
        }
    }

    /// Send and decode a JSON answer.
    pub async fn call_json<T: DeserializeOwned>(&self, req: ApiRequest) -> Result<T, Error> {
        let resp = self.execute(req).await?;
        decode(&resp)
    }

    /// Send and expect no body of interest.
    pub async fn call_empty(&self, req: ApiRequest) -> Result<(), Error> {
        self.execute(req).await.map(drop)
    }
}

/// Decode a 2xx body, with a typed error that names the failing field.
pub(crate) fn decode<T: DeserializeOwned>(resp: &HttpResponse) -> Result<T, Error> {
    serde_json::from_str(&resp.body).map_err(|e| Error::Decode {
        status: resp.status,
        message: if resp.body.trim().is_empty() {
            "empty body where JSON was expected".to_string()
        } else {
            format!("{e} (body starts: {})", snippet(&resp.body))
        },
        request_id: resp.request_id(),
    })
}

/// ZIA's maintenance mode: a 403 marked read-only is not a permission
/// problem, and says so in its own error type.
fn read_only(resp: &HttpResponse) -> Option<Error> {
    let marked = resp
        .header("x-zscaler-mode")
        .is_some_and(|m| m.eq_ignore_ascii_case("read-only"))
        || resp.body.contains("STATE_READONLY");
    (resp.status == 403 && marked).then(|| Error::ReadOnly {
        message: parse_error_body(&resp.body)
            .1
            .unwrap_or_else(|| "changes are not accepted now".into()),
        request_id: resp.request_id(),
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
    if resp.status == 401 {
        return Error::Auth {
            status: Some(401),
            message,
            request_id,
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
        }
    }

    #[test]
    fn product_error_bodies_become_codes() {
        let zpa = api_error(&resp(
            400,
            r#"{"id":"invalid.request.body","reason":"bad name"}"#,
        ));
        assert_eq!(
            (zpa.code(), zpa.status()),
            ("invalid.request.body".to_string(), Some(400))
        );
        assert_eq!(zpa.request_id(), Some("rid-1"));
        let zia = api_error(&resp(
            409,
            r#"{"code":"EDIT_LOCK_NOT_AVAILABLE","message":"locked"}"#,
        ));
        assert_eq!(zia.code(), "EDIT_LOCK_NOT_AVAILABLE");
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
        };
        assert_eq!(read_only(&ro).unwrap().kind(), "ReadOnlyError");
        assert!(read_only(&resp(403, r#"{"code":"FORBIDDEN"}"#)).is_none());
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
