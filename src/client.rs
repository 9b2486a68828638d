//! The client: options, token cache, pacer and sender behind one cheap
//! handle, and the product policies that read the registry (staging,
//! filled parameters). The send loop every call goes through is in
//! `call.rs`; the hooks around each request are in `send.rs`.

use crate::auth::{Credential, TokenCache};
use crate::call_options::CallOptions;
use crate::config::{ClientOptions, Resolved};
use crate::pacing::Pacer;
use crate::request::ApiRequest;
use crate::send::Sender;
use crate::sleep::SleepFn;
use crate::{Error, Product};
use std::sync::Arc;

pub use crate::send::Hooks;

/// A Zscaler API client. Clones share the token cache and connections.
#[derive(Clone, Debug)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
    /// Overrides for the calls of this handle (see
    /// [`Client::with_call_options`]).
    pub(crate) call: Option<Arc<CallOptions>>,
}

pub(crate) struct Inner {
    pub(crate) config: Resolved,
    pub(crate) tokens: TokenCache,
    pub(crate) sender: Sender,
    pub(crate) pacer: Pacer,
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

impl Client {
    /// Build a client; fails with [`Error::Config`] on incomplete options.
    pub fn new(options: ClientOptions) -> Result<Self, Error> {
        Self::with_hooks(options, Hooks::default())
    }

    /// Build a client that waits through `sleep`; tests pass a fake clock.
    pub fn with_sleep(options: ClientOptions, sleep: SleepFn) -> Result<Self, Error> {
        Self::with_hooks(
            options,
            Hooks {
                sleep,
                ..Hooks::default()
            },
        )
    }

    /// Build a client with hooks around every request it sends.
    // wasm32 has one thread, so a JS log hook in the shared state is fine.
    #[cfg_attr(target_arch = "wasm32", allow(clippy::arc_with_non_send_sync))]
    pub fn with_hooks(options: ClientOptions, hooks: Hooks) -> Result<Self, Error> {
        let config = options.resolve()?;
        let tokens = TokenCache::new(config.source.clone());
        Ok(Self {
            inner: Arc::new(Inner {
                config,
                tokens,
                sender: Sender::new(hooks),
                pacer: Pacer::default(),
                pending: Product::ALL.iter().map(|_| Default::default()).collect(),
            }),
            call: None,
        })
    }

    /// A handle on the same client (tokens, pacer, hooks shared) whose calls
    /// use `options` over the client options: a timeout, an attempt budget
    /// or headers for one call or one walk.
    pub fn with_call_options(&self, options: CallOptions) -> Result<Self, Error> {
        Ok(Self {
            inner: self.inner.clone(),
            call: Some(Arc::new(options.checked()?)),
        })
    }

    /// The answer timeout for this handle's calls.
    pub(crate) fn timeout_ms(&self) -> u64 {
        self.call
            .as_ref()
            .and_then(|c| c.timeout_ms)
            .unwrap_or(self.inner.config.timeout_ms)
    }

    /// The bearer token and its expiry (ms since the epoch), for a backend
    /// that hands tokens to callers it has authenticated. Fails for modes
    /// without a bearer token (backend session, legacy ZIA, ZTW and ZCC).
    pub async fn access_token(&self) -> Result<(crate::Secret, f64), Error> {
        let inner = &*self.inner;
        match inner
            .tokens
            .credential(&inner.sender, inner.config.timeout_ms)
            .await?
        {
            (Credential::Bearer(token), expires_at) => Ok((token, expires_at)),
            _ => Err(Error::config("this auth mode has no bearer token")),
        }
    }

    /// End a legacy ZPA, ZIA or ZTW session on the server; a no-op for
    /// OneAPI tokens and the ZCC, ZDX and ZWA legacy tokens, which cannot
    /// be revoked and simply expire.
    pub async fn sign_out(&self) -> Result<(), Error> {
        let inner = &*self.inner;
        inner
            .tokens
            .sign_out(&inner.sender, inner.config.timeout_ms)
            .await
    }

    /// Whether this client made changes to `product` that wait for an
    /// activation; always false for a product that applies writes at once.
    pub fn pending_changes(&self, product: Product) -> bool {
        self.inner.pending[product.index()].load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The staging policy: a write to a product that stages writes leaves
    /// changes pending, its activation clears them, reads change nothing.
    pub(crate) fn note_staging(&self, req: &ApiRequest) {
        use crate::request::Effect;
        if req.product.info().activate.is_none() {
            return;
        }
        let pending = match req.effect {
            Effect::Read => return,
            Effect::Write => true,
            Effect::Activate => false,
        };
        self.inner.pending[req.product.index()]
            .store(pending, std::sync::atomic::Ordering::Relaxed);
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
}
