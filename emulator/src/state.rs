//! Shared application state handed to every handler.
//! It owns the state's assembly and locking; it may not hold request
//! behaviour.

use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::auth::Tokens;
use crate::cache::PageCache;
use crate::client_keys::ClientKeys;
use crate::config::Config;
use crate::faults::Faults;
use crate::gateway::Gateway;
use crate::legacy::zia::Sessions;
use crate::modes::Modes;
use crate::product::Registry;
use crate::ratelimit::Limiter;
use crate::seed;
use crate::spec::SpecIndex;
use crate::stats::Stats;
use crate::store::Store;

/// Cheap-to-clone handle on the emulator's state.
///
/// Tokens and sessions live apart from the tenant data so that a reset does
/// not log clients out, and an expiry sweep does not touch the data.
#[derive(Clone)]
pub struct AppState {
    /// Immutable settings.
    pub config: Arc<Config>,
    /// Tenant data; held only briefly and never across an await. Use
    /// [`AppState::store`], which keeps the generation count.
    pub store: Arc<Mutex<Store>>,
    /// Bumped on every mutable access to the store (see [`StoreGuard`]).
    pub generation: Arc<AtomicU64>,
    /// Issued access tokens (OneAPI and legacy ZPA).
    pub tokens: Arc<Mutex<Tokens>>,
    /// Open legacy ZIA sessions.
    pub sessions: Arc<Mutex<Sessions>>,
    /// Switches, counters, faults and rate-limit windows.
    pub runtime: Arc<Runtime>,
    /// The products and spec operations served.
    pub spec: &'static SpecIndex,
}

/// Everything the control API changes besides the data.
#[derive(Debug)]
pub struct Runtime {
    /// Read-only mode, edit lock, rate limiting.
    pub modes: Modes,
    /// Request counters.
    pub stats: Stats,
    /// Pending fault rules.
    pub faults: Faults,
    /// Rate-limit windows.
    pub limiter: Limiter,
    /// The gateway's informational rate-limit windows.
    pub gateway: Gateway,
    /// Rendered list pages.
    pub pages: PageCache,
    /// Public keys for private-key JWT client authentication.
    pub client_keys: ClientKeys,
}

/// The locked store. Any mutable access bumps the store generation, so
/// caches keyed on it cannot miss a change, whichever handler made it.
pub struct StoreGuard<'a> {
    guard: MutexGuard<'a, Store>,
    generation: &'a AtomicU64,
}

impl StoreGuard<'_> {
    /// The generation as of now; stable while this guard is held and not
    /// used mutably.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }
}

impl Deref for StoreGuard<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.guard
    }
}

impl DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        self.generation.fetch_add(1, Ordering::SeqCst);
        &mut self.guard
    }
}

impl AppState {
    /// Builds state seeded according to `config` (seed, seed file, bulk).
    pub fn try_new(config: Config) -> Result<Self, String> {
        // Index the embedded specs now rather than on the first request.
        AppState::with_spec(config, crate::spec::index())
    }

    /// Builds state serving the products and operations of `spec` (tests
    /// pass an index of their own specs and registry).
    pub fn with_spec(config: Config, spec: &'static SpecIndex) -> Result<Self, String> {
        let store = seed::tenant(&config, config.seed)?;
        let runtime = Runtime {
            modes: Modes::new(config.rate_limits),
            stats: Stats::default(),
            faults: Faults::default(),
            limiter: Limiter::default(),
            gateway: Gateway::default(),
            pages: PageCache::default(),
            client_keys: ClientKeys::new(config.client_public_keys.clone()),
        };
        Ok(AppState {
            config: Arc::new(config),
            store: Arc::new(Mutex::new(store)),
            generation: Arc::new(AtomicU64::new(0)),
            tokens: Arc::new(Mutex::new(Tokens::default())),
            sessions: Arc::new(Mutex::new(Sessions::default())),
            runtime: Arc::new(runtime),
            spec,
        })
    }

    /// Like [`AppState::try_new`], but a seed file or bulk request that
    /// cannot be applied is reported on stderr and left out.
    pub fn new(config: Config) -> Self {
        match AppState::try_new(config.clone()) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("zscaler-emulator: {e}; starting with the plain seed");
                let plain = Config {
                    seed_file: None,
                    bulk: Vec::new(),
                    ..config
                };
                AppState::try_new(plain).expect("the built-in seeds always apply")
            }
        }
    }

    /// Locks the tenant data. A panic in another handler must not wedge the
    /// emulator for the rest of a test run, so poisoning is ignored.
    pub fn store(&self) -> StoreGuard<'_> {
        StoreGuard {
            guard: self.store.lock().unwrap_or_else(|e| e.into_inner()),
            generation: &self.generation,
        }
    }

    /// The products served.
    pub fn products(&self) -> Registry {
        self.spec.products
    }

    /// Locks the token registry (poisoning ignored, as for the store).
    pub fn tokens(&self) -> MutexGuard<'_, Tokens> {
        self.tokens.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Locks the ZIA session registry (poisoning ignored).
    pub fn sessions(&self) -> MutexGuard<'_, Sessions> {
        self.sessions.lock().unwrap_or_else(|e| e.into_inner())
    }
}
