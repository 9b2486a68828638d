//! Credentials: where they come from and how long they are reused.
//!
//! One cache per client, behind an async mutex, so fifty concurrent calls
//! on a cold client cause one token request, not fifty. Every provider
//! (OneAPI secret or private key, a backend, legacy ZPA and ZIA) yields a
//! [`Credential`] with a refresh time, and the cache treats them alike.

pub(crate) mod jwt;
mod legacy;
mod oauth;

use crate::clock::now_ms;
use crate::http::HttpRequest;
use crate::transport::Transport;
use crate::{Error, Secret};
use futures_util::lock::Mutex;

pub(crate) use jwt::SigningKey;

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
    /// Legacy ZIA `authenticatedSession` with an obfuscated API key.
    LegacyZia {
        base: String,
        username: String,
        password: Secret,
        api_key: Secret,
    },
}

impl TokenSource {
    /// The secret values this source sends.
    fn secrets(&self) -> Vec<&str> {
        match self {
            TokenSource::ClientSecret { client_secret, .. }
            | TokenSource::LegacyZpa { client_secret, .. } => vec![client_secret.expose()],
            TokenSource::LegacyZia {
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
    /// `Cookie: <name=value>` (legacy ZIA's `JSESSIONID`).
    Cookie(Secret),
}

impl Credential {
    /// Add the credential's header to `headers`.
    pub(crate) fn apply(&self, headers: &mut Vec<(String, String)>) {
        match self {
            Credential::None => {}
            Credential::Bearer(t) => {
                headers.push(("authorization".into(), format!("Bearer {}", t.expose())))
            }
            Credential::Cookie(c) => headers.push(("cookie".into(), c.expose().to_string())),
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

/// A token source plus its cached credential.
pub(crate) struct TokenCache {
    source: TokenSource,
    slot: Mutex<Option<Minted>>,
}

impl std::fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenCache")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

/// A failed token request is an auth failure, whatever the transport said.
fn as_auth_error(e: Error) -> Error {
    match e {
        Error::Transport { message } => Error::Auth {
            status: None,
            message,
            request_id: None,
        },
        other => other,
    }
}

impl TokenCache {
    pub(crate) fn new(source: TokenSource) -> Self {
        Self {
            source,
            slot: Mutex::new(None),
        }
    }

    /// Ask the provider for a fresh credential. Whatever the server says
    /// back is scrubbed of our secrets, raw and form-encoded, in case it
    /// echoes the request.
    async fn mint(&self, transport: &Transport, timeout_ms: u64) -> Result<Minted, Error> {
        self.mint_raw(transport, timeout_ms).await.map_err(|e| {
            self.source.secrets().iter().fold(e, |e, s| {
                let encoded = oauth::form_encode(&[("", s)]);
                e.redacted(s).redacted(encoded.trim_start_matches('='))
            })
        })
    }

    async fn mint_raw(&self, transport: &Transport, timeout_ms: u64) -> Result<Minted, Error> {
        let send = |req: HttpRequest| async move {
            transport.send(req, timeout_ms).await.map_err(as_auth_error)
        };
        match &self.source {
            TokenSource::Session => Ok(Minted::new(Credential::None, f64::MAX)),
            TokenSource::LegacyZia { .. } => {
                let resp = send(legacy::zia_login(&self.source, now_ms())?).await?;
                legacy::zia_session(&resp).map(|(c, ms)| Minted::new(c, ms))
            }
            TokenSource::LegacyZpa { .. } => {
                let resp = send(legacy::zpa_signin(&self.source)?).await?;
                oauth::parse_token(&resp).map(|(t, ms)| Minted::new(Credential::Bearer(t), ms))
            }
            _ => {
                let req = oauth::token_request(&self.source, now_ms()).await?;
                let resp = send(req).await?;
                oauth::parse_token(&resp).map(|(t, ms)| Minted::new(Credential::Bearer(t), ms))
            }
        }
    }

    /// A valid credential and its expiry, fetched only when the cached one
    /// is missing or due.
    pub(crate) async fn credential(
        &self,
        transport: &Transport,
        timeout_ms: u64,
    ) -> Result<(Credential, f64), Error> {
        let mut slot = self.slot.lock().await;
        if let Some(m) = slot.as_ref() {
            if now_ms() < m.refresh_at_ms {
                return Ok((m.credential.clone(), m.expires_at_ms));
            }
        }
        let fresh = self.mint(transport, timeout_ms).await?;
        let out = (fresh.credential.clone(), fresh.expires_at_ms);
        *slot = Some(fresh);
        Ok(out)
    }

    /// Forget `stale` after the API refused it. A credential that another
    /// call already replaced is kept, so one 401 never causes two mints.
    pub(crate) async fn invalidate(&self, stale: &Credential) {
        let mut slot = self.slot.lock().await;
        if slot.as_ref().is_some_and(|m| &m.credential == stale) {
            *slot = None;
        }
    }

    /// End a legacy session on the server and forget it. Other sources have
    /// nothing to end: their tokens simply expire.
    pub(crate) async fn sign_out(
        &self,
        transport: &Transport,
        timeout_ms: u64,
    ) -> Result<(), Error> {
        let mut slot = self.slot.lock().await;
        let Some(current) = slot.take() else {
            return Ok(());
        };
        let Some(req) = legacy::logout(&self.source, &current.credential) else {
            return Ok(());
        };
        let resp = transport
            .send(req, timeout_ms)
            .await
            .map_err(as_auth_error)?;
        if resp.is_success() {
            Ok(())
        } else {
            Err(oauth::auth_error(&resp))
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
        Credential::None.apply(&mut h);
        assert_eq!(
            h,
            vec![
                ("authorization".to_string(), "Bearer t".to_string()),
                ("cookie".to_string(), "JSESSIONID=abc".to_string())
            ]
        );
    }
}
