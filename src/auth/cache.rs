//! The per-client credential cache and its single-flight minting.
//!
//! Calls that find a mint under way wait on their own timer and look
//! again, rather than awaiting the minting call. In Workers each request
//! has its own I/O context: a request parked on another request's promise
//! has nothing pending of its own, so the runtime cancels it as hung, and
//! if the minting request is cancelled first, an awaited lock would never
//! be released for the rest of the isolate's life.

use super::{legacy, legacy_key, oauth, Cold, Credential, Minted, TokenSource};
use crate::clock::now_ms;
use crate::http::{HttpRequest, HttpResponse};
use crate::send::{Label, Sender};
use crate::Error;
use std::sync::{Mutex, MutexGuard};

/// First and longest pause between looks while another call mints.
const WAIT_FIRST_MS: u64 = 5;
const WAIT_MAX_MS: u64 = 50;
/// A mint running longer than this (or than the call timeout, if shorter)
/// is taken to be abandoned, its request cancelled, and the next caller
/// mints instead. A token endpoint slower than this only costs a second
/// token; waiting out a full timeout would stall every call behind it.
const ABANDONED_AFTER_MS: u64 = 5_000;

/// What the cache holds between calls.
#[derive(Default)]
struct Slot {
    minted: Option<Minted>,
    /// When the mint under way started; `None` when none is.
    minting_since: Option<f64>,
    /// Counts mints started, so a finished or dropped mint that was taken
    /// over clears only its own marker.
    generation: u64,
}

/// A token source plus its cached credential.
pub(crate) struct TokenCache {
    source: TokenSource,
    slot: Mutex<Slot>,
}

impl std::fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenCache")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

/// A token request that got no answer stays a transport error (the send
/// loop retries it), saying which request failed; a refusal is an
/// [`Error::Auth`] made from the answer.
fn from_token_call(e: Error) -> Error {
    match e {
        Error::Transport { message, context } => Error::Transport {
            message: format!("token request: {message}"),
            context,
        },
        other => other,
    }
}

/// Clears the minting marker when a mint ends, even by being dropped.
struct Minting<'a> {
    cache: &'a TokenCache,
    generation: u64,
}

impl Drop for Minting<'_> {
    fn drop(&mut self) {
        let mut slot = self.cache.lock();
        if slot.generation == self.generation {
            slot.minting_since = None;
        }
    }
}

/// What a caller found when it looked.
enum Look {
    Valid(Credential, f64),
    MintNow(u64),
    Wait,
}

impl TokenCache {
    pub(crate) fn new(source: TokenSource) -> Self {
        Self {
            source,
            slot: Mutex::new(Slot::default()),
        }
    }

    /// The slot; never held across an await. A poisoned lock only means
    /// another call panicked between two plain assignments.
    fn lock(&self) -> MutexGuard<'_, Slot> {
        self.slot.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn look(&self, timeout_ms: u64) -> Look {
        let now = now_ms();
        let mut slot = self.lock();
        if let Some(m) = slot.minted.as_ref().filter(|m| now < m.refresh_at_ms) {
            return Look::Valid(m.credential.clone(), m.expires_at_ms);
        }
        let abandoned = |since: f64| now - since > timeout_ms.min(ABANDONED_AFTER_MS) as f64;
        if slot.minting_since.is_some_and(|since| !abandoned(since)) {
            return Look::Wait;
        }
        slot.minting_since = Some(now);
        slot.generation += 1;
        Look::MintNow(slot.generation)
    }

    /// A valid credential and its expiry, fetched only when the cached one
    /// is missing or due, and by one call at a time.
    pub(crate) async fn credential(
        &self,
        sender: &Sender,
        timeout_ms: u64,
    ) -> Result<(Credential, f64), Error> {
        let mut wait = WAIT_FIRST_MS;
        let generation = loop {
            match self.look(timeout_ms) {
                Look::Valid(credential, expires) => return Ok((credential, expires)),
                Look::MintNow(generation) => break generation,
                Look::Wait => {
                    crate::sleep::sleep(wait).await;
                    wait = (wait * 2).min(WAIT_MAX_MS);
                }
            }
        };
        let _minting = Minting {
            cache: self,
            generation,
        };
        let fresh = self.mint(sender, timeout_ms).await?;
        let out = (fresh.credential.clone(), fresh.expires_at_ms);
        self.lock().minted = Some(fresh);
        Ok(out)
    }

    /// Ask the provider for a fresh credential. Whatever the server says
    /// back is scrubbed of our secrets, raw and form-encoded, in case it
    /// echoes the request.
    async fn mint(&self, sender: &Sender, timeout_ms: u64) -> Result<Minted, Error> {
        self.mint_raw(sender, timeout_ms).await.map_err(|e| {
            self.source.secrets().iter().fold(e, |e, s| {
                let encoded = oauth::form_encode(&[("", s)]);
                e.redacted(s).redacted(encoded.trim_start_matches('='))
            })
        })
    }

    async fn mint_raw(&self, sender: &Sender, timeout_ms: u64) -> Result<Minted, Error> {
        match &self.source {
            TokenSource::Session => Ok(Minted::new(Credential::None, f64::MAX)),
            TokenSource::LegacySession { .. }
            | TokenSource::LegacyKey { .. }
            | TokenSource::LegacyZpa { .. } => self.mint_legacy(sender, timeout_ms).await,
            _ => {
                let req = oauth::token_request(&self.source, now_ms()).await?;
                let (resp, named) = token_call(sender, req, timeout_ms, "mintToken").await?;
                oauth::parse_token(&resp)
                    .map(|(t, ms)| Minted::new(Credential::Bearer(t), ms))
                    .map_err(named)
            }
        }
    }

    /// The legacy logins, behind a [`Cold`] future: a OneAPI client's first
    /// call never compiles them.
    fn mint_legacy<'a>(
        &'a self,
        sender: &'a Sender,
        timeout_ms: u64,
    ) -> Cold<'a, Result<Minted, Error>> {
        Box::pin(async move {
            match &self.source {
                TokenSource::LegacySession { .. } => {
                    let req = legacy::session_login(&self.source, now_ms())?;
                    let (resp, named) = token_call(sender, req, timeout_ms, "mintToken").await?;
                    legacy::session_cookie(&resp)
                        .map(|(c, ms)| Minted::new(c, ms))
                        .map_err(named)
                }
                TokenSource::LegacyKey { login, .. } => {
                    let req = legacy_key::login(&self.source, now_ms())?;
                    let (resp, named) = token_call(sender, req, timeout_ms, "mintToken").await?;
                    legacy_key::credential(*login, &resp, now_ms())
                        .map(|(c, ms)| Minted::new(c, ms))
                        .map_err(named)
                }
                TokenSource::LegacyZpa { .. } => {
                    let req = legacy::zpa_signin(&self.source)?;
                    let (resp, named) = token_call(sender, req, timeout_ms, "mintToken").await?;
                    oauth::parse_token(&resp)
                        .map(|(t, ms)| Minted::new(Credential::Bearer(t), ms))
                        .map_err(named)
                }
                _ => Err(Error::config("this auth mode has no legacy login")),
            }
        })
    }

    /// Forget `stale` after the API refused it. A credential that another
    /// call already replaced is kept, so one 401 never causes two mints.
    pub(crate) fn invalidate(&self, stale: &Credential) {
        let mut slot = self.lock();
        if slot.minted.as_ref().is_some_and(|m| &m.credential == stale) {
            slot.minted = None;
        }
    }

    /// End a legacy session on the server and forget it. Other sources have
    /// nothing to end: their tokens simply expire.
    pub(crate) async fn sign_out(&self, sender: &Sender, timeout_ms: u64) -> Result<(), Error> {
        let Some(current) = self.lock().minted.take() else {
            return Ok(());
        };
        let Some(req) = legacy::logout(&self.source, &current.credential) else {
            return Ok(());
        };
        let (resp, _) = token_call(sender, req, timeout_ms, "signOut").await?;
        if resp.is_success() {
            Ok(())
        } else {
            Err(oauth::auth_error(&resp))
        }
    }
}

/// Send a token call (`operation`: minting or signing out). Token calls
/// skip pacing (they count against no API limit) but go through the
/// sender, so hooks and redacted log events see them. Answers the response
/// and a naming of the call, for the errors of reading that response.
async fn token_call(
    sender: &Sender,
    req: HttpRequest,
    timeout_ms: u64,
    operation: &'static str,
) -> Result<(HttpResponse, impl FnOnce(Error) -> Error), Error> {
    let (method, url) = (req.method, req.url.clone());
    let label = Label {
        operation,
        url: &url,
        attempt: 1,
    };
    let resp = sender
        .send(req, timeout_ms, &label)
        .await
        .map_err(from_token_call)?;
    Ok((resp, move |e: Error| e.at(method, &url, operation)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache() -> TokenCache {
        TokenCache::new(TokenSource::Session)
    }

    #[test]
    fn a_running_mint_makes_others_wait_until_it_looks_abandoned() {
        let c = cache();
        assert!(matches!(c.look(30_000), Look::MintNow(1)));
        assert!(matches!(c.look(30_000), Look::Wait));
        // Started long ago: its request is gone, so the next caller mints.
        c.lock().minting_since = Some(now_ms() - ABANDONED_AFTER_MS as f64 - 10.0);
        assert!(matches!(c.look(30_000), Look::MintNow(2)));
        // A short call timeout shortens the wait too.
        c.lock().minting_since = Some(now_ms() - 300.0);
        assert!(matches!(c.look(200), Look::MintNow(3)));
    }

    #[test]
    fn an_ended_mint_clears_only_its_own_marker() {
        let c = cache();
        let Look::MintNow(first) = c.look(30_000) else {
            panic!("nothing was minting")
        };
        c.lock().minting_since = Some(0.0);
        let Look::MintNow(second) = c.look(30_000) else {
            panic!("the old mint should look abandoned")
        };
        drop(Minting {
            cache: &c,
            generation: first,
        });
        assert!(c.lock().minting_since.is_some(), "the takeover still runs");
        drop(Minting {
            cache: &c,
            generation: second,
        });
        assert!(c.lock().minting_since.is_none());
    }

    #[test]
    fn a_cached_credential_is_handed_out_until_its_refresh_time() {
        let c = cache();
        c.lock().minted = Some(Minted::new(
            Credential::Bearer(crate::Secret::new("t")),
            3_600_000.0,
        ));
        assert!(matches!(
            c.look(30_000),
            Look::Valid(Credential::Bearer(_), _)
        ));
        c.lock().minted.as_mut().unwrap().refresh_at_ms = now_ms() - 1.0;
        assert!(matches!(c.look(30_000), Look::MintNow(_)));
    }
}
