//! Shared application state handed to every handler.

use std::sync::{Arc, Mutex, MutexGuard};

use crate::auth::Tokens;
use crate::config::Config;
use crate::seed;
use crate::store::Store;

/// Cheap-to-clone handle on the emulator's state.
///
/// Tokens live apart from the tenant data so that a reset does not log
/// clients out, and an expiry sweep does not touch the data.
#[derive(Clone)]
pub struct AppState {
    /// Immutable settings.
    pub config: Arc<Config>,
    /// Tenant data; held only briefly and never across an await.
    pub store: Arc<Mutex<Store>>,
    /// Issued access tokens.
    pub tokens: Arc<Mutex<Tokens>>,
}

impl AppState {
    /// Builds state seeded according to `config.seed`.
    pub fn new(config: Config) -> Self {
        let store = seed::build(config.seed);
        AppState {
            config: Arc::new(config),
            store: Arc::new(Mutex::new(store)),
            tokens: Arc::new(Mutex::new(Tokens::default())),
        }
    }

    /// Locks the tenant data. A panic in another handler must not wedge the
    /// emulator for the rest of a test run, so poisoning is ignored.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Locks the token registry (poisoning ignored, as for the store).
    pub fn tokens(&self) -> MutexGuard<'_, Tokens> {
        self.tokens.lock().unwrap_or_else(|e| e.into_inner())
    }
}
