//! The one way a request leaves the client.
//!
//! API calls, relayed calls and token requests all pass through
//! [`Sender::send`], which runs the cross-cutting [`Hooks`] around the
//! transport: `before_send` (add a header, a trace id), the transport itself
//! (replaceable: a custom `fetch`, a test double, a proxy), `after_response`,
//! and the redacted `log` events. What differs between callers (retries,
//! pacing, the 401 re-mint, error typing) is a [`Policy`] read by the loop in
//! `client.rs`, so a new cross-cutting concern is added here once, never in
//! each caller.

use crate::http::{HttpRequest, HttpResponse};
use crate::log::{redact, LogEvent, LogFn, Phase};
use crate::sleep::SleepFn;
use crate::transport::Transport;
use crate::Error;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// The answer of a replacement transport.
#[cfg(not(target_arch = "wasm32"))]
pub type SendFuture = Pin<Box<dyn Future<Output = Result<HttpResponse, Error>> + Send>>;
/// The answer of a replacement transport.
#[cfg(target_arch = "wasm32")]
pub type SendFuture = Pin<Box<dyn Future<Output = Result<HttpResponse, Error>>>>;

/// A replacement transport: sends a request with a timeout in ms.
#[cfg(not(target_arch = "wasm32"))]
pub type TransportFn = Arc<dyn Fn(HttpRequest, u64) -> SendFuture + Send + Sync>;
/// A replacement transport: sends a request with a timeout in ms.
#[cfg(target_arch = "wasm32")]
pub type TransportFn = Arc<dyn Fn(HttpRequest, u64) -> SendFuture>;

/// Sees (and may change) each request just before it is sent, after the
/// client has applied credentials; token requests included.
#[cfg(not(target_arch = "wasm32"))]
pub type BeforeSendFn = Arc<dyn Fn(&mut HttpRequest) + Send + Sync>;
/// Sees (and may change) each request just before it is sent.
#[cfg(target_arch = "wasm32")]
pub type BeforeSendFn = Arc<dyn Fn(&mut HttpRequest)>;

/// Sees each answer as it arrives, before retries and error typing.
#[cfg(not(target_arch = "wasm32"))]
pub type AfterResponseFn = Arc<dyn Fn(&HttpResponse) + Send + Sync>;
/// Sees each answer as it arrives, before retries and error typing.
#[cfg(target_arch = "wasm32")]
pub type AfterResponseFn = Arc<dyn Fn(&HttpResponse)>;

/// What a client can be given besides its options: the cross-cutting
/// behaviour of every request it sends (progenitor's `ClientHooks`).
#[derive(Clone)]
pub struct Hooks {
    /// How to wait; tests pass a fake clock.
    pub sleep: SleepFn,
    /// Receives redacted request/response/retry events.
    pub log: Option<LogFn>,
    /// Runs on each request just before it is sent.
    pub before_send: Option<BeforeSendFn>,
    /// Runs on each answer as it arrives.
    pub after_response: Option<AfterResponseFn>,
    /// Sends instead of the built-in transport (global `fetch` on wasm32,
    /// reqwest natively).
    pub transport: Option<TransportFn>,
}

impl Default for Hooks {
    fn default() -> Self {
        Self {
            sleep: crate::sleep::real(),
            log: None,
            before_send: None,
            after_response: None,
            transport: None,
        }
    }
}

/// How the send loop treats one kind of caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Policy {
    /// Retry 429s, edit locks, 5xx and lost connections.
    pub retries: bool,
    /// Wait for the product's documented rate limit before sending.
    pub pacing: bool,
    /// Turn a non-2xx answer into a typed error; otherwise hand it back.
    pub typed_errors: bool,
}

impl Policy {
    /// A generated operation: retried, paced, typed.
    pub const API: Policy = Policy {
        retries: true,
        pacing: true,
        typed_errors: true,
    };
    /// A call relayed by a backend: paced, but the caller sees every
    /// answer (429s included) and applies its own policy.
    pub const FORWARD: Policy = Policy {
        retries: false,
        pacing: true,
        typed_errors: false,
    };
}

/// Names a request in log events.
pub(crate) struct Label<'a> {
    /// operationId, `forward`, or the token call's name.
    pub operation: &'static str,
    /// The URL as logged (never with credentials).
    pub url: &'a str,
    /// 1 for the first try.
    pub attempt: u32,
}

/// The transport with its hooks; shared by the API loop and the token
/// cache.
pub(crate) struct Sender {
    transport: Transport,
    hooks: Hooks,
}

impl Sender {
    /// A sender over the built-in transport, with `hooks` around it.
    pub(crate) fn new(hooks: Hooks) -> Self {
        Self {
            transport: Transport::default(),
            hooks,
        }
    }

    // The check inline, the event built out of line: without a hook, a
    // cold start's first call then compiles neither event builder.
    #[inline(always)]
    fn log(&self, event: impl FnOnce() -> LogEvent) {
        if let Some(log) = &self.hooks.log {
            emit_to(log, event);
        }
    }

    /// Emit a log event built by `event` (only when a hook listens).
    pub(crate) fn emit(&self, event: impl FnOnce() -> LogEvent) {
        self.log(event)
    }

    /// Wait `ms` through the sleep hook.
    pub(crate) async fn wait(&self, ms: u64) {
        (self.hooks.sleep)(ms).await
    }

    /// Send one request: `before_send`, a redacted `request` event, the
    /// transport, `after_response`, and a `response` or `failure` event.
    pub(crate) async fn send(
        &self,
        mut http: HttpRequest,
        timeout_ms: u64,
        label: &Label<'_>,
    ) -> Result<HttpResponse, Error> {
        if let Some(f) = &self.hooks.before_send {
            f(&mut http);
        }
        let method = http.method;
        let event = |phase| LogEvent {
            phase,
            operation: label.operation,
            method,
            url: label.url.to_string(),
            attempt: label.attempt,
            status: None,
            wait_ms: None,
            request_id: None,
            headers: Vec::new(),
            message: None,
        };
        self.log(|| LogEvent {
            headers: redact(&http.headers),
            ..event(Phase::Request)
        });
        let sent = match &self.hooks.transport {
            Some(send) => send(http, timeout_ms).await,
            None => self.transport.send(http, timeout_ms).await,
        }
        .map_err(|e| e.at(method, label.url, label.operation));
        if let (Some(f), Ok(resp)) = (&self.hooks.after_response, &sent) {
            f(resp);
        }
        self.log(|| match &sent {
            Ok(resp) => LogEvent {
                status: Some(resp.status),
                request_id: resp.request_id(),
                headers: redact(&resp.headers),
                ..event(Phase::Response)
            },
            Err(e) => LogEvent {
                message: Some(e.to_string()),
                ..event(Phase::Failure)
            },
        });
        sent
    }
}

#[inline(never)]
fn emit_to(log: &LogFn, event: impl FnOnce() -> LogEvent) {
    log(&event());
}
