//! Credentials: where they come from and how long they are reused.
//!
//! Owns the token sources, the cache and the login wire formats. It may not
//! send anything itself (every request goes through `crate::send::Sender`,
//! so hooks and redacted logs see token calls too) and knows no product.
//!
//! One cache per client ([`cache`]), so fifty concurrent calls on a cold
//! client cause one token request, not fifty. Every provider
//! (OneAPI secret or private key, a backend, the legacy logins) yields a
//! [`Credential`] with a refresh time, and the cache treats them alike.

mod cache;
pub(crate) mod jwt;
mod legacy;
mod legacy_key;
mod oauth;

use crate::clock::now_ms;
use crate::Secret;

pub(crate) use cache::TokenCache;
pub(crate) use jwt::SigningKey;
pub(crate) use legacy::{ZIA_SESSION_PATH, ZTW_SESSION_PATH};
pub(crate) use legacy_key::KeyLogin;

/// A future polled through a vtable. A rarely taken branch awaited
/// through one keeps its code out of the caller's state machine, which
/// would otherwise inline it: a wasm engine compiles a function whole on
/// its first call, so every branch inlined into the first call's path costs
/// cold-start time (P3 in BENCHMARKS.md) even when it never runs.
#[cfg(target_arch = "wasm32")]
pub(crate) type Cold<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + 'a>>;
/// See the wasm32 definition; natively the future must be `Send`.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type Cold<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// Refresh this long before the server's expiry, so a token never expires
/// in flight.
pub const REFRESH_MARGIN_MS: f64 = 60_000.0;

/// Where credentials are obtained.
#[derive(Clone, Debug)]
pub(crate) enum TokenSource {
    /// OAuth 2.0 client credentials with a client secret, sent in the form
    /// body or, with `basic`, as HTTP Basic (RFC 6749 §2.3.1).
    ClientSecret {
        token_url: String,
        client_id: String,
        client_secret: Secret,
        basic: bool,
    },
    /// OAuth 2.0 client credentials with a signed JWT assertion (RFC 7523).
    PrivateKey {
        token_url: String,
        client_id: String,
        key: SigningKey,
    },
    /// A same-origin backend that holds the credentials and returns tokens.
    Backend { url: String },
    /// A same-origin backend that authenticates calls by its own session
    /// cookie: no credential is sent at all.
    Session,
    /// Legacy ZPA `/signin` with the API key pair.
    LegacyZpa {
        base: String,
        client_id: String,
        client_secret: Secret,
    },
    /// A legacy `JSESSIONID` session (ZIA `authenticatedSession`, ZTW
    /// `auth`) with an obfuscated API key; `path` is the session endpoint.
    LegacySession {
        base: String,
        path: &'static str,
        username: String,
        password: Secret,
        api_key: Secret,
    },
    /// A legacy API-key token login (ZCC, ZDX, ZWA).
    LegacyKey {
        login: KeyLogin,
        base: String,
        key_id: String,
        key_secret: Secret,
    },
}

impl TokenSource {
    /// The secret values this source sends.
    fn secrets(&self) -> Vec<&str> {
        match self {
            TokenSource::ClientSecret { client_secret, .. }
            | TokenSource::LegacyZpa { client_secret, .. } => vec![client_secret.expose()],
            TokenSource::LegacyKey { key_secret, .. } => vec![key_secret.expose()],
            TokenSource::LegacySession {
                password, api_key, ..
            } => vec![password.expose(), api_key.expose()],
            TokenSource::PrivateKey { .. } | TokenSource::Backend { .. } | TokenSource::Session => {
                Vec::new()
            }
        }
    }
}

/// What authenticates an API call.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) enum Credential {
    /// Nothing: a backend session cookie that the browser adds itself.
    None,
    /// `Authorization: Bearer <token>`.
    Bearer(Secret),
    /// `Cookie: <name=value>` (legacy ZIA's and ZTW's `JSESSIONID`).
    Cookie(Secret),
    /// `auth-token: <jwt>` (legacy ZCC, which reads no Authorization).
    AuthToken(Secret),
}

impl Credential {
    /// Add the credential's header to `headers`.
    pub(crate) fn apply(&self, headers: &mut Vec<(String, String)>) {
        match self {
            Credential::None => {}
            Credential::Bearer(t) => {
                // Not `format!`, for the reason in `Client::url_of`.
                let mut value = String::with_capacity(7 + t.expose().len());
                value.push_str("Bearer ");
                value.push_str(t.expose());
                headers.push(("authorization".into(), value))
            }
            Credential::Cookie(c) => headers.push(("cookie".into(), c.expose().to_string())),
            Credential::AuthToken(t) => headers.push(("auth-token".into(), t.expose().to_string())),
        }
    }
}

/// A credential and when to replace it.
pub(crate) struct Minted {
    pub credential: Credential,
    /// Milliseconds since the epoch at which the server stops accepting it.
    pub expires_at_ms: f64,
    pub refresh_at_ms: f64,
}

/// When to fetch a new credential: a minute early, or at half-life for
/// ones shorter than two minutes.
pub(crate) fn refresh_at(now: f64, lifetime_ms: f64) -> f64 {
    let margin = if lifetime_ms > 2.0 * REFRESH_MARGIN_MS {
        REFRESH_MARGIN_MS
    } else {
        lifetime_ms / 2.0
    };
    now + lifetime_ms - margin
}

impl Minted {
    fn new(credential: Credential, lifetime_ms: f64) -> Self {
        let now = now_ms();
        Self {
            credential,
            expires_at_ms: now + lifetime_ms,
            refresh_at_ms: refresh_at(now, lifetime_ms),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_is_a_minute_early_or_half_life() {
        assert_eq!(refresh_at(0.0, 3_600_000.0), 3_540_000.0);
        assert_eq!(refresh_at(0.0, 60_000.0), 30_000.0);
    }

    #[test]
    fn credentials_become_their_header() {
        let mut h = Vec::new();
        Credential::Bearer(Secret::new("t")).apply(&mut h);
        Credential::Cookie(Secret::new("JSESSIONID=abc")).apply(&mut h);
        Credential::AuthToken(Secret::new("j")).apply(&mut h);
        Credential::None.apply(&mut h);
        assert_eq!(
            h,
            vec![
                ("authorization".to_string(), "Bearer t".to_string()),
                ("cookie".to_string(), "JSESSIONID=abc".to_string()),
                ("auth-token".to_string(), "j".to_string())
            ]
        );
    }
}
