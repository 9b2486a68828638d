//! The one error type of the crate. Every failure a caller can meet maps to
//! a variant with a stable `code()`, so callers branch on data, not on text.

use std::fmt;

mod context;
mod text;
pub use context::{Cause, Context};
pub use text::parse_error_body;
pub(crate) use text::snippet;

/// Any failure of a client call.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// The client options are incomplete or inconsistent.
    Config { message: String },
    /// An argument of the call is not acceptable; nothing was sent.
    InvalidArgument { message: String },
    /// The credentials were refused, or no token could be obtained.
    Auth {
        status: Option<u16>,
        message: String,
        request_id: Option<String>,
        /// The request and answer; see [`Error::context`].
        context: Context,
    },
    /// The API answered with an error status.
    Api {
        status: u16,
        code: Option<String>,
        message: String,
        request_id: Option<String>,
        /// For 429s: how long the server asked us to wait.
        retry_after_ms: Option<u64>,
        /// The request and answer; see [`Error::context`].
        context: Context,
    },
    /// The tenant is in read-only maintenance mode; writes are refused.
    ReadOnly {
        message: String,
        request_id: Option<String>,
        /// The request and answer; see [`Error::context`].
        context: Context,
    },
    /// The server asked for a longer wait than `maxRetrySeconds` allows.
    RetryTooLong {
        status: u16,
        wait_ms: u64,
        request_id: Option<String>,
        /// The request and answer; see [`Error::context`].
        context: Context,
    },
    /// A documented limit has no room for the call within
    /// `maxRetrySeconds` (a daily quota used up); nothing was sent.
    LimitReached {
        /// operationId of the refused call.
        operation: String,
        /// Calls the limit allows per window.
        max: usize,
        /// The limit's window.
        window_ms: u64,
        /// How long until the limit has room again.
        wait_ms: u64,
        /// When it has room again, in ms since the Unix epoch.
        reset_at_ms: u64,
    },
    /// The caller cancelled the call (an `AbortSignal` in JS); a request in
    /// flight was aborted and nothing more is sent.
    Aborted,
    /// The request never got an HTTP answer (DNS, TLS, connection reset).
    Transport {
        message: String,
        /// The request, and the transport's own error as its cause.
        context: Context,
    },
    /// No answer arrived within the configured timeout.
    Timeout {
        after_ms: u64,
        /// The request; see [`Error::context`].
        context: Context,
    },
    /// The answer was not the JSON the spec promises.
    Decode {
        status: u16,
        message: String,
        request_id: Option<String>,
        /// The request, the answer's excerpt and the parser's error.
        context: Context,
    },
}

/// The variants that follow a sent request, named once for the shared and
/// the mutable accessor.
macro_rules! request_context {
    ($e:expr) => {
        match $e {
            Error::Auth { context, .. }
            | Error::Api { context, .. }
            | Error::ReadOnly { context, .. }
            | Error::RetryTooLong { context, .. }
            | Error::Transport { context, .. }
            | Error::Timeout { context, .. }
            | Error::Decode { context, .. } => Some(context),
            _ => None,
        }
    };
}

impl Error {
    /// The same error with every occurrence of `secret` in its text replaced,
    /// for answers of servers that echo what they were sent (a token
    /// endpoint quoting the posted form, a proxy's debug page).
    pub fn redacted(self, secret: &str) -> Error {
        if secret.len() < 4 {
            return self;
        }
        let scrub = |m: String| {
            if m.contains(secret) {
                m.replace(secret, "<redacted>")
            } else {
                m
            }
        };
        let mut e = match self {
            Error::Config { message } => Error::Config {
                message: scrub(message),
            },
            Error::InvalidArgument { message } => Error::InvalidArgument {
                message: scrub(message),
            },
            Error::Auth {
                status,
                message,
                request_id,
                context,
            } => Error::Auth {
                status,
                message: scrub(message),
                request_id,
                context,
            },
            Error::Api {
                status,
                code,
                message,
                request_id,
                retry_after_ms,
                context,
            } => Error::Api {
                status,
                code: code.map(scrub),
                message: scrub(message),
                request_id,
                retry_after_ms,
                context,
            },
            Error::ReadOnly {
                message,
                request_id,
                context,
            } => Error::ReadOnly {
                message: scrub(message),
                request_id,
                context,
            },
            Error::Transport { message, context } => Error::Transport {
                message: scrub(message),
                context,
            },
            Error::Decode {
                status,
                message,
                request_id,
                context,
            } => Error::Decode {
                status,
                message: scrub(message),
                request_id,
                context,
            },
            other => other,
        };
        if let Some(c) = e.context_mut() {
            c.map_body(scrub);
        }
        e
    }

    /// The request and answer behind the error, where there was one.
    fn context_mut(&mut self) -> Option<&mut Context> {
        request_context!(self)
    }

    /// What the failed call sent and got back: method, URL, operationId,
    /// an excerpt of the answer, the lower-level cause. Empty for failures
    /// before sending (options, arguments, an abort, a used-up quota).
    pub fn context(&self) -> Option<&Context> {
        request_context!(self)
    }

    /// The HTTP method of the failed request.
    pub fn method(&self) -> Option<&str> {
        self.context()?.method()
    }

    /// The URL of the failed request (never with credentials).
    pub fn url(&self) -> Option<&str> {
        self.context()?.url()
    }

    /// The operationId of the failed call; for a used-up quota, the
    /// refused one.
    pub fn operation(&self) -> Option<&str> {
        match self {
            Error::LimitReached { operation, .. } => Some(operation),
            _ => self.context()?.operation(),
        }
    }

    /// A sanitised excerpt of the error answer's body.
    pub fn body(&self) -> Option<&str> {
        self.context()?.body()
    }

    /// Name the request this error belongs to, unless a lower layer (the
    /// token call) already did.
    pub(crate) fn at(mut self, method: &'static str, url: &str, operation: &'static str) -> Self {
        if let Some(c) = self.context_mut() {
            c.fill(method, url, operation);
        }
        self
    }

    /// The HTTP status involved, if there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. }
            | Error::Decode { status, .. }
            | Error::RetryTooLong { status, .. } => Some(*status),
            Error::ReadOnly { .. } => Some(403),
            Error::Auth { status, .. } => *status,
            _ => None,
        }
    }

    /// A stable machine-readable code, the same for every product: for an
    /// API error the meaning of its status (`NOT_FOUND`, `UNAUTHORIZED`,
    /// `FORBIDDEN`, `CONFLICT`, `RATE_LIMITED`, `INVALID`, else
    /// `HTTP_<status>`), with the product's own code in
    /// [`Error::product_code`]; otherwise one of ours (`CONFIG`, `DECODE`...).
    pub fn code(&self) -> String {
        match self {
            Error::Config { .. } => "CONFIG".into(),
            Error::InvalidArgument { .. } => "INVALID_ARGUMENT".into(),
            Error::Auth { .. } => "AUTH_FAILED".into(),
            Error::Api { status, .. } => match status {
                400 | 422 => "INVALID".into(),
                401 => "UNAUTHORIZED".into(),
                403 => "FORBIDDEN".into(),
                404 => "NOT_FOUND".into(),
                409 => "CONFLICT".into(),
                429 => "RATE_LIMITED".into(),
                _ => format!("HTTP_{status}"),
            },
            Error::Transport { .. } => "TRANSPORT".into(),
            Error::Timeout { .. } => "TIMEOUT".into(),
            Error::Decode { .. } => "DECODE".into(),
            Error::ReadOnly { .. } => "STATE_READONLY".into(),
            Error::RetryTooLong { .. } => "RETRY_TOO_LONG".into(),
            Error::LimitReached { .. } => "RATE_LIMITED".into(),
            Error::Aborted => "ABORTED".into(),
        }
    }

    /// The product's own error code, where its answer carried one
    /// (`resource.not.found`, `RESOURCE_NOT_FOUND`, `EDIT_LOCK_NOT_AVAILABLE`):
    /// [`Error::code`] is the same for every product, this one is not.
    pub fn product_code(&self) -> Option<&str> {
        match self {
            Error::Api { code, .. } => code.as_deref(),
            _ => None,
        }
    }

    /// How long the server asked to wait before another try, if it said.
    pub fn retry_after_ms(&self) -> Option<u64> {
        match self {
            Error::Api { retry_after_ms, .. } => *retry_after_ms,
            Error::RetryTooLong { wait_ms, .. } | Error::LimitReached { wait_ms, .. } => {
                Some(*wait_ms)
            }
            _ => None,
        }
    }

    /// The JS class name this error is presented as.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Config { .. } => "ConfigError",
            Error::InvalidArgument { .. } => "InvalidArgumentError",
            Error::Auth { .. } => "AuthError",
            Error::Api { status: 429, .. }
            | Error::RetryTooLong { .. }
            | Error::LimitReached { .. } => "RateLimitError",
            Error::ReadOnly { .. } => "ReadOnlyError",
            Error::Aborted => "AbortError",
            Error::Api { .. } => "ZscalerApiError",
            Error::Transport { .. } => "TransportError",
            Error::Timeout { .. } => "TimeoutError",
            Error::Decode { .. } => "DecodeError",
        }
    }

    /// The request id the gateway gave the failed call, for support tickets.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api { request_id, .. }
            | Error::Auth { request_id, .. }
            | Error::Decode { request_id, .. }
            | Error::ReadOnly { request_id, .. }
            | Error::RetryTooLong { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// Whether sending the same request again may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api {
                status: 409,
                code: Some(c),
                ..
            } => crate::product::is_retry_conflict(c),
            Error::Api { status, .. } => matches!(status, 408 | 429 | 500 | 502 | 503 | 504),
            Error::RetryTooLong { .. } | Error::LimitReached { .. } => true,
            Error::Transport { .. } | Error::Timeout { .. } => true,
            _ => false,
        }
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error::Config {
            message: message.into(),
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::InvalidArgument {
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config { message } => write!(f, "invalid client options: {message}"),
            Error::InvalidArgument { message } => write!(f, "invalid argument: {message}"),
            Error::Auth {
                status: Some(s),
                message,
                ..
            } => {
                write!(f, "authentication failed (HTTP {s}): {message}")
            }
            Error::Auth { message, .. } => write!(f, "authentication failed: {message}"),
            Error::Api {
                status, message, ..
            } => write!(f, "HTTP {status}: {message}"),
            Error::Transport { message, .. } => write!(f, "request failed: {message}"),
            Error::Aborted => f.write_str("the call was aborted"),
            Error::Timeout { after_ms, .. } => write!(f, "no response within {after_ms} ms"),
            Error::Decode {
                status, message, ..
            } => {
                write!(f, "unexpected response body (HTTP {status}): {message}")
            }
            Error::ReadOnly { message, .. } => write!(f, "tenant is read-only: {message}"),
            Error::RetryTooLong {
                status, wait_ms, ..
            } => write!(
                f,
                "HTTP {status}: the server asks to wait {} s, more than maxRetrySeconds allows",
                wait_ms.div_ceil(1000)
            ),
            Error::LimitReached {
                operation,
                max,
                window_ms,
                wait_ms,
                reset_at_ms,
            } => write!(
                f,
                "{operation}: the documented limit of {max} calls per {} is used up, so nothing was sent; \
                 it has room again at {} (in {} s)",
                crate::clock::span(*window_ms),
                crate::clock::iso_utc(*reset_at_ms),
                wait_ms.div_ceil(1000)
            ),
        }
    }
}

impl std::error::Error for Error {
    /// The transport's or the parser's own error, where one lies beneath.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        let cause = self.context()?.cause()?;
        Some(cause.error() as &(dyn std::error::Error + 'static))
    }
}
