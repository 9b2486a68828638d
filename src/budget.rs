//! The rate budget as walks and callers see it: how many page GETs a walk
//! may start now, how far an iterator reads ahead, and the state of each
//! documented limit for a console or a backend to show.

use crate::clock::now_ms;
use crate::pacing::Budget;
use crate::pagination::{Room, DEFAULT_PREFETCH};
use crate::{Client, Product};

/// The pacer's free slots for one paged operation's GETs, read each time
/// a walk decides how many pages to ask for.
#[derive(Clone)]
pub struct PageBudget {
    client: Client,
    product: Product,
    operation: &'static str,
}

impl Room for PageBudget {
    fn room(&self) -> usize {
        let inner = &self.client.inner;
        if !inner.config.pacing {
            // Unpaced: only the walk's own in-flight bound applies.
            return usize::MAX;
        }
        inner
            .pacer
            .room(self.product, "GET", self.operation, now_ms())
    }
}

impl Client {
    /// The budget a walk of `operation` draws its page GETs from: the
    /// same pacer every other call of this client uses, so a walk and a
    /// single call share it instead of competing.
    pub fn page_budget(&self, product: Product, operation: &'static str) -> PageBudget {
        PageBudget {
            client: self.clone(),
            product,
            operation,
        }
    }

    /// Pages an iterator of this handle requests ahead of the one being
    /// consumed ([`crate::CallOptions::prefetch`], else the default).
    pub fn prefetch(&self) -> usize {
        self.call
            .as_ref()
            .and_then(|c| c.prefetch)
            .unwrap_or(DEFAULT_PREFETCH)
    }

    /// Each documented limit of `product` as it stands now: calls free,
    /// and how long until the next one frees when none is. Empty for a
    /// product with no documented limits, or when pacing is off.
    pub fn rate_budget(&self, product: Product) -> Vec<Budget> {
        if !self.inner.config.pacing {
            return Vec::new();
        }
        self.inner.pacer.budgets(product, now_ms())
    }
}
